// `kubectl label` / `kubectl annotate` against the simulated cluster. Messages, streams and the
// merge-patch bodies were checked against the real kubectl 1.32.5 through a logging probe.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

async function session() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const run = (line: string) => runKubectl(line, { client });
  await run('kubectl run x --image=nginx -l tier=backend,app=a');
  return { cluster, run };
}

describe('kubectl label', () => {
  it('kubectl label adds a label and prints pod/x labeled', async () => {
    const s = await session();
    expect(await s.run('kubectl label pod x env=dev')).toEqual({ stdout: 'pod/x labeled\n', stderr: '', exitCode: 0 });
    expect(s.cluster.store.get('pods', 'default', 'x').metadata.labels).toEqual({ tier: 'backend', app: 'a', env: 'dev' });
  });

  it('kubectl label of an existing key without --overwrite fails before patching', async () => {
    const s = await session();
    expect(await s.run('kubectl label pod x tier=frontend')).toEqual({
      stdout: '',
      stderr: "error: 'tier' already has a value (backend), and --overwrite is false\n",
      exitCode: 1,
    });
    expect(s.cluster.store.get('pods', 'default', 'x').metadata.labels?.tier).toBe('backend');
  });

  it('kubectl label with the same value says not labeled; --overwrite changes it; key- removes it', async () => {
    const s = await session();
    expect((await s.run('kubectl label pod x tier=backend')).stdout).toBe('pod/x not labeled\n');
    expect((await s.run('kubectl label pod x tier=frontend --overwrite')).stdout).toBe('pod/x labeled\n');
    expect((await s.run('kubectl label pod x tier-')).stdout).toBe('pod/x unlabeled\n');
    expect(s.cluster.store.get('pods', 'default', 'x').metadata.labels).toEqual({ app: 'a' });
  });

  it('kubectl label removing a missing key says so on stdout', async () => {
    const s = await session();
    expect(await s.run('kubectl label pod x nope-')).toEqual({ stdout: 'label "nope" not found.\npod/x not labeled\n', stderr: '', exitCode: 0 });
  });

  it('kubectl label -l relabels every matching pod', async () => {
    const s = await session();
    await s.run('kubectl run y --image=nginx -l app=a');
    expect((await s.run('kubectl label pods -l app=a --overwrite app=b')).stdout).toBe('pod/x labeled\npod/y labeled\n');
    expect((await s.run('kubectl label pods --all z=1')).stdout).toBe('pod/x labeled\npod/y labeled\n');
  });

  it('kubectl label --list prints the labels', async () => {
    const s = await session();
    expect((await s.run('kubectl label pod x --list')).stdout).toBe('app=a\ntier=backend\n');
  });

  it('kubectl label argument errors are kubectl\'s', async () => {
    const s = await session();
    expect((await s.run('kubectl label pod x')).stderr).toBe('error: at least one label update is required\n');
    expect((await s.run('kubectl label pod x a=b a-')).stderr).toBe('error: can not both modify and remove a label in the same command\n');
    expect((await s.run('kubectl label pod x a=b=c')).stderr).toBe('error: invalid label spec: a=b=c\n');
    expect((await s.run('kubectl label pod nope a=b')).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});

describe('kubectl annotate', () => {
  it('kubectl annotate sets and removes annotations, always printing annotated', async () => {
    const s = await session();
    expect((await s.run('kubectl annotate pod x foo=bar')).stdout).toBe('pod/x annotated\n');
    expect(s.cluster.store.get('pods', 'default', 'x').metadata.annotations).toEqual({ foo: 'bar' });
    expect((await s.run('kubectl annotate pod x foo=baz')).stderr).toBe("error: --overwrite is false but found the following declared annotation(s): 'foo' already has a value (bar)\n");
    expect((await s.run('kubectl annotate pod x foo-')).stdout).toBe('pod/x annotated\n');
    expect(s.cluster.store.get('pods', 'default', 'x').metadata.annotations).toBeUndefined();
  });
});
