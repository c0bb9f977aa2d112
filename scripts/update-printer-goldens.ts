// Regenerates tests/goldens/printers/*.golden from the REAL kubectl 1.32 binary.
//
//   UPDATE_GOLDENS=1 npx tsx scripts/update-printer-goldens.ts
//
// The goldens are the oracle for tests/goldens/printers/printers.test.ts, which computes Podbook's
// output for the same command lines without calling kubectl. Regenerate only on purpose
// (architecture.md: "Regenerate goldens only with an explicit flag, never under CI=true"): the
// script refuses when CI=true or when UPDATE_GOLDENS is unset, and fails loudly when the real
// kubectl 1.32 binary is missing. Never edit a golden by hand to make Podbook pass.
//
// What it runs (all offline, kube-protocol §1.6 and §2.8):
//   * `kubectl run|create … --dry-run=client -o yaml|json|name|jsonpath=…`;
//   * `kubectl label --local -f tests/goldens/printers/inputs/X podbook=probe -o yaml|json|jsonpath=…`
//     over the inputs this script writes first: the books' manifests (byte copies), objects dumped
//     from Podbook's simulated cluster, and hand-written edge cases for the serializers.
//
// Every command carries `--kubeconfig=/dev/null` (so no real cluster is ever touched; the server
// defaults to http://localhost:8080, where nothing listens). `kubectl run` alone needs a REST
// mapping for Pod even with --dry-run=client (run.go asks the RESTMapper before printing), so the
// script points HOME at a temporary directory holding a fresh discovery cache for localhost:8080
// (client-go's disk cache, TTL 6h) that lists only core/v1 pods. No request leaves the process.

import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCluster } from '../lib/cluster/cluster';
import type { KubeObject } from '../lib/k8s/types';
import { runKubectl } from '../lib/kubectl';
import { parseCommandLine } from '../lib/kubectl/cmdline';
import { SimulatedClient } from '../lib/runtime/simulated-client';
import { formatGolden, goldenFileName, quoteCommand } from '../tests/goldens/printers/golden-format';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GOLDEN_DIR = path.join(ROOT, 'tests/goldens/printers');
const INPUT_DIR = path.join(GOLDEN_DIR, 'inputs');
/** Inputs as the command lines name them (relative to the repository root, where kubectl runs). */
const INPUT_REL = 'tests/goldens/printers/inputs';
const REFERENCE = '/work/shared/reference';
const KUBECTL = process.env.KUBECTL_1_32 || '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';

function refuse(message: string): never {
  process.stderr.write(`update-printer-goldens: ${message}\n`);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Guards

function checkGuards(): void {
  if (process.env.CI === 'true') refuse('refusing to regenerate goldens under CI=true; goldens change only on purpose, on a developer machine.');
  if (!process.env.UPDATE_GOLDENS) {
    refuse('refusing to regenerate goldens without UPDATE_GOLDENS set. Run: UPDATE_GOLDENS=1 npx tsx scripts/update-printer-goldens.ts');
  }
}

/** The binary's version, or a loud failure: goldens from any other kubectl would be wrong. */
function checkKubectl(): string {
  if (!existsSync(KUBECTL)) {
    throw new Error(`the real kubectl 1.32 binary is missing at ${KUBECTL} (set KUBECTL_1_32 to its path); cannot regenerate printer goldens`);
  }
  const r = spawnSync(KUBECTL, ['version', '--client', '-o', 'json'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${KUBECTL} version --client failed (exit ${r.status}): ${r.stderr}`);
  const v = (JSON.parse(r.stdout) as { clientVersion: { major: string; minor: string; gitVersion: string } }).clientVersion;
  if (v.major !== '1' || v.minor !== '32') throw new Error(`${KUBECTL} is kubectl ${v.gitVersion}, not 1.32`);
  return v.gitVersion;
}

/** HOME with a discovery cache for http://localhost:8080 that maps Pod (see the header). */
function fakeHome(): string {
  const home = mkdtempSync(path.join(os.tmpdir(), 'podbook-goldens-'));
  const dir = path.join(home, '.kube/cache/discovery/localhost_8080');
  mkdirSync(path.join(dir, 'v1'), { recursive: true });
  writeFileSync(
    path.join(dir, 'servergroups.json'),
    JSON.stringify({ kind: 'APIGroupList', apiVersion: 'v1', groups: [{ name: '', versions: [{ groupVersion: 'v1', version: 'v1' }], preferredVersion: { groupVersion: 'v1', version: 'v1' } }] }),
  );
  writeFileSync(
    path.join(dir, 'v1/serverresources.json'),
    JSON.stringify({
      kind: 'APIResourceList',
      apiVersion: 'v1',
      groupVersion: 'v1',
      resources: [{ name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'], shortNames: ['po'] }],
    }),
  );
  return home;
}

// ---------------------------------------------------------------------------------------------
// Inputs

/** The books' manifests, byte for byte (the kiamol files keep their CRLF line endings). */
const REFERENCE_INPUTS: [string, string][] = [
  ['kiamol-ch02-pod.yaml', 'kiamol-ch02/pod.yaml'],
  ['kiamol-ch02-deployment.yaml', 'kiamol-ch02/deployment.yaml'],
  ['kiamol-ch02-lab-pod.yaml', 'kiamol-ch02/lab/pod.yaml'],
  ['kiamol-ch02-lab-solution-deployment.yaml', 'kiamol-ch02/lab/solution/deployment.yaml'],
  ['ch06-nginx-pod.yaml', 'start-docker-kubernetes-ch06/nginx-pod.yaml'],
  ['ch06-nginx-pod-with-ubuntu.yaml', 'start-docker-kubernetes-ch06/nginx-pod-with-ubuntu.yaml'],
];

async function simulatedObjects(): Promise<Record<string, KubeObject>> {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const kubectl = async (line: string) => {
    const r = await runKubectl(line, { client });
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
  };
  await kubectl('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
  await kubectl('kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol --replicas=2');
  await kubectl('kubectl expose deployment hello-kiamol-2 --port=8080 --target-port=80');
  const ready = (): boolean => {
    const pod = cluster.store.find<KubeObject & { status?: { phase?: string } }>('pods', 'default', 'hello-kiamol');
    const dep = cluster.store.find<KubeObject & { status?: { availableReplicas?: number } }>('deployments', 'default', 'hello-kiamol-2');
    return pod?.status?.phase === 'Running' && dep?.status?.availableReplicas === 2;
  };
  if (!cluster.runUntil(ready, 300_000)) throw new Error('the simulated pod and deployment did not become ready');
  cluster.advance(30_000);
  const events = cluster.objects<KubeObject & { reason?: string; involvedObject?: { name?: string } }>('events', 'default');
  const event = events.find((e) => e.reason === 'Pulled' && e.involvedObject?.name === 'hello-kiamol') ?? events[0];
  if (!event) throw new Error('the simulated cluster recorded no events');
  return {
    'podbook-pod-running.json': cluster.store.get('pods', 'default', 'hello-kiamol'),
    'podbook-deployment.json': cluster.store.get('deployments', 'default', 'hello-kiamol-2'),
    'podbook-service.json': cluster.store.get('services', 'default', 'hello-kiamol-2'),
    'podbook-node.json': cluster.objects('nodes')[0],
    'podbook-event.json': event,
  };
}

const LONG_WORDS =
  'this is a very long annotation value with many words that goes on and on beyond eighty characters for sure yes';

/** Hand-written objects for the serializers' edge cases (kube-protocol §2.7, §2.8). */
const EDGE_INPUTS: Record<string, string> = {
  'edge-strings.json':
    JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: {
          name: 'edge-strings',
          namespace: 'default',
          annotations: {
            'example.com/long': LONG_WORDS,
            'example.com/long-quoted': `: ${LONG_WORDS}`,
            'example.com/long-no-spaces': 'x'.repeat(120),
            'example.com/html': '<b>bold</b> & <i>italic</i>',
          },
        },
        data: {
          yes: 'yes',
          no: 'no',
          on: 'On',
          true: 'true',
          tilde: '~',
          null: 'null',
          empty: '',
          int: '1024',
          octal: '0777',
          hex: '0x1F',
          float: '1.5',
          exp: '1e3',
          version: '1.2.3',
          date: '2024-01-01',
          timestamp: '2026-11-22T13:54:13Z',
          'colon-space': ': x',
          'colon-in': 'a: b',
          'colon-lead': ':colon',
          hash: '#x',
          'hash-in': 'a #b',
          dash: '- dash',
          star: '*star',
          amp: '&anchor',
          bang: '!tag',
          percent: '%p',
          brace: '{x}',
          bracket: '[x]',
          pipe: '|p',
          gt: '>g',
          squote: "'quoted'",
          dquote: '"dq"',
          backtick: '`tick`',
          at: '@at',
          leading: '  lead',
          trailing: 'trailing ',
          tab: 'tab\there',
          control: 'a\u0001b',
          crlf: 'a\r\nb',
          'multi-line': 'line one\nline two\n',
          'multi-line-strip': 'line one\nline two',
          'multi-line-keep': 'line one\nline two\n\n',
          'multi-line-indented': '  indented first\nsecond\n',
          korean: '안녕하세요, 쿠버네티스',
          'korean-long': '쿠버네티스 교과서를 읽으며 정리한 노트입니다 이 문장은 여든 칸을 넘도록 충분히 길게 썼습니다 정말로 길게요',
          emoji: 'é✓ 🚀',
          'line-sep': 'a\u2028b',
          html: '<script>alert("x")</script> & more',
          backslash: 'C:\\path\\to',
          nan: 'NaN',
          inf: '.inf',
        },
      },
      null,
      2,
    ) + '\n',
  'edge-numbers.json':
    '{\n' +
    '  "apiVersion": "example.com/v1",\n' +
    '  "kind": "Widget",\n' +
    '  "metadata": {"name": "edge-numbers"},\n' +
    '  "spec": {\n' +
    '    "zero": 0, "one": 1, "negative": -42, "half": 0.5, "float": 1.0, "negIntZero": -0,\n' +
    '    "big": 1e21, "bigInt": 1e20, "tiny": 1e-7, "small": 0.000001, "third": 0.3333333333333333,\n' +
    '    "maxSafe": 9007199254740991, "minSafe": -9007199254740991, "million": 1000000,\n' +
    '    "overInt64": 12345678901234567890, "overUint64": 123456789012345678901234, "pi": 3.14159, "exp": 2.5E+3,\n' +
    '    "list": [1, 2.5, -3, 1e21, true, false, null, "1"],\n' +
    '    "nested": {"a10": 1, "a9": 2, "B": 3, "a": 4, "_x": 5, "-y": 6, "1": 7, "10": 8, "2": 9}\n' +
    '  }\n' +
    '}\n',
  // Numbers a JavaScript number cannot carry the way Go's decoder does: int64 beyond 2^53, the
  // float -0.0, and 1e6 (a float64 in Go, so jsonpath prints 1e+06). Kept apart so the other
  // numbers' goldens stay meaningful; printers.test.ts lists these as known differences.
  'edge-numbers-go-types.json':
    '{\n' +
    '  "apiVersion": "example.com/v1",\n' +
    '  "kind": "Widget",\n' +
    '  "metadata": {"name": "edge-numbers-go-types"},\n' +
    '  "spec": {"int64Max": 9223372036854775807, "int64Min": -9223372036854775808, "overSafe": 9007199254740993, "negZero": -0.0, "e6": 1e6}\n' +
    '}\n',
  'edge-empty.json':
    JSON.stringify(
      {
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        // kubectl strips managedFields from -o yaml|json (--show-managed-fields=false)
        metadata: {
          name: 'edge-empty',
          labels: {},
          annotations: {},
          managedFields: [{ manager: 'kubectl-client-side-apply', operation: 'Update', apiVersion: 'example.com/v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:spec': {} } }],
        },
        spec: { emptyMap: {}, emptyList: [], nullValue: null, emptyString: '', nestedEmpty: { a: {}, b: [], c: [{}], d: [[]] }, bool: false },
        status: {},
      },
      null,
      2,
    ) + '\n',
  // Go's number types through kubectl's decoding: YAML floats pass json.Marshal ('f' form below
  // 1e21), so integral ones come back as int64; JSON floats stay float64 (`1e+06`, `-0` in jsonpath).
  'edge-numbers-yaml-forms.yaml': [
    'apiVersion: example.com/v1',
    'kind: Widget',
    'metadata:',
    '  name: edge-numbers-yaml-forms',
    'spec:',
    '  overSafe: 9007199254740993',
    '  negZero: -0.0',
    '  e6: 1e6',
    '  huge: 1.5e300',
    '  tenth: 0.1',
    '  one: 1.0',
    '  hundred: 100.0',
    '  hex: 0x10',
    '  octal: 0o17',
    '  oldOctal: 017',
    '  under: 1_000',
    '  big: 1e21',
    '  uintBig: 18446744073709551615',
    '  negTiny: -1.5e-7',
    '',
  ].join('\n'),
  'edge-numbers-json-floats.json':
    '{\n' +
    '  "apiVersion": "example.com/v1",\n' +
    '  "kind": "Widget",\n' +
    '  "metadata": {"name": "edge-numbers-json-floats"},\n' +
    '  "spec": {"overSafe": 9007199254740993, "negZero": -0.0, "negZeroInt": -0, "e6": 1e6, "huge": 1.5e300, "tenth": 0.1, "one": 1.0,\n' +
    '    "hundred": 100.0, "e18": 1e18, "overInt64": 9223372036854775808, "big": 1e21, "tiny": 1e-7,\n' +
    '    "list": [1.0, 2, -0.0, 1e6, 12345678901234567890]}\n' +
    '}\n',
  'edge-numbers-yaml-inf.yaml': ['apiVersion: example.com/v1', 'kind: Widget', 'metadata:', '  name: edge-numbers-yaml-inf', 'spec:', '  inf: .inf', ''].join('\n'),
  'edge-yaml11.yaml': [
    'apiVersion: example.com/v1',
    'kind: Widget',
    'metadata:',
    '  name: edge-yaml11',
    '  labels:',
    '    existing: "true"',
    'spec:',
    '  plainYes: yes',
    '  plainOff: off',
    '  quotedYes: "yes"',
    '  octal: 0777',
    '  hex: 0x1F',
    '  float: 1.50',
    '  tilde: ~',
    '  date: 2024-01-01',
    '  folded: >',
    '    folded text',
    '    continues here',
    '  literal: |',
    '    keep',
    '      indentation',
    '  anchors:',
    '    base: &base',
    '      image: nginx',
    '    copy: *base',
    '  flow: {a: 1, b: [x, y]}',
    '  korean: 한국어',
    '',
  ].join('\n'),
};

async function writeInputs(): Promise<string[]> {
  rmSync(INPUT_DIR, { recursive: true, force: true });
  mkdirSync(INPUT_DIR, { recursive: true });
  for (const [name, from] of REFERENCE_INPUTS) copyFileSync(path.join(REFERENCE, from), path.join(INPUT_DIR, name));
  for (const [name, obj] of Object.entries(await simulatedObjects())) writeFileSync(path.join(INPUT_DIR, name), JSON.stringify(obj, null, 2) + '\n');
  for (const [name, text] of Object.entries(EDGE_INPUTS)) writeFileSync(path.join(INPUT_DIR, name), text);
  return readdirSync(INPUT_DIR).sort();
}

// ---------------------------------------------------------------------------------------------
// Cases

const DIGEST = 'sha256:0f1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b4c5d6e7f8';
const OUTPUTS = ['-o yaml', '-o json', '-o name'];

function cases(inputs: string[]): { name: string; argv: string[] }[] {
  const out: { name: string; argv: string[] }[] = [];
  const words = (s: string) => s.split(' ');
  // Flags go before `--`: after it every word is an argument (the container's command), and a
  // `--dry-run=client` there would turn a dry run into a real POST.
  const withFlags = (argv: string[], flags: string[]) => {
    const dd = argv.indexOf('--');
    return dd < 0 ? [...argv, ...flags] : [...argv.slice(0, dd), ...flags, ...argv.slice(dd)];
  };
  const add = (name: string, argv: string[]) => out.push({ name, argv: withFlags(argv, ['--kubeconfig=/dev/null']) });
  const generator = (name: string, cmd: string[], outputs: string[] = OUTPUTS) => {
    for (const o of outputs) {
      const flag = o.slice(0, o.indexOf(' '));
      const value = o.slice(o.indexOf(' ') + 1);
      const suffix = value.startsWith('jsonpath') ? 'jsonpath' : value;
      add(`${name}.${suffix}`, withFlags(cmd, ['--dry-run=client', flag, value]));
    }
  };

  // kubectl run
  generator('run-basic', words('run nginx --image=nginx:1.27'));
  generator('run-port-labels', words('run web --image=nginx --port=80 --labels=app=web,tier=frontend'));
  generator('run-env', ['run', 'env-demo', '--image=busybox', '--env=A=b', '--env=MSG=hello world', '--env=EMPTY=', '--env=PORT=8080']);
  generator('run-command', words('run sleeper --image=busybox:1.36 --restart=Never --command -- sleep 3600'));
  generator('run-args', ['run', 'args', '--image=busybox', '--', 'sh', '-c', 'echo hello; sleep 10']);
  generator('run-registry', words('run pause --image=registry.k8s.io/pause:3.9 --restart=OnFailure'), ['-o yaml', '-o json']);
  generator('run-digest', words(`run digest --image=nginx@${DIGEST}`), ['-o yaml', '-o json']);
  generator('run-dotted-name', words('run my.web.pod --image=docker.io/library/nginx:1.27'));
  generator('run-port-registry', words('run api --image=registry.example.com:5000/team/api:v1.2.3 --port=8080'), ['-o yaml', '-o json']);
  generator('run-annotations', ['run', 'noted', '--image=nginx', '--annotations=note=yes', '--annotations=size=1024', '--annotations=text=hello world'], ['-o yaml', '-o json']);
  generator('run-pull-policy', words('run pull --image=nginx --image-pull-policy=IfNotPresent --privileged'), ['-o yaml', '-o json']);
  generator('run-numeric-args', words('run nums --image=busybox -- 0777 1024 yes 2024-01-01'), ['-o yaml', '-o json']);
  generator('run-namespace', words('run web --image=nginx -n team-a'), ['-o yaml', '-o json']);
  generator('run-jsonpath', words('run nginx --image=nginx:1.27 --port=80'), ['-o jsonpath={.spec.containers[0].ports}']);
  generator('run-jsonpath-labels', words('run nginx --image=nginx:1.27'), ['-o jsonpath={.metadata.labels.run}{"\\n"}{.metadata.creationTimestamp}']);

  // kubectl create deployment
  generator('create-deployment-basic', words('create deployment web --image=nginx:1.27'));
  generator('create-deployment-replicas-port', words('create deployment web --image=nginx --replicas=3 --port=80'), ['-o yaml', '-o json']);
  generator('create-deployment-zero-replicas', words('create deployment idle --image=nginx --replicas=0'), ['-o yaml', '-o json']);
  generator('create-deployment-multi-image', words('create deployment multi --image=nginx --image=redis:7'), ['-o yaml', '-o json']);
  generator('create-deployment-command', words('create deployment sleeper --image=busybox -- sleep 3600'), ['-o yaml', '-o json']);
  generator('create-deployment-registry', words('create deployment api --image=registry.example.com:5000/team/api:v1.2.3'), ['-o yaml']);
  generator('create-deployment-digest', words(`create deployment pinned --image=nginx@${DIGEST}`), ['-o yaml']);
  generator('create-deployment-dotted-name', words('create deployment my.web --image=kiamol/ch02-hello-kiamol'), ['-o yaml', '-o name']);
  generator('create-deployment-namespace', words('create deployment web --image=nginx -n team-a'), ['-o yaml']);

  // kubectl create namespace
  generator('create-namespace', words('create namespace kiamol'));

  // kubectl create configmap
  generator('create-configmap-literal', words('create configmap cfg --from-literal=a=b'));
  generator(
    'create-configmap-quoting',
    [
      'create', 'configmap', 'quoting',
      '--from-literal=enabled=yes', '--from-literal=port=1024', '--from-literal=mode=0777', '--from-literal=date=2024-01-01',
      '--from-literal=colon=: x', '--from-literal=hash=#x', '--from-literal=lead= lead', '--from-literal=trail=trail ',
      '--from-literal=ko=안녕하세요', '--from-literal=html=<b>&</b>', '--from-literal=empty=', '--from-literal=null=null',
    ],
    ['-o yaml', '-o json'],
  );
  generator('create-configmap-long', ['create', 'configmap', 'long', `--from-literal=note=${LONG_WORDS}`], ['-o yaml']);
  generator('create-configmap-key-order', words('create configmap order --from-literal=b=1 --from-literal=a10=2 --from-literal=a9=3 --from-literal=B=4 --from-literal=_x=5'), ['-o yaml', '-o json']);

  generator('create-configmap-namespace', words('create configmap cfg --from-literal=a=b --namespace=team-a'), ['-o json']);

  // kubectl create secret generic
  generator('create-secret-generic', words('create secret generic creds --from-literal=password=s3cr3t'));
  generator('create-secret-generic-multi', ['create', 'secret', 'generic', 'multi', '--from-literal=user=admin', '--from-literal=ko=비밀번호', '--from-literal=html=<&>', '--type=Opaque'], ['-o yaml', '-o json']);

  // kubectl create service
  generator('create-service-clusterip', words('create service clusterip web --tcp=80:8080'));
  generator('create-service-clusterip-multi', words('create service clusterip multi --tcp=80:http --tcp=443'), ['-o yaml', '-o json']);
  generator('create-service-clusterip-headless', words('create service clusterip headless --clusterip=None'), ['-o yaml', '-o json']);
  generator('create-service-nodeport', words('create service nodeport np --tcp=80:8080 --node-port=30080'));
  generator('create-secret-namespace', words('create secret generic creds --from-literal=a=b -n team-a'), ['-o yaml']);
  generator('create-service-namespace', words('create service clusterip web --tcp=80 -n team-a'), ['-o json']);
  generator('create-namespace-with-n', words('create namespace other -n team-a'), ['-o json']);
  generator('create-service-nodeport-noport', words('create service nodeport np2 --tcp=5678'), ['-o yaml']);

  // kubectl label --local over the inputs
  for (const input of inputs) {
    const base = input.replace(/\.(json|yaml)$/, '');
    for (const o of ['yaml', 'json']) add(`label-${base}.${o}`, ['label', '--local', '-f', `${INPUT_REL}/${input}`, 'podbook=probe', '-o', o]);
  }
  const jsonpath = (name: string, input: string, template: string) =>
    add(`label-${name}.jsonpath`, ['label', '--local', '-f', `${INPUT_REL}/${input}`, 'podbook=probe', '-o', `jsonpath=${template}`]);
  jsonpath('pod-name', 'kiamol-ch02-pod.yaml', '{.metadata.name}');
  jsonpath('pod-labels', 'kiamol-ch02-pod.yaml', '{.metadata.labels}');
  jsonpath('pod-missing', 'kiamol-ch02-pod.yaml', '{.status.podIP}');
  jsonpath('ch06-images', 'ch06-nginx-pod-with-ubuntu.yaml', '{.spec.containers[*].image}');
  jsonpath('ch06-range', 'ch06-nginx-pod-with-ubuntu.yaml', '{range .spec.containers[*]}{.name}{"\\t"}{.image}{"\\n"}{end}');
  jsonpath('ch06-ports', 'ch06-nginx-pod-with-ubuntu.yaml', '{.spec.containers[0].ports}');
  jsonpath('running-pod-ips', 'podbook-pod-running.json', '{.status.hostIP} {.status.podIP}');
  jsonpath('running-pod-ready', 'podbook-pod-running.json', '{.status.conditions[?(@.type=="Ready")].status}');
  jsonpath('running-pod-status', 'podbook-pod-running.json', '{.status.containerStatuses[0].state}');
  jsonpath('deployment-status', 'podbook-deployment.json', '{.status}');
  jsonpath('deployment-replicas', 'podbook-deployment.json', '{.spec.replicas}/{.status.readyReplicas}');
  jsonpath('service-ports', 'podbook-service.json', '{.spec.ports}');
  jsonpath('node-capacity', 'podbook-node.json', '{.status.capacity}');
  jsonpath('node-addresses', 'podbook-node.json', '{range .status.addresses[*]}{.type}={.address}{"\\n"}{end}');
  jsonpath('event-message', 'podbook-event.json', '{.reason}: {.message}');
  jsonpath('edge-numbers-spec', 'edge-numbers.json', '{.spec}');
  jsonpath('edge-numbers-scalars', 'edge-numbers.json', '{.spec.big} {.spec.bigInt} {.spec.half} {.spec.float} {.spec.million} {.spec.overInt64} {.spec.tiny} {.spec.negIntZero}');
  jsonpath('edge-numbers-go-types-spec', 'edge-numbers-go-types.json', '{.spec.int64Max} {.spec.int64Min} {.spec.overSafe} {.spec.negZero} {.spec.e6}');
  jsonpath('edge-numbers-list', 'edge-numbers.json', '{.spec.list[*]}');
  jsonpath('edge-empty-spec', 'edge-empty.json', '{.spec}|{.spec.nullValue}|{.spec.emptyString}|{.spec.emptyMap}|{.spec.emptyList}');
  jsonpath('edge-strings-html', 'edge-strings.json', '{.data.html} {.metadata.annotations}');
  jsonpath('edge-strings-korean', 'edge-strings.json', '{.data.korean}');
  jsonpath('edge-numbers-json-floats-spec', 'edge-numbers-json-floats.json', '{.spec}');
  jsonpath(
    'edge-numbers-json-floats-scalars',
    'edge-numbers-json-floats.json',
    '{.spec.e6} {.spec.one} {.spec.hundred} {.spec.negZero} {.spec.negZeroInt} {.spec.overSafe} {.spec.huge} {.spec.e18} {.spec.overInt64} {.spec.list[*]}',
  );
  jsonpath('edge-numbers-yaml-forms-spec', 'edge-numbers-yaml-forms.yaml', '{.spec}');
  jsonpath('edge-numbers-yaml-forms-scalars', 'edge-numbers-yaml-forms.yaml', '{.spec.e6} {.spec.one} {.spec.negZero} {.spec.overSafe} {.spec.uintBig} {.spec.negTiny}');
  jsonpath('edge-yaml11-spec', 'edge-yaml11.yaml', '{.spec}');
  for (const input of ['kiamol-ch02-deployment.yaml', 'podbook-service.json', 'edge-numbers.json']) {
    add(`label-${input.replace(/\.(json|yaml)$/, '')}.name`, ['label', '--local', '-f', `${INPUT_REL}/${input}`, 'podbook=probe', '-o', 'name']);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

/** The test hands the golden's command line to Podbook's tokenizer: it must give back the same words. */
function checkRoundTrip(command: string, argv: string[]): void {
  const parsed = parseCommandLine(command);
  const words = parsed.ok && parsed.pipelines.length === 1 ? parsed.pipelines[0].stages[0]?.argv : undefined;
  if (!words || JSON.stringify(words) !== JSON.stringify(argv)) {
    throw new Error(`Podbook's tokenizer does not read back ${command} as ${JSON.stringify(argv)}`);
  }
}

async function main(): Promise<void> {
  checkGuards();
  const version = checkKubectl();
  const inputs = await writeInputs();
  const home = fakeHome();
  try {
    for (const f of readdirSync(GOLDEN_DIR)) if (f.endsWith('.golden')) rmSync(path.join(GOLDEN_DIR, f));
    const all = cases(inputs);
    // A minimal environment: no KUBECONFIG or proxy settings from the developer's shell.
    const env: Record<string, string> = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8' };
    const names = new Set<string>();
    for (const c of all) {
      if (names.has(c.name)) throw new Error(`duplicate case name ${c.name}`);
      names.add(c.name);
      const r = spawnSync(KUBECTL, c.argv, { cwd: ROOT, env: env as NodeJS.ProcessEnv, encoding: 'buffer' });
      if (r.error) throw r.error;
      const command = quoteCommand(['kubectl', ...c.argv]);
      checkRoundTrip(command, ['kubectl', ...c.argv]);
      const golden = formatGolden({
        version,
        command,
        stdout: r.stdout.toString('utf8'),
        stderr: r.stderr.toString('utf8'),
        exitCode: r.status ?? -1,
      });
      writeFileSync(path.join(GOLDEN_DIR, goldenFileName(c.name)), golden);
      if (r.status !== 0) process.stderr.write(`note: ${c.name} exited ${r.status}: ${r.stderr.toString('utf8').trim()}\n`);
    }
    process.stdout.write(`wrote ${all.length} goldens and ${inputs.length} inputs with kubectl ${version} (${KUBECTL})\n`);
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  // keep `git diff` readable: the goldens are plain files, reviewed like code
  try {
    execFileSync('git', ['status', '--short', '--', path.relative(ROOT, GOLDEN_DIR)], { cwd: ROOT, stdio: 'inherit' });
  } catch {
    // not a git checkout: nothing to show
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`update-printer-goldens: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
