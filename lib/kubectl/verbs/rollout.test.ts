// `kubectl rollout history --revision=N`. The expected texts are what the real kubectl 1.32.5
// printed for the same commands against Podbook's apiserver serving this same simulated cluster
// (byte-identical, raw tabs included: history.go printTemplate writes describe's PrefixWriter
// straight to a buffer, with no tabwriter).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

const MANIFEST = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: front
      annotations:
        note: hello
    spec:
      serviceAccountName: default
      containers:
      - name: nginx
        image: nginx:1.27
        ports:
        - containerPort: 80
        env:
        - name: A
          value: b
        resources:
          limits:
            cpu: 100m
        volumeMounts:
        - name: data
          mountPath: /data
      volumes:
      - name: data
        emptyDir: {}
`;

async function session() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const files: Record<string, string> = { 'd.yaml': MANIFEST };
  const run = (line: string) => runKubectl(line, { client, files: { read: (p) => files[p] } });
  for (const line of [
    'kubectl apply -f d.yaml',
    'kubectl create deployment plain --image=busybox',
    'kubectl set image deployment/web nginx=nginx:1.28',
    'kubectl annotate deployment web kubernetes.io/change-cause=image-to-1.28',
  ]) {
    const r = await run(line);
    if (r.exitCode !== 0) throw new Error(`${line}: ${r.stderr}`);
    cluster.advance(20_000);
  }
  return run;
}

const WEB_TEMPLATE_TAIL = [
  '  Service Account:\tdefault',
  '  Containers:',
  '   nginx:',
  '    Image:\tnginx:1.2X',
  '    Port:\t80/TCP',
  '    Host Port:\t0/TCP',
  '    Limits:',
  '      cpu:\t100m',
  '    Environment:',
  '      A:\tb',
  '    Mounts:',
  '      /data from data (rw)',
  '  Volumes:',
  '   data:',
  "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)",
  '    Medium:\t',
  '    SizeLimit:\t<unset>',
  '  Node-Selectors:\t<none>',
  '  Tolerations:\t<none>',
  '',
  '',
];

const WEB_REVISION_1 = [
  'deployment.apps/web with revision #1',
  'Pod Template:',
  '  Labels:\tapp=web',
  '\tpod-template-hash=86cc54cf5',
  '\ttier=front',
  '  Annotations:\tnote: hello',
  ...WEB_TEMPLATE_TAIL,
]
  .join('\n')
  .replace('1.2X', '1.27');

const PLAIN_REVISION_1 = [
  'deployment.apps/plain with revision #1',
  'Pod Template:',
  '  Labels:\tapp=plain',
  '\tpod-template-hash=84b7bd5cd4',
  '  Containers:',
  '   busybox:',
  '    Image:\tbusybox',
  '    Port:\t<none>',
  '    Host Port:\t<none>',
  '    Environment:\t<none>',
  '    Mounts:\t<none>',
  '  Volumes:\t<none>',
  '  Node-Selectors:\t<none>',
  '  Tolerations:\t<none>',
  '',
  '',
].join('\n');

describe('kubectl rollout history --revision', () => {
  it('prints the revision header and the pod template as describe prints it, tabs unaligned', async () => {
    const run = await session();
    expect(await run('kubectl rollout history deployment/web --revision=1')).toEqual({ stdout: WEB_REVISION_1, stderr: '', exitCode: 0 });
  });

  it("copies the ReplicaSet's change-cause into the template's annotations", async () => {
    const run = await session();
    const expected = [
      'deployment.apps/web with revision #2',
      'Pod Template:',
      '  Labels:\tapp=web',
      '\tpod-template-hash=797489b866',
      '\ttier=front',
      '  Annotations:\tkubernetes.io/change-cause: image-to-1.28',
      '\tnote: hello',
      ...WEB_TEMPLATE_TAIL,
    ]
      .join('\n')
      .replace('1.2X', '1.28');
    expect(await run('kubectl rollout history deployment/web --revision=2')).toEqual({ stdout: expected, stderr: '', exitCode: 0 });
  });

  it('prints <none> for a container without ports, environment or mounts and no Annotations line without annotations', async () => {
    const run = await session();
    expect(await run('kubectl rollout history deployment/plain --revision=1')).toEqual({ stdout: PLAIN_REVISION_1, stderr: '', exitCode: 0 });
  });

  it('prints one block per deployment when several are named', async () => {
    const run = await session();
    expect(await run('kubectl rollout history deployment web plain --revision=1')).toEqual({
      stdout: WEB_REVISION_1 + PLAIN_REVISION_1,
      stderr: '',
      exitCode: 0,
    });
  });

  it('fails with kubectl\'s message for a revision that does not exist', async () => {
    const run = await session();
    expect(await run('kubectl rollout history deployment/web --revision=9')).toEqual({
      stdout: '',
      stderr: 'error: unable to find the specified revision\n',
      exitCode: 1,
    });
  });

  it('still prints the revision table without --revision', async () => {
    const run = await session();
    expect(await run('kubectl rollout history deployment/web')).toEqual({
      stdout: 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image-to-1.28\n\n',
      stderr: '',
      exitCode: 0,
    });
  });
});
