// `kubectl logs` against the simulated cluster: --tail, -l (default tail 10, --prefix), TYPE/NAME
// with `Found N pods, using pod/…`, the Defaulted container notice, --timestamps, --since,
// bounded -f, and the server's and kubectl's errors.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Cluster } from '../../cluster/cluster';
import type { KubeObject } from '../../k8s/types';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

type PodObj = KubeObject & { status?: { conditions?: { type: string; status: string }[] } };

function allReady(cluster: Cluster, label: string, n: number) {
  return () => cluster.store.list<PodObj>('pods', 'default', { labelSelector: label }).items.filter((p) => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')).length === n;
}

function setup() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const run = (cmd: string) => runKubectl(cmd, { client });
  const expectRun = async (cmd: string, stdout: string, stderr: string, exitCode: number) => {
    const r = await run(cmd);
    expect({ cmd, ...r }).toEqual({ cmd, stdout, stderr, exitCode });
  };
  return { cluster, client, run, expectRun };
}

function deployment(cluster: Cluster, name: string, replicas: number) {
  cluster.store.create('deployments', 'default', {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, labels: { app: name } },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }] } } },
  } as KubeObject);
}

describe('kubectl logs on the simulated cluster', () => {
  it('prints the last lines of a pod’s log, with timestamps when asked', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    // the sandbox is up, the image still pulling (the runtime answers for pods it has a sandbox of)
    cluster.runUntil(() => cluster.kubelet.runtime.listContainers({ label: { 'io.kubernetes.pod.name': 'hello-kiamol' } }).length > 0, 10_000);
    await expectRun(
      'kubectl logs hello-kiamol',
      '',
      'Error from server (BadRequest): container "hello-kiamol" in pod "hello-kiamol" is waiting to start: ContainerCreating\n',
      1,
    );
    await run('kubectl wait --for=condition=Ready pod/hello-kiamol');
    await expectRun(
      'kubectl logs --tail=2 hello-kiamol',
      '2025/03/26 02:43:19 [notice] 1#1: start worker process 38\n2025/03/26 02:43:19 [notice] 1#1: start worker process 39\n',
      '',
      0,
    );
    const ts = await run('kubectl logs --tail=1 --timestamps hello-kiamol');
    expect(ts.stdout).toMatch(/^2025-03-26T02:43:19\.\d{9}Z 2025\/03\/26 02:43:19 \[notice\] 1#1: start worker process 39\n$/);
    cluster.advance(120_000);
    await expectRun('kubectl logs --since=1m hello-kiamol', '', '', 0);
    expect((await run('kubectl logs --since=5m hello-kiamol')).stdout.split('\n')).toHaveLength(23);
    await expectRun('kubectl logs nope', '', 'error: error from server (NotFound): pods "nope" not found in namespace "default"\n', 1);
    await expectRun('kubectl logs -c web hello-kiamol', '', 'error: container web is not valid for pod hello-kiamol\n', 1);
    await expectRun(
      'kubectl logs -p hello-kiamol',
      '',
      'Error from server (BadRequest): previous terminated container "hello-kiamol" in pod "hello-kiamol" not found\n',
      1,
    );
    await expectRun(
      'kubectl logs',
      '',
      "error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples\n",
      1,
    );
  });

  it('follows a log for a bounded virtual time, printing lines as they are written', async () => {
    const { cluster, run } = setup();
    cluster.store.create('pods', 'default', {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'ticker' },
      spec: { containers: [{ name: 'ticker', image: 'busybox', command: ['sh', '-c', 'while true; do echo tick; sleep 1; done'] }] },
    } as KubeObject);
    await run('kubectl wait --for=condition=Ready pod/ticker');
    const before = cluster.now();
    const r = await run('kubectl logs -f --tail=1 ticker --request-timeout=3s');
    expect(cluster.now() - before).toBe(3000);
    expect(r).toEqual({ stdout: 'tick\ntick\ntick\ntick\n', stderr: '', exitCode: 0 });
  });

  it('reads every pod of a selector (tail 10 by default) and one pod of a deployment', async () => {
    const { cluster, client, run, expectRun } = setup();
    deployment(cluster, 'web', 2);
    cluster.runUntil(allReady(cluster, 'app=web', 2), 120_000);
    const names = (await client.list('pods', 'default', { labelSelector: 'app=web' })).items.map((p) => p.metadata.name ?? '');
    for (const n of names) await client.exec('default', n, 'web', ['wget', '-q', '-O', '/dev/null', 'http://localhost/']);
    const all = await run('kubectl logs -l app=web --prefix');
    expect(all.stderr).toBe('');
    const lines = all.stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(20);
    expect(lines[9]).toMatch(new RegExp(`^\\[pod/${names[0]}/web\\] 127\\.0\\.0\\.1 - - .*"Wget" "-"$`));
    expect(lines[19]).toMatch(new RegExp(`^\\[pod/${names[1]}/web\\] 127\\.0\\.0\\.1 - - .*"Wget" "-"$`));
    const one = await run('kubectl logs deploy/web --tail=1');
    expect(one.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    expect(one.stdout).toMatch(/"GET \/ HTTP\/1\.1" 200 353 "-" "Wget" "-"\n$/);
    await expectRun('kubectl logs -l app=none', '', 'No resources found in default namespace.\n', 0);
    await expectRun('kubectl logs -l app=web web', '', "error: only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples\n", 1);
    await expectRun(
      'kubectl logs -f -l app=web --max-log-requests=1',
      '',
      'error: you are attempting to follow 2 log streams, but maximum allowed concurrency is 1, use --max-log-requests to increase the limit\n',
      1,
    );
  });
});
