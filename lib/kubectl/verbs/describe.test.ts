// `kubectl describe` end to end against the simulated cluster: the verb's fetching, the prefix
// fallback and the separators; the describers' layouts are tested in lib/kubectl/describe.
import { describe as group, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

async function session() {
  const cluster = createCluster({ seed: 1 });
  const client = new SimulatedClient(cluster);
  const run = (line: string, env: Record<string, string> = {}) => runKubectl(line, { client, env });
  await run('kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
  await run('kubectl run hello-kiamol-3 --image=kiamol/ch02-hello-kiamol');
  cluster.advance(60_000);
  return { cluster, run };
}

group('kubectl describe', () => {
  it('describe pod prints the seed-001 layout with the five kubelet and scheduler events', async () => {
    const { run } = await session();
    const r = await run('kubectl describe pod hello-kiamol');
    expect(r.exitCode).toBe(0);
    expect(r.stdout.split('\n').slice(0, 6)).toEqual([
      'Name:             hello-kiamol',
      'Namespace:        default',
      'Priority:         0',
      'Service Account:  default',
      'Node:             docker-desktop/192.168.65.3',
      'Start Time:       Wed, 26 Mar 2025 02:43:14 +0000',
    ]);
    expect(r.stdout).toContain('  Normal  Pulled     55s   kubelet            Successfully pulled image "kiamol/ch02-hello-kiamol" in 5.358s (5.358s including waiting). Image size: 22009873 bytes.\n');
    expect(r.stdout.endsWith('  Normal  Started    55s   kubelet            Started container hello-kiamol\n')).toBe(true);
  });

  it('times follow TZ: Asia/Seoul prints +0900 as a Korean learner sees it', async () => {
    const { run } = await session();
    const r = await run('kubectl describe pod hello-kiamol', { TZ: 'Asia/Seoul' });
    expect(r.stdout).toContain('Start Time:       Wed, 26 Mar 2025 11:43:14 +0900\n');
  });

  it('a name with no exact match describes every pod it prefixes, separated by a blank line', async () => {
    const { run } = await session();
    await run('kubectl delete pod hello-kiamol --wait=false');
    const r = await run('kubectl describe pods hello');
    const names = r.stdout.split('\n').filter((l) => l.startsWith('Name:')).map((l) => l.replace(/ +/, ' '));
    expect(names).toEqual(['Name: hello-kiamol', 'Name: hello-kiamol-3']);
    // the terminating pod's block aligns to its longest label, as kubectl's tabwriter does
    expect(r.stdout).toContain('Termination Grace Period:  30s\n');
    expect(r.stdout).toContain('\n\n\nName:             hello-kiamol-3\n');
  });

  it('an unknown name is NotFound as the server words it', async () => {
    const { run } = await session();
    expect(await run('kubectl describe pod nope')).toEqual({ stdout: '', stderr: 'Error from server (NotFound): pods "nope" not found\n', exitCode: 1 });
  });

  it('describing a type with nothing in it says No resources found on stderr', async () => {
    const { run } = await session();
    expect(await run('kubectl describe deployments')).toEqual({ stdout: '', stderr: 'No resources found in default namespace.\n', exitCode: 0 });
  });

  it('describe with no arguments asks for a resource type', async () => {
    const { run } = await session();
    const r = await run('kubectl describe');
    expect(r.stderr).toBe('error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n');
    expect(r.exitCode).toBe(1);
  });
});
