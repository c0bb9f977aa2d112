// Exercise checks against the simulated cluster, driven the way a learner drives it: kubectl
// lines through Podbook's shell, then virtual time passing.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster/cluster';
import type { Cluster } from '../cluster/cluster';
import type { Pod } from '../k8s/types';
import type { ClusterClient } from '../kubectl/client';
import { ShellSession } from '../runtime/shell';
import { SimulatedClient } from '../runtime/simulated-client';
import { hostnameInAnswer, runCheck, runChecks } from './checks';
import { withParticle } from './korean';
import type { Check, Exercise, GradingClient } from './types';

const MINUTE = 60_000;

interface Lab {
  cluster: Cluster;
  client: SimulatedClient;
  /** runs kubectl/shell lines and fails the test on an unexpected error */
  sh(...lines: string[]): Promise<void>;
  /** lets virtual time pass until every pod matching the selector is Ready, then 3 s more */
  settle(selector: string): void;
  podNames(selector: string): string[];
}

function lab(): Lab {
  const cluster = createCluster({ seed: 7 });
  const client = new SimulatedClient(cluster);
  const shell = new ShellSession({ client, cluster });
  const pods = (selector: string) => cluster.store.list<Pod>('pods', 'default', { labelSelector: selector }).items;
  const ready = (p: Pod) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  return {
    cluster,
    client,
    async sh(...lines) {
      for (const line of lines) {
        const r = await shell.run(line);
        if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
      }
    },
    settle(selector) {
      const ok = cluster.runUntil(() => pods(selector).length > 0 && pods(selector).every(ready), MINUTE);
      if (!ok) throw new Error(`pods ${selector} never became Ready`);
      // Without a readiness probe a pod is Ready when its container starts, a moment before the
      // app listens (whoami takes 620 ms): the learner's next command comes a few seconds later.
      cluster.advance(3000);
    },
    podNames: (selector) => pods(selector).map((p) => p.metadata.name ?? ''),
  };
}

// 2.6 연습 문제 of 『쿠버네티스 교과서』 (kiamol-ch02-commands.md, "Check a simulator/grader can apply").
const whoamiLab: Exercise = {
  id: 'lab-whoami',
  title: 'whoami 디플로이먼트',
  task: 'kiamol/ch02-whoami 이미지로 디플로이먼트를 만들고, 포트 포워딩으로 응답을 확인하세요.',
  checks: [
    { id: 'deployed', kind: 'exists', resource: 'deployments', name: 'whoami', description: '디플로이먼트 whoami가 있다' },
    {
      id: 'image',
      kind: 'jsonpath',
      resource: 'deploy',
      name: 'whoami',
      path: '{.spec.template.spec.containers[0].image}',
      op: 'eq',
      value: 'kiamol/ch02-whoami',
      description: '이미지가 kiamol/ch02-whoami이다',
      hint: 'kubectl create deployment whoami --image=kiamol/ch02-whoami',
    },
    { id: 'ready', kind: 'podsReady', selector: 'app=whoami', count: 1, description: '파드 1개가 준비되었다' },
    { id: 'answers', kind: 'http', target: 'deploy/whoami', port: 80, contains: "I'm", description: '포트 포워딩으로 응답한다' },
    { id: 'hostname', kind: 'hostnameIsPod', target: 'deploy/whoami', port: 80, description: '응답에 담긴 호스트 이름이 파드 이름이다' },
  ],
  solution: ['kubectl create deployment whoami --image=kiamol/ch02-whoami'],
};

describe('the chapter-2 whoami lab', () => {
  it('fails every check on an empty cluster, each saying what was expected and found', async () => {
    const { client } = lab();
    const r = await runChecks(whoamiLab, client);
    expect(r).toMatchObject({ exerciseId: 'lab-whoami', passed: 0, total: 5, score: 0, allPassed: false });
    expect(r.checks.map((c) => c.message)).toEqual([
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)',
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: kiamol/ch02-whoami, 실제: 오브젝트 없음)',
      'app=whoami 셀렉터에 맞는 준비(Ready)된 파드가 부족합니다 (기대: 1개 이상, 실제: 0개 (맞는 파드 없음))',
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)',
      '디플로이먼트 whoami를 찾지 못했습니다 (기대: 존재, 실제: 없음)',
    ]);
    expect(r.checks.map((c) => c.hint)).toEqual([
      'kubectl get deployments whoami 명령으로 확인해 보세요.',
      'kubectl create deployment whoami --image=kiamol/ch02-whoami',
      'kubectl get pods -l app=whoami 명령으로 파드의 READY와 STATUS를 확인해 보세요.',
      'kubectl port-forward deploy/whoami 8080:80 명령을 실행한 뒤 curl http://localhost:8080 명령으로 응답을 확인해 보세요.',
      'kubectl port-forward deploy/whoami 8080:80 명령을 실행한 뒤 curl http://localhost:8080 명령으로 응답을 확인해 보세요.',
    ]);
  });

  it('passes the object checks but not readiness while the pod is still being created', async () => {
    const l = lab();
    await l.sh(...whoamiLab.solution!);
    l.cluster.advance(2000);
    const r = await runChecks(whoamiLab, l.client);
    expect(r.checks.map((c) => c.passed)).toEqual([true, true, false, false, false]);
    expect(r.checks[2].message).toBe('app=whoami 셀렉터에 맞는 준비(Ready)된 파드가 부족합니다 (기대: 1개 이상, 실제: 0개 (전체 1개: ContainerCreating 1개))');
    expect(r.checks[3].message).toBe(
      '디플로이먼트 whoami의 파드 중 요청을 받을 준비된 파드가 없습니다 (기대: 준비된 파드 1개 이상, 실제: 0개 (전체 1개: ContainerCreating 1개))',
    );
    expect(r.score).toBe(40);
  });

  it('passes every check once the solution has run and the pod is Ready', async () => {
    const l = lab();
    await l.sh(...whoamiLab.solution!);
    l.settle('app=whoami');
    const [pod] = l.podNames('app=whoami');
    const r = await runChecks(whoamiLab, l.client);
    expect(r).toMatchObject({ passed: 5, total: 5, score: 100, allPassed: true, checkedAt: l.cluster.now() });
    expect(r.checks.map((c) => c.message)).toEqual([
      '디플로이먼트 whoami가 있습니다.',
      '디플로이먼트 whoami의 {.spec.template.spec.containers[0].image} 값이 조건을 만족합니다: kiamol/ch02-whoami.',
      'app=whoami 셀렉터에 맞는 파드 1개가 준비(Ready)되었습니다.',
      `deploy/whoami (파드 ${pod}, 포트 80, 경로 /)의 HTTP 응답에 "I'm"이 있습니다.`,
      `HTTP 응답의 호스트 이름 ${withParticle(pod, '이/가')} 응답한 파드의 이름과 같습니다.`,
    ]);
    expect(r.checks[3].found).toBe(`HTTP 200, 본문 "I'm ${pod} running on Linux 6.10.14-linuxkit #1 SMP Thu Oct 24 19:28:55 UTC 2024"`);
  });

  it('fails the image check for a learner who reused the hello-kiamol image', async () => {
    const l = lab();
    await l.sh('kubectl create deployment whoami --image=kiamol/ch02-hello-kiamol');
    l.settle('app=whoami');
    const r = await runChecks(whoamiLab, l.client);
    expect(r.checks.map((c) => c.passed)).toEqual([true, false, true, false, false]);
    expect(r.checks[1].message).toBe(
      '디플로이먼트 whoami의 {.spec.template.spec.containers[0].image} 값이 기대와 다릅니다 (기대: kiamol/ch02-whoami, 실제: kiamol/ch02-hello-kiamol)',
    );
    const [pod] = l.podNames('app=whoami');
    expect(r.checks[4].message).toMatch(
      new RegExp(`^deploy/whoami \\(파드 ${pod}, 포트 80, 경로 /\\)의 HTTP 응답에서 호스트 이름을 찾지 못했습니다 \\(기대: 파드 이름 ${pod}, 실제: 본문 <html> <body> <h1> Hello from Chapter 2! </h1>`),
    );
  });
});

async function one(check: Check, client: GradingClient, opts = {}) {
  return runCheck(check, client, opts);
}

/**
 * lib/kubectl's ClusterClient (SimulatedClient, the sandbox client) must satisfy GradingClient
 * structurally; this line stops compiling (tsc) the day the two drift apart.
 */
export const clusterClientIsGradingClient = (c: ClusterClient): GradingClient => c;

describe('exists', () => {
  it('accepts the short and singular names kubectl accepts for a type', async () => {
    const l = lab();
    await l.sh('kubectl run web --image=nginx');
    for (const resource of ['po', 'pod', 'Pod', 'pods']) {
      const r = await one({ id: 'x', kind: 'exists', resource, name: 'web', description: '' }, l.client);
      expect(r).toMatchObject({ passed: true, expected: '존재', found: '존재', message: '파드 web이 있습니다.' });
    }
  });

  it('names the namespace it looked in when the check gives one', async () => {
    const l = lab();
    const r = await one({ id: 'x', kind: 'exists', resource: 'pods', name: 'web', namespace: 'ch02', description: '' }, l.client);
    expect(r).toMatchObject({
      passed: false,
      message: '네임스페이스 ch02의 파드 web을 찾지 못했습니다 (기대: 존재, 실제: 없음)',
      hint: 'kubectl get pods web -n ch02 명령으로 확인해 보세요.',
    });
  });

  it('finds cluster-scoped objects such as the node', async () => {
    const l = lab();
    const r = await one({ id: 'x', kind: 'exists', resource: 'nodes', name: 'docker-desktop', description: '' }, l.client);
    expect(r.message).toBe('노드 docker-desktop이 있습니다.');
  });
});

describe('jsonpath', () => {
  const replicas = (op: 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le', value: string | number): Check => ({
    id: 'replicas',
    kind: 'jsonpath',
    resource: 'deployments',
    name: 'web',
    path: '{.spec.replicas}',
    op,
    value,
    description: '',
  });

  it('compares numbers as numbers when both sides are numbers', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx --replicas=3');
    const results = await Promise.all(
      [replicas('eq', 3), replicas('eq', '3.0'), replicas('ge', 3), replicas('gt', 2), replicas('lt', 10), replicas('le', '3'), replicas('ne', 2)].map((c) =>
        one(c, l.client),
      ),
    );
    expect(results.map((r) => r.passed)).toEqual([true, true, true, true, true, true, true]);
    // 10 > 3 as numbers, although "10" < "3" as strings
    expect((await one(replicas('gt', 10), l.client)).passed).toBe(false);
  });

  it('says what was expected and found when a comparison fails', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx');
    const r = await one(replicas('gt', 2), l.client);
    expect(r).toMatchObject({
      passed: false,
      expected: '2 초과',
      found: '1',
      message: '디플로이먼트 web의 {.spec.replicas} 값이 기대와 다릅니다 (기대: 2 초과, 실제: 1)',
      hint: "kubectl get deployments web -o jsonpath='{.spec.replicas}' 명령으로 값을 확인해 보세요.",
    });
    expect((await one(replicas('ne', 1), l.client)).message).toBe('디플로이먼트 web의 {.spec.replicas} 값이 기대와 다릅니다 (기대: 1 아님, 실제: 1)');
  });

  it('refuses to order a value that is not a number', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx');
    const r = await one({ id: 'x', kind: 'jsonpath', resource: 'deploy', name: 'web', path: '{.metadata.name}', op: 'ge', value: 1, description: '' }, l.client);
    expect(r.message).toBe('디플로이먼트 web의 {.metadata.name} 값을 숫자로 비교할 수 없습니다 (기대: 1 이상, 실제: web)');
  });

  it('checks text with contains and matches, over every value the template prints', async () => {
    const l = lab();
    await l.sh('kubectl run web --image=nginx --labels=app=web,tier=front');
    const base = { id: 'x', kind: 'jsonpath', resource: 'pods', name: 'web', description: '' } as const;
    expect((await one({ ...base, path: '{.metadata.labels}', op: 'contains', value: '"tier":"front"' }, l.client)).passed).toBe(true);
    expect((await one({ ...base, path: '{.spec.containers[*].image}', op: 'matches', value: '^nginx(:.*)?$' }, l.client)).passed).toBe(true);
    const miss = await one({ ...base, path: '{.spec.containers[0].image}', op: 'contains', value: 'whoami' }, l.client);
    expect(miss.message).toBe('파드 web의 {.spec.containers[0].image} 값이 기대와 다릅니다 (기대: "whoami" 포함, 실제: nginx)');
    const re = await one({ ...base, path: '{.spec.containers[0].image}', op: 'matches', value: '^kiamol/' }, l.client);
    expect(re.message).toBe('파드 web의 {.spec.containers[0].image} 값이 기대와 다릅니다 (기대: 정규식 /^kiamol//에 맞음, 실제: nginx)');
  });

  it('reads an unset field as empty, as kubectl -o jsonpath prints it', async () => {
    const l = lab();
    await l.sh('kubectl run web --image=nginx');
    const r = await one({ id: 'x', kind: 'jsonpath', resource: 'pods', name: 'web', path: '{.spec.hostname}', op: 'eq', value: 'web', description: '' }, l.client);
    expect(r.message).toBe('파드 web의 {.spec.hostname} 값이 기대와 다릅니다 (기대: web, 실제: (값 없음))');
  });

  it('reports a template that does not parse as a broken check', async () => {
    const l = lab();
    await l.sh('kubectl run web --image=nginx');
    const r = await one({ id: 'x', kind: 'jsonpath', resource: 'pods', name: 'web', path: '{.spec.containers[}', op: 'eq', value: 'x', description: '' }, l.client);
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^검사의 JSONPath \{\.spec\.containers\[\}를 해석할 수 없습니다 \(기대: 올바른 JSONPath, 실제: .+\)$/);
  });
});

describe('podsReady', () => {
  it('counts only Ready pods that are not terminating, and accepts more than asked', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx --replicas=3');
    l.settle('app=web');
    const check: Check = { id: 'x', kind: 'podsReady', selector: 'app=web', count: 2, description: '' };
    expect(await one(check, l.client)).toMatchObject({ passed: true, expected: '2개 이상', found: '3개', message: 'app=web 셀렉터에 맞는 파드 3개가 준비(Ready)되었습니다.' });
    await l.sh(`kubectl delete pod ${l.podNames('app=web')[0]} --wait=false`);
    const r = await one({ ...check, count: 3 }, l.client);
    expect(r.passed).toBe(false);
    // the deleted pod still reports Ready=True while it terminates, but it no longer serves
    expect(r.message).toBe('app=web 셀렉터에 맞는 준비(Ready)된 파드가 부족합니다 (기대: 3개 이상, 실제: 2개 (전체 3개: Terminating 1개))');
  });

  it('reports a selector that does not parse', async () => {
    const l = lab();
    const r = await one({ id: 'x', kind: 'podsReady', selector: 'app in (web', count: 1, description: '' }, l.client);
    expect(r.message).toMatch(/^검사의 셀렉터 app in \(web을 해석할 수 없습니다 \(기대: 올바른 레이블 셀렉터, 실제: .+\)$/);
  });
});

describe('selectorMatches', () => {
  it('passes for exactly the count and lists the matching names when it fails', async () => {
    const l = lab();
    await l.sh('kubectl run web-1 --image=nginx --labels=app=web', 'kubectl run web-2 --image=nginx --labels=app=web', 'kubectl run db --image=nginx --labels=app=db');
    const check: Check = { id: 'x', kind: 'selectorMatches', resource: 'pods', selector: 'app=web', count: 2, description: '' };
    expect(await one(check, l.client)).toMatchObject({ passed: true, found: '2개 (web-1, web-2)', message: 'app=web 셀렉터에 맞는 파드가 2개입니다.' });
    const r = await one({ ...check, count: 1 }, l.client);
    expect(r).toMatchObject({
      passed: false,
      message: 'app=web 셀렉터에 맞는 파드 수가 다릅니다 (기대: 1개, 실제: 2개 (web-1, web-2))',
      hint: 'kubectl get pods -l app=web --show-labels 명령으로 레이블을 확인해 보세요.',
    });
  });

  it('counts any resource type, with the particle that fits its Korean name', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx');
    l.cluster.advance(1000);
    const r = await one({ id: 'x', kind: 'selectorMatches', resource: 'rs', selector: 'app=web', count: 1, description: '' }, l.client);
    expect(r.message).toBe('app=web 셀렉터에 맞는 레플리카셋이 1개입니다.');
  });

  it('sees a relabelled pod leave its Deployment', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx');
    l.settle('app=web');
    const [pod] = l.podNames('app=web');
    await l.sh(`kubectl label pod ${pod} app=debug --overwrite`);
    const r = await one({ id: 'x', kind: 'selectorMatches', resource: 'pods', selector: 'app=debug', count: 1, description: '' }, l.client);
    expect(r).toMatchObject({ passed: true, found: `1개 (${pod})` });
  });
});

describe('http', () => {
  it('reaches a pod named directly and reports a missing text with the answer it got', async () => {
    const l = lab();
    await l.sh('kubectl run whoami --image=kiamol/ch02-whoami');
    l.settle('run=whoami');
    const r = await one({ id: 'x', kind: 'http', target: 'pod/whoami', port: 80, contains: 'Windows', description: '' }, l.client);
    expect(r.message).toBe(
      'pod/whoami (파드 whoami, 포트 80, 경로 /)의 HTTP 응답에 "Windows"가 없습니다 (기대: "Windows" 포함, 실제: HTTP 200, 본문 "I\'m whoami running on Linux 6.10.14-linuxkit #1 SMP Thu Oct 24 19:28:55 UTC 2024")',
    );
  });

  it('goes through a Service selector and translates its port to the targetPort', async () => {
    const l = lab();
    await l.sh('kubectl create deployment web --image=nginx', 'kubectl expose deployment web --port=8080 --target-port=80');
    l.settle('app=web');
    const [pod] = l.podNames('app=web');
    const r = await one({ id: 'x', kind: 'http', target: 'svc/web', port: 8080, contains: 'Welcome to nginx!', description: '' }, l.client);
    expect(r).toMatchObject({ passed: true, message: `svc/web (파드 ${pod}, 포트 80, 경로 /)의 HTTP 응답에 "Welcome to nginx!"가 있습니다.` });
    const wrongPort = await one({ id: 'x', kind: 'http', target: 'svc/web', port: 80, contains: 'nginx', description: '' }, l.client);
    expect(wrongPort.message).toBe('서비스 web은 80번 포트를 열지 않습니다 (기대: 포트 80, 실제: 포트 8080)');
  });

  it('reports a refused connection as a failure, not a crash', async () => {
    const l = lab();
    await l.sh('kubectl run web --image=nginx');
    l.settle('run=web');
    const r = await one({ id: 'x', kind: 'http', target: 'web', port: 8080, contains: 'nginx', description: '' }, l.client);
    expect(r.passed).toBe(false);
    expect(r.message).toMatch(/^web \(파드 web, 포트 8080, 경로 \/\)에 연결하지 못했습니다 \(기대: HTTP 응답, 실제: .*refused.*\)$/);
  });

  it('refuses a target type it cannot port-forward to', async () => {
    const l = lab();
    const r = await one({ id: 'x', kind: 'http', target: 'configmap/web', port: 80, contains: 'x', description: '' }, l.client);
    expect(r.message).toBe('검사 대상 configmap/web을 해석할 수 없습니다 (기대: pod/이름, deploy/이름 또는 svc/이름, 실제: configmap/web)');
  });
});

describe('hostnameIsPod', () => {
  it('fails when the answer names another pod than the one the request reached', async () => {
    const l = lab();
    await l.sh('kubectl create deployment whoami --image=kiamol/ch02-whoami --replicas=2');
    l.settle('app=whoami');
    const [a, b] = l.podNames('app=whoami');
    // a port-forward that reached another pod than the one it resolved (a mix-up a broken
    // Service or a stale forward would make)
    const crossed: GradingClient = {
      get: (r, ns, n) => l.client.get(r, ns, n),
      list: (r, ns, o) => l.client.list(r, ns, o),
      podHttp: (ns, pod, port, req) => l.client.podHttp(ns, pod === a ? b : a, port, req),
    };
    const check: Check = { id: 'x', kind: 'hostnameIsPod', target: 'deploy/whoami', port: 80, description: '' };
    const ok = await one(check, l.client);
    expect(ok.passed).toBe(true);
    const served = ok.expected;
    const other = served === a ? b : a;
    const r = await one(check, crossed);
    expect(r.message).toBe(
      `deploy/whoami (파드 ${served}, 포트 80, 경로 /)의 HTTP 응답에 담긴 호스트 이름이 응답한 파드의 이름과 다릅니다 (기대: ${served}, 실제: ${other})`,
    );
  });

  it('reads the host name from whoami answers and from a bare host name', () => {
    expect(hostnameInAnswer('"I\'m whoami-7d9f8b6c5d-x2x9k running on Linux 6.10"')).toBe('whoami-7d9f8b6c5d-x2x9k');
    expect(hostnameInAnswer('web-0\n')).toBe('web-0');
    expect(hostnameInAnswer('<html>hello</html>')).toBeUndefined();
  });
});

describe('cluster errors', () => {
  it('turn a Forbidden answer into a failed check that quotes the server', async () => {
    const cluster = createCluster({ seed: 7 });
    const client = new SimulatedClient(cluster, { principal: { user: 'learner', namespace: 'learner-1' } });
    const r = await one({ id: 'x', kind: 'exists', resource: 'deployments', name: 'whoami', description: '' }, client);
    expect(r.message).toBe(
      '클러스터가 요청을 거부했습니다: deployments.apps "whoami" is forbidden: User "learner" cannot get resource "deployments" in API group "apps" in the namespace "default" (기대: 존재, 실제: 권한 없음 (Forbidden))',
    );
  });

  it('run in the namespace the options give, so a learner namespace is allowed', async () => {
    const cluster = createCluster({ seed: 7 });
    const client = new SimulatedClient(cluster, { principal: { user: 'learner', namespace: 'learner-1' } });
    const r = await runChecks({ id: 'e', title: '', task: '', checks: [{ id: 'x', kind: 'podsReady', selector: 'app=web', count: 0, description: '' }] }, client, {
      namespace: 'learner-1',
      now: 42,
    });
    expect(r).toMatchObject({ passed: 1, total: 1, score: 100, allPassed: true, checkedAt: 42 });
  });

  it('turn an unreachable cluster into failed checks for every kind', async () => {
    const down = () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6443'));
    const client: GradingClient = { get: down, list: down, podHttp: down };
    const checks: Check[] = [
      { id: 'a', kind: 'exists', resource: 'deployments', name: 'whoami', description: '' },
      { id: 'b', kind: 'jsonpath', resource: 'deployments', name: 'whoami', path: '{.spec.replicas}', op: 'eq', value: 1, description: '' },
      { id: 'c', kind: 'podsReady', selector: 'app=whoami', count: 1, description: '' },
      { id: 'd', kind: 'selectorMatches', resource: 'pods', selector: 'app=whoami', count: 1, description: '' },
      { id: 'e', kind: 'http', target: 'deploy/whoami', port: 80, contains: "I'm", description: '' },
      { id: 'f', kind: 'hostnameIsPod', target: 'deploy/whoami', port: 80, description: '' },
    ];
    const r = await runChecks({ id: 'x', title: '', task: '', checks }, client);
    expect(r.checks.map((c) => c.message)).toEqual([
      '클러스터에 연결하지 못했습니다: connect ECONNREFUSED 127.0.0.1:6443 (기대: 존재, 실제: 연결 실패)',
      '클러스터에 연결하지 못했습니다: connect ECONNREFUSED 127.0.0.1:6443 (기대: 1, 실제: 연결 실패)',
      '클러스터에 연결하지 못했습니다: connect ECONNREFUSED 127.0.0.1:6443 (기대: 1개 이상, 실제: 연결 실패)',
      '클러스터에 연결하지 못했습니다: connect ECONNREFUSED 127.0.0.1:6443 (기대: 1개, 실제: 연결 실패)',
      '클러스터에 연결하지 못했습니다: connect ECONNREFUSED 127.0.0.1:6443 (기대: "I\'m" 포함, 실제: 연결 실패)',
      '클러스터에 연결하지 못했습니다: connect ECONNREFUSED 127.0.0.1:6443 (기대: 응답한 파드의 이름, 실제: 연결 실패)',
    ]);
    expect(r).toMatchObject({ passed: 0, total: 6, score: 0, allPassed: false });
    expect(r.checkedAt).toBeUndefined();
  });
});
