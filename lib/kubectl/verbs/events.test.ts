import { describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import { SimulatedClient } from '../../runtime/simulated-client';
import { runKubectl } from '../index';

describe('kubectl events', () => {
  it('lists the namespace’s events oldest first as LAST SEEN, TYPE, REASON, OBJECT, MESSAGE', async () => {
    const cluster = createCluster({ seed: 2 });
    const client = new SimulatedClient(cluster);
    expect(await runKubectl('kubectl events', { client })).toEqual({ stdout: '', stderr: 'No events found in default namespace.\n', exitCode: 0 });
    await runKubectl('kubectl run web --image=nginx:1.27', { client });
    cluster.advance(30_000);
    const r = await runKubectl('kubectl events', { client });
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE$/);
    // the scheduler's event has only a microsecond eventTime, the kubelet's a whole-second
    // lastTimestamp: in the same second the kubelet's sorts first (as the real kubectl shows it)
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/)[2])).toEqual(['Pulling', 'Scheduled', 'Pulled', 'Created', 'Started']);
    expect(lines[2]).toMatch(/^\d+s\s+Normal\s+Scheduled\s+Pod\/web\s+Successfully assigned default\/web to docker-desktop$/);
  });

  it('narrows with --for and --types, adds NAMESPACE with -A, and refuses an unknown type', async () => {
    const cluster = createCluster({ seed: 2 });
    const client = new SimulatedClient(cluster);
    await runKubectl('kubectl run web --image=nginx:1.27', { client });
    await runKubectl('kubectl run bad --image=nope/missing:1', { client });
    cluster.advance(30_000);
    const forWeb = await runKubectl('kubectl events --for pod/web', { client });
    expect(forWeb.stdout).not.toContain('Pod/bad');
    const warnings = await runKubectl('kubectl events --types=Warning', { client });
    expect(warnings.stdout.trimEnd().split('\n').slice(1).every((l) => /\sWarning\s/.test(l) && l.includes('Pod/bad'))).toBe(true);
    expect((await runKubectl('kubectl events -A --for pod/web', { client })).stdout).toMatch(/^NAMESPACE\s+LAST SEEN\s+TYPE/);
    expect((await runKubectl('kubectl events -A --for pod/nope', { client })).stderr).toBe('No events found.\n');
  });

  it('kubectl top says the metrics API is not there, as on a cluster without metrics-server', async () => {
    const client = new SimulatedClient(createCluster({ seed: 2 }));
    expect(await runKubectl('kubectl top pod', { client })).toEqual({ stdout: '', stderr: 'error: Metrics API not available\n', exitCode: 1 });
    expect((await runKubectl('kubectl top node', { client })).stderr).toBe('error: Metrics API not available\n');
  });
});
