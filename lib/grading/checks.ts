// Exercise checks: declarative assertions over cluster state, run through the small
// GradingClient interface so they work the same on the simulator and on a real cluster. A check
// never throws: a missing object, a refused request (Forbidden), a dead connection or a broken
// check definition all come back as a failed check whose Korean message says what was expected
// and what was found.

import { executeTemplate, parseTemplate } from '../jsonpath';
import { labelSelectorAsSelector, parseSelector } from '../k8s/labels';
import { RESOURCES } from '../k8s/resources';
import type { KubeObject, LabelSelector, Pod, Service } from '../k8s/types';
import { koreanResourceName, withParticle } from './korean';
import type {
  Check,
  CheckResult,
  ExerciseResult,
  Exercise,
  ExistsCheck,
  GradingClient,
  HostnameIsPodCheck,
  HttpCheck,
  JsonPathCheck,
  JsonPathOp,
  PodsReadyCheck,
  RunChecksOptions,
  SelectorMatchesCheck,
} from './types';

// ---------------------------------------------------------------------------------------------
// Results

type Outcome = Pick<CheckResult, 'passed' | 'expected' | 'found' | 'message'>;

function pass(expected: string, found: string, message: string): Outcome {
  return { passed: true, expected, found, message };
}

/** A failure: `message` is the sentence; the `(기대: …, 실제: …)` part is added here, always. */
function fail(expected: string, found: string, message: string): Outcome {
  return { passed: false, expected, found, message: `${message} (기대: ${expected}, 실제: ${found})` };
}

/** Thrown inside a check to end it with a failure (a missing object on the way, a bad target). */
class CheckFailure extends Error {
  constructor(readonly outcome: Outcome) {
    super(outcome.message);
  }
}

// ---------------------------------------------------------------------------------------------
// Resources and errors

interface ResolvedResource {
  plural: string;
  namespaced: boolean;
}

/**
 * A resource type as kubectl accepts it on the command line (`deployments`, `deployment`,
 * `deploy`, `Deployment`, `deployments.apps`) as its plural. Types Podbook does not know are
 * passed through lower-cased, so a real cluster can still answer for them.
 */
export function resolveResource(type: string): ResolvedResource {
  const lower = type.trim().toLowerCase();
  const dot = lower.indexOf('.');
  const base = dot < 0 ? lower : lower.slice(0, dot);
  const info = RESOURCES.find((r) => r.resource === base || r.singular === base || r.shortNames.includes(base) || r.kind.toLowerCase() === base);
  return info ? { plural: info.resource, namespaced: info.namespaced } : { plural: lower, namespaced: true };
}

interface ErrorInfo {
  reason?: string;
  code?: number;
  message: string;
}

/** lib/k8s ApiError (a Status with reason and code) or any other thrown value, read structurally. */
function errorInfo(e: unknown): ErrorInfo {
  const status = (e as { status?: { reason?: unknown; code?: unknown; message?: unknown } } | null)?.status;
  if (status && typeof status === 'object') {
    return {
      reason: typeof status.reason === 'string' ? status.reason : undefined,
      code: typeof status.code === 'number' ? status.code : undefined,
      message: typeof status.message === 'string' ? status.message : e instanceof Error ? e.message : String(e),
    };
  }
  return { message: e instanceof Error ? e.message : String(e) };
}

function isNotFound(e: unknown): boolean {
  const info = errorInfo(e);
  return info.reason === 'NotFound' || info.code === 404;
}

/**
 * A cluster error as a failed check: what was expected stays, what was found is the error.
 * Forbidden and Unauthorized are named (a learner's namespace token cannot read everything);
 * an error without a Status means the cluster could not be reached.
 */
function clusterFailure(e: unknown, expected: string): Outcome {
  const info = errorInfo(e);
  if (info.reason === 'Forbidden' || info.code === 403) {
    return fail(expected, `권한 없음 (Forbidden)`, `클러스터가 요청을 거부했습니다: ${info.message}`);
  }
  if (info.reason === 'Unauthorized' || info.code === 401) {
    return fail(expected, `인증 실패 (Unauthorized)`, `클러스터가 자격 증명을 받아들이지 않았습니다: ${info.message}`);
  }
  if (info.reason !== undefined || info.code !== undefined) {
    return fail(expected, `API 오류 (${info.reason ?? info.code})`, `API 서버가 오류를 돌려주었습니다: ${info.message}`);
  }
  return fail(expected, '연결 실패', `클러스터에 연결하지 못했습니다: ${info.message}`);
}

/** `디플로이먼트 whoami`, or `네임스페이스 ch02의 디플로이먼트 whoami` when the check names a namespace. */
function subjectOf(plural: string, name: string, namespace: string | undefined): string {
  const what = `${koreanResourceName(plural)} ${name}`;
  return namespace ? `네임스페이스 ${namespace}의 ${what}` : what;
}

function nsFlag(namespace: string | undefined): string {
  return namespace ? ` -n ${namespace}` : '';
}

/** Fetches one object; NotFound ends the check with `…을 찾지 못했습니다 (기대: 존재, 실제: 없음)`. */
async function getOrFail<T extends KubeObject>(
  client: GradingClient,
  res: ResolvedResource,
  namespace: string,
  name: string,
  shownNamespace: string | undefined,
  expected = '존재',
  found = '없음',
): Promise<T> {
  try {
    return await client.get<T>(res.plural, res.namespaced ? namespace : undefined, name);
  } catch (e) {
    if (isNotFound(e)) throw new CheckFailure(fail(expected, found, `${withParticle(subjectOf(res.plural, name, shownNamespace), '을/를')} 찾지 못했습니다`));
    throw e;
  }
}

// ---------------------------------------------------------------------------------------------
// Pods

function isReady(p: Pod): boolean {
  return p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
}

function isServing(p: Pod): boolean {
  return isReady(p) && !p.metadata.deletionTimestamp;
}

/** The STATUS `kubectl get pods` would show, roughly: Terminating, a container's reason, the phase. */
function podState(p: Pod): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  for (const cs of p.status?.containerStatuses ?? []) {
    const reason = cs.state?.waiting?.reason ?? cs.state?.terminated?.reason;
    if (reason) return reason;
  }
  const phase = p.status?.phase ?? 'Pending';
  return phase === 'Running' && !isReady(p) ? 'Running (준비 안 됨)' : phase;
}

/** `전체 2개: ContainerCreating 1개, Running 1개` (the not-yet-ready pods, by state). */
function notReadySummary(pods: Pod[]): string {
  if (pods.length === 0) return '맞는 파드 없음';
  const counts = new Map<string, number>();
  for (const p of pods) if (!isServing(p)) counts.set(podState(p), (counts.get(podState(p)) ?? 0) + 1);
  const parts = [...counts].map(([state, n]) => `${state} ${n}개`);
  return parts.length > 0 ? `전체 ${pods.length}개: ${parts.join(', ')}` : `전체 ${pods.length}개`;
}

function readySince(p: Pod): number {
  const t = p.status?.conditions?.find((c) => c.type === 'Ready')?.lastTransitionTime;
  return t ? Date.parse(t) : Number.NaN;
}

function restarts(p: Pod): number {
  return Math.max(0, ...(p.status?.containerStatuses ?? []).map((c) => c.restartCount));
}

/**
 * kubectl's GetFirstPod order (polymorphichelpers attachablePodForObject with
 * sort.Reverse(podutils.ActivePods)) restricted to Ready pods: ready longest, fewer restarts,
 * older first; by name last, so the choice is stable.
 */
function mostActiveFirst(a: Pod, b: Pod): number {
  const ra = readySince(a);
  const rb = readySince(b);
  if (ra !== rb && !(Number.isNaN(ra) && Number.isNaN(rb))) {
    if (Number.isNaN(ra)) return 1;
    if (Number.isNaN(rb)) return -1;
    return ra - rb;
  }
  if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
  const ca = Date.parse(a.metadata.creationTimestamp ?? '');
  const cb = Date.parse(b.metadata.creationTimestamp ?? '');
  if (ca !== cb && !Number.isNaN(ca) && !Number.isNaN(cb)) return ca - cb;
  return nameOf(a) < nameOf(b) ? -1 : nameOf(a) > nameOf(b) ? 1 : 0;
}

/** metadata.name (always set on stored objects; optional in the type for generateName). */
function nameOf(o: KubeObject): string {
  return o.metadata.name ?? '';
}

function selectorFromMap(m: Record<string, string> | undefined): string {
  return Object.keys(m ?? {})
    .sort()
    .map((k) => `${k}=${m![k]}`)
    .join(',');
}

interface Resolved {
  pod: Pod;
  port: number;
  /** `deploy/whoami (파드 whoami-…-…, 포트 80, 경로 /)` */
  where: string;
}

/**
 * A port-forward target as the pod and port a request reaches, as `kubectl port-forward` picks
 * them (port-forward.go): `pod/x` (or a bare name) is that pod; `deploy/x`, `rs/x` and `svc/x`
 * go through their selector to the most active Ready pod; a service port becomes its targetPort
 * (translateServicePortToTargetPort, a named targetPort through the pod's container ports).
 */
async function resolveTarget(client: GradingClient, check: HttpCheck | HostnameIsPodCheck, namespace: string): Promise<Resolved> {
  const slash = check.target.indexOf('/');
  const type = slash < 0 ? 'pods' : check.target.slice(0, slash);
  const name = slash < 0 ? check.target : check.target.slice(slash + 1);
  const res = resolveResource(type);
  const shownNs = check.namespace;
  const path = check.path ?? '/';
  const describe = (pod: string, port: number) => `${check.target} (파드 ${pod}, 포트 ${port}, 경로 ${path})`;
  if (name === '' || !['pods', 'deployments', 'replicasets', 'services'].includes(res.plural)) {
    throw new CheckFailure(fail('pod/이름, deploy/이름 또는 svc/이름', check.target, `검사 대상 ${withParticle(check.target, '을/를')} 해석할 수 없습니다`));
  }
  if (res.plural === 'pods') {
    const pod = await getOrFail<Pod>(client, res, namespace, name, shownNs);
    return { pod, port: check.port, where: describe(nameOf(pod), check.port) };
  }
  const subject = subjectOf(res.plural, name, shownNs);
  let selector: string;
  let service: Service | undefined;
  if (res.plural === 'services') {
    service = await getOrFail<Service>(client, res, namespace, name, shownNs);
    selector = selectorFromMap(service.spec.selector);
    if (selector === '') throw new CheckFailure(fail('셀렉터가 있는 서비스', '셀렉터 없음', `${withParticle(subject, '은/는')} 셀렉터가 없어 요청을 받을 파드를 고를 수 없습니다`));
  } else {
    const owner = await getOrFail<KubeObject & { spec?: { selector?: LabelSelector } }>(client, res, namespace, name, shownNs);
    const parsed = labelSelectorAsSelector(owner.spec?.selector);
    selector = parsed.ok ? parsed.selector.toString() : '';
    if (!parsed.ok) throw new CheckFailure(fail('올바른 셀렉터', parsed.error, `${subject}의 셀렉터가 올바르지 않습니다`));
  }
  const pods = (await client.list<Pod>('pods', namespace, { labelSelector: selector })).items;
  const ready = pods.filter(isServing).sort(mostActiveFirst);
  if (ready.length === 0) {
    throw new CheckFailure(fail('준비된 파드 1개 이상', `0개 (${notReadySummary(pods)})`, `${subject}의 파드 중 요청을 받을 준비된 파드가 없습니다`));
  }
  const pod = ready[0];
  let port = check.port;
  if (service) {
    const sp = (service.spec.ports ?? []).find((p) => p.port === check.port);
    if (!sp) {
      const have = (service.spec.ports ?? []).map((p) => String(p.port)).join(', ') || '없음';
      throw new CheckFailure(fail(`포트 ${check.port}`, `포트 ${have}`, `${withParticle(subject, '은/는')} ${check.port}번 포트를 열지 않습니다`));
    }
    if (service.spec.clusterIP === 'None') port = sp.port;
    else if (typeof sp.targetPort === 'number') port = sp.targetPort || sp.port;
    else if (sp.targetPort === undefined || /^\d+$/.test(sp.targetPort)) port = Number(sp.targetPort ?? sp.port) || sp.port;
    else {
      const named = sp.targetPort;
      const cp = pod.spec.containers.flatMap((c) => c.ports ?? []).find((p) => p.name === named);
      if (!cp) throw new CheckFailure(fail(`이름이 ${named}인 컨테이너 포트`, '없음', `파드 ${nameOf(pod)}에 이름이 ${named}인 포트가 없습니다`));
      port = cp.containerPort;
    }
  }
  return { pod, port, where: describe(nameOf(pod), port) };
}

/** A body as the check shows it: on one line, the first 120 characters. */
function snippet(body: string): string {
  const flat = body.replace(/\s+/g, ' ').trim();
  if (flat === '') return '본문 없음';
  return `본문 ${flat.length > 120 ? `${flat.slice(0, 120)}…` : flat}`;
}

async function request(client: GradingClient, namespace: string, target: Resolved, path: string): Promise<{ status: number; body: string }> {
  try {
    return await client.podHttp(namespace, nameOf(target.pod), target.port, { method: 'GET', path });
  } catch (e) {
    const info = errorInfo(e);
    if (info.reason !== undefined || info.code !== undefined) throw e;
    throw new CheckFailure(fail('HTTP 응답', info.message, `${target.where}에 연결하지 못했습니다`));
  }
}

// ---------------------------------------------------------------------------------------------
// The checks

async function checkExists(c: ExistsCheck, client: GradingClient, namespace: string): Promise<Outcome> {
  const res = resolveResource(c.resource);
  const subject = subjectOf(res.plural, c.name, c.namespace);
  const obj = await getOrFail(client, res, namespace, c.name, c.namespace);
  if (obj.metadata.deletionTimestamp) return fail('존재', '삭제 중', `${withParticle(subject, '이/가')} 삭제되는 중입니다`);
  return pass('존재', '존재', `${withParticle(subject, '이/가')} 있습니다.`);
}

const OP_TEXT: Record<JsonPathOp, (v: string) => string> = {
  eq: (v) => v,
  ne: (v) => `${v} 아님`,
  gt: (v) => `${v} 초과`,
  ge: (v) => `${v} 이상`,
  lt: (v) => `${v} 미만`,
  le: (v) => `${v} 이하`,
  contains: (v) => `"${v}" 포함`,
  matches: (v) => `정규식 /${v}/에 맞음`,
};

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function asNumber(s: string): number | undefined {
  const t = s.trim();
  return NUMBER.test(t) ? Number(t) : undefined;
}

async function checkJsonPath(c: JsonPathCheck, client: GradingClient, namespace: string): Promise<Outcome> {
  const want = String(c.value);
  const expected = OP_TEXT[c.op] ? OP_TEXT[c.op](want) : want;
  const parsed = parseTemplate(c.path);
  if (!parsed.ok) return fail('올바른 JSONPath', parsed.error, `검사의 JSONPath ${withParticle(c.path, '을/를')} 해석할 수 없습니다`);
  const res = resolveResource(c.resource);
  const subject = subjectOf(res.plural, c.name, c.namespace);
  const obj = await getOrFail(client, res, namespace, c.name, c.namespace, expected, '오브젝트 없음');
  // As `kubectl get -o jsonpath=…` prints it: kubectl's printers allow missing keys, so an unset
  // field reads as empty text rather than an error.
  const out = executeTemplate(parsed.template, obj, { allowMissingKeys: true });
  if (!out.ok) return fail(expected, `JSONPath 오류: ${out.error}`, `${subject}에서 ${c.path} 값을 읽지 못했습니다`);
  const got = out.output;
  const found = got === '' ? '(값 없음)' : got;
  const what = `${subject}의 ${c.path} 값`;
  const gotNum = asNumber(got);
  const wantNum = typeof c.value === 'number' ? c.value : asNumber(want);
  const numeric = gotNum !== undefined && wantNum !== undefined;
  let ok: boolean;
  switch (c.op) {
    case 'eq':
    case 'ne': {
      const same = numeric ? gotNum === wantNum : got === want;
      ok = c.op === 'eq' ? same : !same;
      break;
    }
    case 'gt':
    case 'ge':
    case 'lt':
    case 'le': {
      if (!numeric) return fail(expected, found, `${withParticle(what, '을/를')} 숫자로 비교할 수 없습니다`);
      ok = c.op === 'gt' ? gotNum > wantNum : c.op === 'ge' ? gotNum >= wantNum : c.op === 'lt' ? gotNum < wantNum : gotNum <= wantNum;
      break;
    }
    case 'contains':
      ok = got.includes(want);
      break;
    case 'matches': {
      let re: RegExp;
      try {
        re = new RegExp(want);
      } catch (e) {
        return fail('올바른 정규식', e instanceof Error ? e.message : String(e), `검사의 정규식 ${withParticle(`/${want}/`, '을/를')} 해석할 수 없습니다`);
      }
      ok = re.test(got);
      break;
    }
    default:
      return fail('eq, ne, gt, ge, lt, le, contains, matches 중 하나', String(c.op), '검사의 비교 연산자를 알 수 없습니다');
  }
  if (ok) return pass(expected, found, `${withParticle(what, '이/가')} 조건을 만족합니다: ${found}.`);
  return fail(expected, found, `${withParticle(what, '이/가')} 기대와 다릅니다`);
}

function badSelector(selector: string, error: string): Outcome {
  return fail('올바른 레이블 셀렉터', error, `검사의 셀렉터 ${withParticle(selector, '을/를')} 해석할 수 없습니다`);
}

async function checkPodsReady(c: PodsReadyCheck, client: GradingClient, namespace: string): Promise<Outcome> {
  const sel = parseSelector(c.selector);
  if (!sel.ok) return badSelector(c.selector, sel.error);
  const pods = (await client.list<Pod>('pods', namespace, { labelSelector: c.selector })).items;
  const ready = pods.filter(isServing).length;
  const expected = `${c.count}개 이상`;
  const where = c.namespace ? `네임스페이스 ${c.namespace}에서 ` : '';
  if (ready >= c.count) return pass(expected, `${ready}개`, `${where}${c.selector} 셀렉터에 맞는 파드 ${ready}개가 준비(Ready)되었습니다.`);
  return fail(expected, `${ready}개 (${notReadySummary(pods)})`, `${where}${c.selector} 셀렉터에 맞는 준비(Ready)된 파드가 부족합니다`);
}

async function checkSelectorMatches(c: SelectorMatchesCheck, client: GradingClient, namespace: string): Promise<Outcome> {
  const sel = parseSelector(c.selector);
  if (!sel.ok) return badSelector(c.selector, sel.error);
  const res = resolveResource(c.resource);
  const items = (await client.list(res.plural, res.namespaced ? namespace : undefined, { labelSelector: c.selector })).items;
  const kind = koreanResourceName(res.plural);
  const where = c.namespace ? `네임스페이스 ${c.namespace}에서 ` : '';
  const names = items.map(nameOf);
  const found = names.length === 0 ? '0개' : names.length <= 5 ? `${names.length}개 (${names.join(', ')})` : `${names.length}개`;
  if (items.length === c.count) return pass(`${c.count}개`, found, `${where}${c.selector} 셀렉터에 맞는 ${withParticle(kind, '이/가')} ${c.count}개입니다.`);
  return fail(`${c.count}개`, found, `${where}${c.selector} 셀렉터에 맞는 ${kind} 수가 다릅니다`);
}

async function checkHttp(c: HttpCheck, client: GradingClient, namespace: string): Promise<Outcome> {
  const expected = `"${c.contains}" 포함`;
  const target = await resolveTarget(client, c, namespace);
  const res = await request(client, namespace, target, c.path ?? '/');
  const found = `HTTP ${res.status}, ${snippet(res.body)}`;
  const text = withParticle(`"${c.contains}"`, '이/가');
  if (res.body.includes(c.contains)) return pass(expected, found, `${target.where}의 HTTP 응답에 ${text} 있습니다.`);
  return fail(expected, found, `${target.where}의 HTTP 응답에 ${text} 없습니다`);
}

/**
 * The host name an HTTP answer names: whoami prints `"I'm <hostname> running on <OS>"` (a JSON
 * string); an answer that is nothing but one DNS label is taken as a bare host name.
 */
export function hostnameInAnswer(body: string): string | undefined {
  const m = /I'm\s+([a-z0-9](?:[-a-z0-9.]*[a-z0-9])?)/i.exec(body);
  if (m) return m[1];
  const bare = body.trim().replace(/^"(.*)"$/, '$1').trim();
  return /^[a-z0-9](?:[-a-z0-9]*[a-z0-9])?$/.test(bare) ? bare : undefined;
}

async function checkHostnameIsPod(c: HostnameIsPodCheck, client: GradingClient, namespace: string): Promise<Outcome> {
  const target = await resolveTarget(client, c, namespace);
  const podName = nameOf(target.pod);
  const res = await request(client, namespace, target, c.path ?? '/');
  const host = hostnameInAnswer(res.body);
  if (host === undefined) {
    return fail(`파드 이름 ${podName}`, snippet(res.body), `${target.where}의 HTTP 응답에서 호스트 이름을 찾지 못했습니다`);
  }
  // A pod's hostname is its name unless spec.hostname says otherwise (the kubelet sets the UTS
  // hostname from pod.spec.hostname, else pod.name), so the answer names the pod that served it.
  if (host === podName) return pass(podName, host, `HTTP 응답의 호스트 이름 ${withParticle(host, '이/가')} 응답한 파드의 이름과 같습니다.`);
  return fail(podName, host, `${target.where}의 HTTP 응답에 담긴 호스트 이름이 응답한 파드의 이름과 다릅니다`);
}

// ---------------------------------------------------------------------------------------------
// Hints

/** The kubectl command a learner can look with, when the check brings no hint of its own. */
function defaultHint(c: Check, namespace: string | undefined): string {
  const n = nsFlag(namespace);
  switch (c.kind) {
    case 'exists':
      return `kubectl get ${resolveResource(c.resource).plural} ${c.name}${n} 명령으로 확인해 보세요.`;
    case 'jsonpath':
      return `kubectl get ${resolveResource(c.resource).plural} ${c.name}${n} -o jsonpath='${c.path}' 명령으로 값을 확인해 보세요.`;
    case 'podsReady':
      return `kubectl get pods -l ${c.selector}${n} 명령으로 파드의 READY와 STATUS를 확인해 보세요.`;
    case 'selectorMatches':
      return `kubectl get ${resolveResource(c.resource).plural} -l ${c.selector}${n} --show-labels 명령으로 레이블을 확인해 보세요.`;
    case 'http':
    case 'hostnameIsPod':
      return `kubectl port-forward ${c.target} 8080:${c.port}${n} 명령을 실행한 뒤 curl http://localhost:8080${c.path ?? ''} 명령으로 응답을 확인해 보세요.`;
    default:
      return '';
  }
}

const EXPECTED_BY_KIND: Record<Check['kind'], (c: Check) => string> = {
  exists: () => '존재',
  jsonpath: (c) => {
    const j = c as JsonPathCheck;
    return OP_TEXT[j.op] ? OP_TEXT[j.op](String(j.value)) : String(j.value);
  },
  podsReady: (c) => `${(c as PodsReadyCheck).count}개 이상`,
  selectorMatches: (c) => `${(c as SelectorMatchesCheck).count}개`,
  http: (c) => `"${(c as HttpCheck).contains}" 포함`,
  hostnameIsPod: () => '응답한 파드의 이름',
};

// ---------------------------------------------------------------------------------------------
// Entry points

/** Runs one check. Never throws. */
export async function runCheck(check: Check, client: GradingClient, opts: RunChecksOptions = {}): Promise<CheckResult> {
  const namespace = check.namespace ?? opts.namespace ?? 'default';
  let outcome: Outcome;
  try {
    switch (check.kind) {
      case 'exists':
        outcome = await checkExists(check, client, namespace);
        break;
      case 'jsonpath':
        outcome = await checkJsonPath(check, client, namespace);
        break;
      case 'podsReady':
        outcome = await checkPodsReady(check, client, namespace);
        break;
      case 'selectorMatches':
        outcome = await checkSelectorMatches(check, client, namespace);
        break;
      case 'http':
        outcome = await checkHttp(check, client, namespace);
        break;
      case 'hostnameIsPod':
        outcome = await checkHostnameIsPod(check, client, namespace);
        break;
      default: {
        const kind = String((check as { kind: unknown }).kind);
        outcome = fail('exists, jsonpath, podsReady, selectorMatches, http, hostnameIsPod 중 하나', kind, '알 수 없는 검사 종류입니다');
      }
    }
  } catch (e) {
    if (e instanceof CheckFailure) outcome = e.outcome;
    else {
      const expected = (EXPECTED_BY_KIND as Record<string, ((c: Check) => string) | undefined>)[check.kind]?.(check) ?? '';
      outcome = clusterFailure(e, expected);
    }
  }
  return {
    id: check.id,
    kind: check.kind,
    description: check.description,
    ...outcome,
    hint: check.hint ?? defaultHint(check, check.namespace),
  };
}

/**
 * Runs every check of an exercise, in order (later checks may depend on what earlier ones
 * looked at, and a real cluster should not get a burst of parallel requests), and scores them.
 */
export async function runChecks(exercise: Exercise, client: GradingClient, opts: RunChecksOptions = {}): Promise<ExerciseResult> {
  const checks: CheckResult[] = [];
  for (const check of exercise.checks) checks.push(await runCheck(check, client, opts));
  const passed = checks.filter((c) => c.passed).length;
  const total = checks.length;
  const result: ExerciseResult = {
    exerciseId: exercise.id,
    checks,
    passed,
    total,
    score: total === 0 ? 0 : Math.round((100 * passed) / total),
    allPassed: total > 0 && passed === total,
  };
  const at = typeof opts.now === 'function' ? opts.now() : opts.now ?? client.now?.();
  if (at !== undefined) result.checkedAt = at;
  return result;
}
