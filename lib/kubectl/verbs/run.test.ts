// `kubectl run` against the simulated cluster. Expected bodies and messages were checked against
// the real kubectl 1.32.5 (`--dry-run=client -o json|yaml`, and a logging probe server for the
// POST body).
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Pod } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

function session() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  return { cluster, run: (line: string) => runKubectl(line, { client }) };
}

describe('kubectl run', () => {
  it('kubectl run creates a pod labelled run=NAME and prints pod/NAME created', async () => {
    const s = session();
    expect(await s.run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol')).toEqual({ stdout: 'pod/hello-kiamol created\n', stderr: '', exitCode: 0 });
    const pod = s.cluster.store.get<Pod>('pods', 'default', 'hello-kiamol');
    expect(pod.metadata.labels).toEqual({ run: 'hello-kiamol' });
    expect(pod.spec.restartPolicy).toBe('Always');
    expect(pod.spec.containers.map((c) => [c.name, c.image])).toEqual([['hello-kiamol', 'kiamol/ch02-hello-kiamol']]);
  });

  it('kubectl run --dry-run=client -o yaml prints the pod it would send, without creating it', async () => {
    const s = session();
    const r = await s.run('kubectl run x --image=nginx --port=80 --env=A=b --labels=a=b,c=d --restart=Never --command --dry-run=client -o yaml -- sleep 10');
    expect(r).toEqual({
      stdout: `apiVersion: v1
kind: Pod
metadata:
  creationTimestamp: null
  labels:
    a: b
    c: d
  name: x
spec:
  containers:
  - command:
    - sleep
    - "10"
    env:
    - name: A
      value: b
    image: nginx
    name: x
    ports:
    - containerPort: 80
    resources: {}
  dnsPolicy: ClusterFirst
  restartPolicy: Never
status: {}
`,
      stderr: '',
      exitCode: 0,
    });
    expect(s.cluster.store.find('pods', 'default', 'x')).toBeUndefined();
  });

  it('kubectl run --dry-run=client -o json keeps Go struct field order', async () => {
    const r = await session().run('kubectl run x --image=nginx --dry-run=client -o json');
    expect(JSON.parse(r.stdout)).toEqual({
      kind: 'Pod',
      apiVersion: 'v1',
      metadata: { name: 'x', creationTimestamp: null, labels: { run: 'x' } },
      spec: { containers: [{ name: 'x', image: 'nginx', resources: {} }], restartPolicy: 'Always', dnsPolicy: 'ClusterFirst' },
      status: {},
    });
    expect(r.stdout.split('\n').slice(0, 3)).toEqual(['{', '    "kind": "Pod",', '    "apiVersion": "v1",']);
  });

  it('kubectl run passes words after the name as args, and as command with --command', async () => {
    const s = session();
    await s.run('kubectl run a --image=busybox -- sleep 3600');
    await s.run('kubectl run b --image=busybox --command -- sleep 3600');
    expect(s.cluster.store.get<Pod>('pods', 'default', 'a').spec.containers[0].args).toEqual(['sleep', '3600']);
    expect(s.cluster.store.get<Pod>('pods', 'default', 'b').spec.containers[0].command).toEqual(['sleep', '3600']);
  });

  it('kubectl run --dry-run=client prints the (dry run) suffix', async () => {
    expect((await session().run('kubectl run x --image=nginx --dry-run=client')).stdout).toBe('pod/x created (dry run)\n');
  });

  it('kubectl run without --image fails with cobra\'s required-flag error', async () => {
    expect(await session().run('kubectl run x')).toEqual({ stdout: '', stderr: 'error: required flag(s) "image" not set\n', exitCode: 1 });
  });

  it('kubectl run without a name is a usage error', async () => {
    expect(await session().run('kubectl run --image=x')).toEqual({
      stdout: '',
      stderr: "error: NAME is required for run\nSee 'kubectl run -h' for help and examples\n",
      exitCode: 1,
    });
  });

  it('kubectl run with a bad --restart is a usage error', async () => {
    expect(await session().run('kubectl run x --image=nginx --restart=Bad')).toEqual({
      stdout: '',
      stderr: "error: invalid restart policy: Bad\nSee 'kubectl run -h' for help and examples\n",
      exitCode: 1,
    });
  });

  it('kubectl run of an existing pod reports AlreadyExists from the server', async () => {
    const s = session();
    await s.run('kubectl run x --image=nginx');
    expect(await s.run('kubectl run x --image=nginx')).toEqual({ stdout: '', stderr: 'Error from server (AlreadyExists): pods "x" already exists\n', exitCode: 1 });
  });

  it('kubectl run with an invalid name prints the server\'s Invalid causes', async () => {
    const r = await session().run('kubectl run X_y --image=nginx');
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toBe(
      'The Pod "X_y" is invalid: \n' +
        `* metadata.name: Invalid value: "X_y": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')\n` +
        `* spec.containers[0].name: Invalid value: "X_y": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')\n`,
    );
  });
});
