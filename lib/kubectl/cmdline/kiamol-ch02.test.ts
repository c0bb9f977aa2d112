// Every command of kiamol chapter 2 (../shared/reference/kiamol-ch02-commands.md §2 and the lab,
// and the publisher's own list saved in testdata/) tokenizes and resolves as expected.
import { describe, expect, it } from 'vitest';
import gilbutCommands from './testdata/gilbut-2-14-commands-ch02-excerpt.txt?raw';
import { resolveKubectl } from './resolve';
import { expandStage, parseCommandLine, type Pipeline } from './tokenize';


/** [command line as written in §2, expected argv of each pipeline stage]. */
const SECTION_2: [string, string[][]][] = [
  ['kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol', [['kubectl', 'run', 'hello-kiamol', '--image=kiamol/ch02-hello-kiamol']]],
  ['kubectl wait --for=condition=Ready pod hello-kiamol', [['kubectl', 'wait', '--for=condition=Ready', 'pod', 'hello-kiamol']]],
  ['kubectl get pods', [['kubectl', 'get', 'pods']]],
  ['kubectl describe pod hello-kiamol', [['kubectl', 'describe', 'pod', 'hello-kiamol']]],
  ['kubectl get pod hello-kiamol', [['kubectl', 'get', 'pod', 'hello-kiamol']]],
  [
    'kubectl get pod hello-kiamol --output custom-columns=NAME:metadata.name,NODE_IP:status.hostIP,POD_IP:status.podIP',
    [
      [
        'kubectl',
        'get',
        'pod',
        'hello-kiamol',
        '--output',
        'custom-columns=NAME:metadata.name,NODE_IP:status.hostIP,POD_IP:status.podIP',
      ],
    ],
  ],
  [
    "kubectl get pod hello-kiamol -o jsonpath='{.status.containerStatuses[0].containerID}'",
    [['kubectl', 'get', 'pod', 'hello-kiamol', '-o', 'jsonpath={.status.containerStatuses[0].containerID}']],
  ],
  [
    'docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol',
    [['docker', 'container', 'ls', '-q', '--filter', 'label=io.kubernetes.container.name=hello-kiamol']],
  ],
  [
    'docker container rm -f $(docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol)',
    // the substitution expanded with a container id, as the executor would
    [['docker', 'container', 'rm', '-f', '4f2a1c0e9b7d']],
  ],
  ['kubectl get pod hello-kiamol', [['kubectl', 'get', 'pod', 'hello-kiamol']]],
  [
    'docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol',
    [['docker', 'container', 'ls', '-q', '--filter', 'label=io.kubernetes.container.name=hello-kiamol']],
  ],
  ['kubectl port-forward pod/hello-kiamol 8080:80', [['kubectl', 'port-forward', 'pod/hello-kiamol', '8080:80']]],
  [
    'kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol',
    [['kubectl', 'create', 'deployment', 'hello-kiamol-2', '--image=kiamol/ch02-hello-kiamol']],
  ],
  ['kubectl get pods', [['kubectl', 'get', 'pods']]],
  [
    "kubectl get deploy hello-kiamol-2 -o jsonpath='{.spec.template.metadata.labels}'",
    [['kubectl', 'get', 'deploy', 'hello-kiamol-2', '-o', 'jsonpath={.spec.template.metadata.labels}']],
  ],
  ['kubectl get pods -l app=hello-kiamol-2', [['kubectl', 'get', 'pods', '-l', 'app=hello-kiamol-2']]],
  [
    'kubectl get pods -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    [['kubectl', 'get', 'pods', '-o', 'custom-columns=NAME:metadata.name,LABELS:metadata.labels']],
  ],
  [
    'kubectl label pods -l app=hello-kiamol-2 --overwrite app=hello-kiamol-x',
    [['kubectl', 'label', 'pods', '-l', 'app=hello-kiamol-2', '--overwrite', 'app=hello-kiamol-x']],
  ],
  [
    'kubectl get pods -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    [['kubectl', 'get', 'pods', '-o', 'custom-columns=NAME:metadata.name,LABELS:metadata.labels']],
  ],
  [
    'kubectl get pods -l app -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    [['kubectl', 'get', 'pods', '-l', 'app', '-o', 'custom-columns=NAME:metadata.name,LABELS:metadata.labels']],
  ],
  [
    'kubectl label pods -l app=hello-kiamol-x --overwrite app=hello-kiamol-2',
    [['kubectl', 'label', 'pods', '-l', 'app=hello-kiamol-x', '--overwrite', 'app=hello-kiamol-2']],
  ],
  [
    'kubectl get pods -l app -o custom-columns=NAME:metadata.name,LABELS:metadata.labels',
    [['kubectl', 'get', 'pods', '-l', 'app', '-o', 'custom-columns=NAME:metadata.name,LABELS:metadata.labels']],
  ],
  ['kubectl port-forward deploy/hello-kiamol-2 8080:80', [['kubectl', 'port-forward', 'deploy/hello-kiamol-2', '8080:80']]],
  ['cd ch02', [['cd', 'ch02']]],
  ['kubectl apply -f pod.yaml', [['kubectl', 'apply', '-f', 'pod.yaml']]],
  ['kubectl get pods', [['kubectl', 'get', 'pods']]],
  [
    'kubectl apply -f https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml',
    [['kubectl', 'apply', '-f', 'https://raw.githubusercontent.com/sixeyed/kiamol/master/ch02/pod.yaml']],
  ],
  ['kubectl apply -f deployment.yaml', [['kubectl', 'apply', '-f', 'deployment.yaml']]],
  ['kubectl get pods -l app=hello-kiamol-4', [['kubectl', 'get', 'pods', '-l', 'app=hello-kiamol-4']]],
  [
    'kubectl get pod hello-kiamol -o custom-columns=NAME:metadata.name,POD_IP:status.podIP',
    [['kubectl', 'get', 'pod', 'hello-kiamol', '-o', 'custom-columns=NAME:metadata.name,POD_IP:status.podIP']],
  ],
  ['kubectl exec -it hello-kiamol sh', [['kubectl', 'exec', '-it', 'hello-kiamol', 'sh']]],
  ['hostname -i', [['hostname', '-i']]],
  [
    'wget -O - http://localhost | head -n 4',
    [
      ['wget', '-O', '-', 'http://localhost'],
      ['head', '-n', '4'],
    ],
  ],
  ['exit', [['exit']]],
  ['kubectl logs --tail=2 hello-kiamol', [['kubectl', 'logs', '--tail=2', 'hello-kiamol']]],
  [
    'docker container logs --tail=2 $(docker container ls -q --filter label=io.kubernetes.container.name=hello-kiamol)',
    [['docker', 'container', 'logs', '--tail=2', '4f2a1c0e9b7d']],
  ],
  [
    "kubectl exec deploy/hello-kiamol-4 -- sh -c 'wget -O - http://localhost > /dev/null'",
    [['kubectl', 'exec', 'deploy/hello-kiamol-4', '--', 'sh', '-c', 'wget -O - http://localhost > /dev/null']],
  ],
  ['kubectl logs --tail=1 -l app=hello-kiamol-4', [['kubectl', 'logs', '--tail=1', '-l', 'app=hello-kiamol-4']]],
  ['mkdir -p /tmp/kiamol/ch02', [['mkdir', '-p', '/tmp/kiamol/ch02']]],
  [
    'kubectl cp hello-kiamol:/usr/share/nginx/html/index.html /tmp/kiamol/ch02/index.html',
    [['kubectl', 'cp', 'hello-kiamol:/usr/share/nginx/html/index.html', '/tmp/kiamol/ch02/index.html']],
  ],
  ['cat /tmp/kiamol/ch02/index.html', [['cat', '/tmp/kiamol/ch02/index.html']]],
  ['kubectl get pods', [['kubectl', 'get', 'pods']]],
  ['kubectl delete pods --all', [['kubectl', 'delete', 'pods', '--all']]],
  ['kubectl get pods', [['kubectl', 'get', 'pods']]],
  ['kubectl get deploy', [['kubectl', 'get', 'deploy']]],
  ['kubectl delete deploy --all', [['kubectl', 'delete', 'deploy', '--all']]],
  ['kubectl get pods', [['kubectl', 'get', 'pods']]],
  ['kubectl get all', [['kubectl', 'get', 'all']]],
];

/** §2's variants (the English book's forms) and §3's lab walkthrough. */
const VARIANTS_AND_LAB: [string, string[][]][] = [
  [
    'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol --restart=Never',
    [['kubectl', 'run', 'hello-kiamol', '--image=kiamol/ch02-hello-kiamol', '--restart=Never']],
  ],
  ['kubectl exec -it hello-kiamol -- sh', [['kubectl', 'exec', '-it', 'hello-kiamol', '--', 'sh']]],
  ['kubectl apply -f solution/deployment.yaml', [['kubectl', 'apply', '-f', 'solution/deployment.yaml']]],
  ['kubectl port-forward deploy/whoami 8080:80', [['kubectl', 'port-forward', 'deploy/whoami', '8080:80']]],
  ['curl http://localhost:8080', [['curl', 'http://localhost:8080']]],
  ['kubectl get pods -o custom-columns=NAME:metadata.name', [['kubectl', 'get', 'pods', '-o', 'custom-columns=NAME:metadata.name']]],
  ["kubectl exec deploy/whoami -- sh -c 'hostname'", [['kubectl', 'exec', 'deploy/whoami', '--', 'sh', '-c', 'hostname']]],
];

function stagesOf(p: Pipeline): string[][] {
  // Command substitutions are run by the executor; here one prints a container id.
  return p.stages.map((s) => s.argv ?? expandStage(s, { substitute: () => '4f2a1c0e9b7d\n' }).argv);
}

describe('kiamol chapter 2 commands', () => {
  it('has the 47 commands of §2 (with `cd ch02` on its own line)', () => {
    expect(SECTION_2).toHaveLength(48);
  });

  for (const [line, expected] of [...SECTION_2, ...VARIANTS_AND_LAB]) {
    it(`tokenizes \`${line}\``, () => {
      const r = parseCommandLine(line);
      if (!r.ok) throw new Error(r.error);
      expect(r.pipelines).toHaveLength(1);
      expect(stagesOf(r.pipelines[0])).toEqual(expected);
    });
  }

  it('resolves every kubectl command of §2 and the lab without a flag error', () => {
    for (const [, [argv]] of [...SECTION_2, ...VARIANTS_AND_LAB]) {
      if (argv[0] !== 'kubectl') continue;
      const inv = resolveKubectl(argv.slice(1));
      expect(inv.kind, argv.join(' ')).toBe('run');
    }
  });

  it('parses the flags of the chapter’s kubectl lines as kubectl does', () => {
    const run = (line: string) => {
      const inv = resolveKubectl(line.split(' ').slice(1));
      if (inv.kind !== 'run') throw new Error(inv.kind);
      return inv;
    };
    expect(run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol')).toMatchObject({
      cmdPath: 'kubectl run',
      args: ['hello-kiamol'],
      flags: { image: 'kiamol/ch02-hello-kiamol', restart: 'Always' },
    });
    expect(run('kubectl wait --for=condition=Ready pod hello-kiamol')).toMatchObject({
      args: ['pod', 'hello-kiamol'],
      flags: { for: 'condition=Ready', timeout: 30e9 },
    });
    expect(run('kubectl create deployment hello-kiamol-2 --image=kiamol/ch02-hello-kiamol')).toMatchObject({
      path: ['create', 'deployment'],
      args: ['hello-kiamol-2'],
      flags: { image: ['kiamol/ch02-hello-kiamol'], replicas: 1 },
    });
    expect(run('kubectl label pods -l app=hello-kiamol-2 --overwrite app=hello-kiamol-x')).toMatchObject({
      args: ['pods', 'app=hello-kiamol-x'],
      flags: { selector: 'app=hello-kiamol-2', overwrite: true },
    });
    expect(run('kubectl get pods -l app -o custom-columns=NAME:metadata.name,LABELS:metadata.labels')).toMatchObject({
      args: ['pods'],
      flags: { selector: 'app', output: 'custom-columns=NAME:metadata.name,LABELS:metadata.labels' },
    });
    expect(run('kubectl exec -it hello-kiamol sh')).toMatchObject({
      args: ['hello-kiamol', 'sh'],
      dashDashAt: -1,
      flags: { stdin: true, tty: true },
    });
    expect(run('kubectl exec -it hello-kiamol -- sh')).toMatchObject({ args: ['hello-kiamol', 'sh'], dashDashAt: 1 });
    expect(run('kubectl logs --tail=1 -l app=hello-kiamol-4')).toMatchObject({
      args: [],
      flags: { tail: 1, selector: 'app=hello-kiamol-4' },
    });
    expect(run('kubectl delete deploy --all')).toMatchObject({ args: ['deploy'], flags: { all: true, cascade: 'background' } });
    expect(run('kubectl apply -f pod.yaml')).toMatchObject({ flags: { filename: ['pod.yaml'], validate: 'strict' } });
  });

  it('reads the publisher’s command list: prose lines parse too, commands in §2 order', () => {
    const text = gilbutCommands;
    const r = parseCommandLine(text);
    if (!r.ok) throw new Error(`${r.line}: ${r.error}`);
    const COMMANDS = new Set(['kubectl', 'docker', 'cd', 'mkdir', 'cat', 'hostname', 'wget', 'exit']);
    const commands = r.pipelines
      .map(stagesOf)
      .filter((stages) => COMMANDS.has(stages[0][0] ?? ''));
    expect(commands).toEqual(SECTION_2.map(([, stages]) => stages));
    // The first line's `<쿠버네티스 교과서>` is read by bash as two redirections; it parses.
    expect(r.pipelines[0].stages[0].redirects.map((x) => [x.op, x.value])).toEqual([
      ['<', '쿠버네티스'],
      ['>', '2~14장의'],
    ]);
    expect(r.pipelines.filter((p) => /^-+$/.test(p.text))).toHaveLength(18);
  });
});
