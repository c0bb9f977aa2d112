// `kubectl delete` against the simulated cluster. Messages and DELETE bodies were checked
// against the real kubectl 1.32.5 through a logging probe server.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';
import { KIAMOL_POD } from '../manifests';

function session(files: Record<string, string> = {}) {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  return { cluster, run: (line: string) => runKubectl(line, { client, files: { read: (p) => files[p] } }) };
}

async function withRunningPods(...names: string[]) {
  const s = session({ 'pod.yaml': KIAMOL_POD });
  for (const n of names) await s.run(`kubectl run ${n} --image=kiamol/ch02-hello-kiamol`);
  s.cluster.advance(30_000);
  return s;
}

describe('kubectl delete', () => {
  it('kubectl delete pod waits until the pod is gone and prints pod "x" deleted', async () => {
    const s = await withRunningPods('web');
    expect(await s.run('kubectl delete pod web')).toEqual({ stdout: 'pod "web" deleted\n', stderr: '', exitCode: 0 });
    expect(s.cluster.store.find('pods', 'default', 'web')).toBeUndefined();
  });

  it('kubectl delete --wait=false returns while the pod is still terminating', async () => {
    const s = await withRunningPods('web');
    expect((await s.run('kubectl delete pod web --wait=false')).stdout).toBe('pod "web" deleted\n');
    expect(s.cluster.store.find('pods', 'default', 'web')?.metadata.deletionTimestamp).toBeDefined();
  });

  it('kubectl delete pods --all deletes every pod of the namespace, one line each', async () => {
    const s = await withRunningPods('a', 'b');
    expect((await s.run('kubectl delete pods --all')).stdout).toBe('pod "a" deleted\npod "b" deleted\n');
  });

  it('kubectl delete with a selector that matches nothing prints No resources found on stdout', async () => {
    const s = session();
    expect(await s.run('kubectl delete pods -l app=nope')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
    expect(await s.run('kubectl delete pods --all -n kube-public')).toEqual({ stdout: 'No resources found\n', stderr: '', exitCode: 0 });
  });

  it('kubectl delete of a missing pod reports NotFound after deleting the others', async () => {
    const s = await withRunningPods('a');
    expect(await s.run('kubectl delete pod a b')).toEqual({ stdout: 'pod "a" deleted\n', stderr: 'Error from server (NotFound): pods "b" not found\n', exitCode: 1 });
    expect(await s.run('kubectl delete pod/b --ignore-not-found')).toEqual({ stdout: '', stderr: '', exitCode: 0 });
  });

  it('kubectl delete --force --grace-period=0 warns and says force deleted', async () => {
    const s = await withRunningPods('busy');
    expect(await s.run('kubectl delete pod busy --grace-period=0 --force')).toEqual({
      stdout: 'pod "busy" force deleted\n',
      stderr:
        'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
      exitCode: 0,
    });
    expect(s.cluster.store.find('pods', 'default', 'busy')).toBeUndefined();
  });

  it('kubectl delete deployment names the group and takes its pods with it in the background', async () => {
    const s = session();
    await s.run('kubectl create deployment web --image=nginx:1.27');
    s.cluster.advance(30_000);
    expect((await s.run('kubectl delete deploy web')).stdout).toBe('deployment.apps "web" deleted\n');
    s.cluster.advance(60_000);
    expect(s.cluster.store.list('pods', 'default').items).toEqual([]);
    expect(s.cluster.store.list('replicasets', 'default').items).toEqual([]);
  });

  it('kubectl delete -f deletes what the file names', async () => {
    const s = session({ 'pod.yaml': KIAMOL_POD });
    await s.run('kubectl apply -f pod.yaml');
    expect((await s.run('kubectl delete -f pod.yaml')).stdout).toBe('pod "hello-kiamol-3" deleted\n');
    expect((await s.run('kubectl delete -f pod.yaml')).stderr).toBe('Error from server (NotFound): error when deleting "pod.yaml": pods "hello-kiamol-3" not found\n');
  });

  it('kubectl delete -o name prints type/name', async () => {
    const s = await withRunningPods('a');
    expect((await s.run('kubectl delete pod a -o name')).stdout).toBe('pod/a\n');
  });

  it('kubectl delete argument errors are kubectl\'s', async () => {
    const s = session();
    expect((await s.run('kubectl delete')).stderr).toBe(
      "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n",
    );
    expect((await s.run('kubectl delete pod')).stderr).toBe('error: resource(s) were provided, but no name was specified\n');
    expect((await s.run('kubectl delete pod x --all')).stderr).toBe('error: name cannot be provided when a selector is specified\n');
    expect((await s.run('kubectl delete --all')).stderr).toBe('error: at least one resource must be specified to use a selector\n');
    expect((await s.run('kubectl delete pod x --cascade=bad')).stderr).toBe('error: invalid cascade value (bad). Must be "background", "foreground", or "orphan"\n');
    expect((await s.run('kubectl delete pod x --grace-period=5 --now')).stderr).toBe('error: --now and --grace-period cannot be specified together\n');
  });
});
