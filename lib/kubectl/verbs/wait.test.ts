// `kubectl wait` against the simulated cluster: kiamol ch02 §2.1 command 2, -l, --for=delete,
// --for=jsonpath, timeouts and NotFound, with virtual time passing only as far as the wait needs.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

function setup() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const run = (cmd: string) => runKubectl(cmd, { client });
  const expectRun = async (cmd: string, stdout: string, stderr: string, exitCode: number) => {
    const r = await run(cmd);
    expect({ cmd, ...r }).toEqual({ cmd, stdout, stderr, exitCode });
  };
  return { cluster, run, expectRun };
}

describe('kubectl wait on the simulated cluster', () => {
  it('waits for a new pod to be Ready (kiamol ch02 §2.1 command 2) and leaves the clock there', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    const start = cluster.now();
    await expectRun('kubectl wait --for=condition=Ready pod hello-kiamol', 'pod/hello-kiamol condition met\n', '', 0);
    const waited = cluster.now() - start;
    expect(waited).toBeGreaterThan(1000);
    expect(waited).toBeLessThan(30_000);
    await expectRun('kubectl get pods', 'NAME           READY   STATUS    RESTARTS   AGE\nhello-kiamol   1/1     Running   0          6s\n', '', 0);
    // already met: no time passes
    const t = cluster.now();
    await expectRun('kubectl wait --for=condition=ready pod/hello-kiamol', 'pod/hello-kiamol condition met\n', '', 0);
    expect(cluster.now()).toBe(t);
    await expectRun("kubectl wait --for=jsonpath='{.status.phase}'=Running pod/hello-kiamol", 'pod/hello-kiamol condition met\n', '', 0);
  });

  it('waits for every pod of a selector and for deletion', async () => {
    const { run, expectRun } = setup();
    await run('kubectl run a --image=nginx --labels=app=x');
    await run('kubectl run b --image=nginx --labels=app=x');
    await expectRun('kubectl wait --for=condition=Ready pods -l app=x --timeout=60s', 'pod/a condition met\npod/b condition met\n', '', 0);
    await expectRun('kubectl wait --for=condition=Ready pods -l app=none', '', 'error: no matching resources found\n', 1);
    await run('kubectl delete pod a --wait=false');
    await expectRun('kubectl wait --for=delete pod/a', 'pod/a condition met\n', '', 0);
    await expectRun('kubectl wait --for=delete pod/a', '', '', 0);
  });

  it('times out with kubectl’s message and reports missing objects as the server does', async () => {
    const { cluster, run, expectRun } = setup();
    await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    const start = cluster.now();
    await expectRun('kubectl wait --for=condition=Ready pod/hello-kiamol --timeout=1s', '', 'error: timed out waiting for the condition on pods/hello-kiamol\n', 1);
    expect(cluster.now() - start).toBe(1000);
    await expectRun('kubectl wait --for=condition=Ready pod/nope', '', 'Error from server (NotFound): pods "nope" not found\n', 1);
    await expectRun('kubectl wait --for=condition=Ready pods', '', 'error: resource(s) were provided, but no name was specified\n', 1);
    await expectRun('kubectl wait --for=bogus pod/hello-kiamol', '', 'error: unrecognized condition: "bogus"\n', 1);
  });
});
