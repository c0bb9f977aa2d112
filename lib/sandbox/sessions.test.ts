import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../k8s/errors';
import { runKubectl } from '../kubectl';
import { ShellSession } from '../runtime/shell';
import { SandboxClient } from './client';
import { DEFAULT_QUOTA_HARD, MANAGED_BY_LABEL, OWNER_LABEL, SESSION_LABEL, SandboxSessions, sessionNamespace } from './sessions';
import { startTestSandbox } from './testing';
import type { TestSandbox } from './testing';

describe('sandbox sessions', () => {
  let sb: TestSandbox;
  let clock = 1_000_000;
  const now = () => clock;

  beforeAll(async () => {
    sb = await startTestSandbox();
  });
  afterAll(async () => {
    await sb?.close();
  });

  function sessions(opts: { owner?: string } = {}): SandboxSessions {
    return new SandboxSessions({ kubeconfig: sb.server.kubeconfig(), ttlMs: 60_000, now, sweepIntervalMs: 0, ...opts });
  }

  it('opening a session creates its labelled namespace with a ResourceQuota and a LimitRange', async () => {
    const mgr = sessions();
    const s = await mgr.open('alice');
    expect(s.namespace).toBe('podbook-alice');
    const ns = await sb.client.get('namespaces', undefined, 'podbook-alice');
    expect(ns.metadata.labels).toMatchObject({ [MANAGED_BY_LABEL]: 'podbook', [SESSION_LABEL]: 'alice', [OWNER_LABEL]: 'podbook' });
    const quota = await sb.client.get<{ spec: { hard: Record<string, string> } } & import('../k8s/types').KubeObject>('resourcequotas', 'podbook-alice', 'podbook-quota');
    expect(quota.spec.hard).toEqual(DEFAULT_QUOTA_HARD);
    const lr = await sb.client.get<{ spec: { limits: { type: string; default: Record<string, string> }[] } } & import('../k8s/types').KubeObject>('limitranges', 'podbook-alice', 'podbook-limits');
    expect(lr.spec.limits[0]).toMatchObject({ type: 'Container', default: { cpu: '500m', memory: '256Mi' } });
    // opening it again reuses it
    expect(await mgr.open('alice')).toBe(s);
  });

  it("a session's kubectl works in the session namespace without -n", async () => {
    const mgr = sessions();
    const s = await mgr.open('bob');
    const shell = new ShellSession({ client: s.client, namespace: s.namespace });
    expect((await shell.run('kubectl create configmap notes --from-literal=topic=pods')).stdout).toBe('configmap/notes created\n');
    const r = await shell.run('kubectl get cm notes -o jsonpath={.metadata.namespace}');
    expect(r.stdout).toBe('podbook-bob');
    const q = await shell.run('kubectl get quota,limits');
    expect(q.stdout).toMatch(/^NAME +AGE +REQUEST +LIMIT\nresourcequota\/podbook-quota +\d+s +/);
    expect(q.stdout).toMatch(/\n\nNAME +CREATED AT\nlimitrange\/podbook-limits +\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\n$/);
  });

  it('every request through a session client touches it, and the sweeper deletes sessions idle past the TTL', async () => {
    const mgr = sessions();
    const idle = await mgr.open('idle');
    const busy = await mgr.open('busy');
    clock += 50_000;
    await busy.client.list('pods', busy.namespace);
    expect(busy.lastUsed).toBe(clock);
    expect(idle.lastUsed).toBe(clock - 50_000);
    clock += 20_000;
    expect(await mgr.sweep()).toEqual(['podbook-idle']);
    expect(mgr.list().map((s) => s.id)).toEqual(['busy']);
    const ns = await sb.client.get('namespaces', undefined, 'podbook-idle').catch((e: unknown) => e);
    // the namespace is deleted (or terminating while the namespace controller empties it)
    if (ns instanceof ApiError) expect(ns.reason).toBe('NotFound');
    else expect((ns as { metadata: { deletionTimestamp?: string } }).metadata.deletionTimestamp).toBeTruthy();
    expect(await mgr.sweep()).toEqual([]);
  });

  it('start() removes namespaces an earlier process of the same owner left behind, and no others', async () => {
    const earlier = sessions({ owner: 'study-group-1' });
    await earlier.open('left-over');
    const other = sessions({ owner: 'study-group-2' });
    await other.open('keep');
    const later = sessions({ owner: 'study-group-1' });
    await later.open('current');
    expect(await later.start()).toEqual(['podbook-left-over']);
    later.stop();
    const kept = await sb.client.get('namespaces', undefined, 'podbook-keep');
    expect(kept.metadata.deletionTimestamp).toBeUndefined();
    const current = await sb.client.get('namespaces', undefined, 'podbook-current');
    expect(current.metadata.deletionTimestamp).toBeUndefined();
  });

  it('a namespace token works in its namespace and is forbidden elsewhere', async () => {
    const mgr = sessions();
    const s = await mgr.open('carol');
    const user = sb.server.namespaceToken(s.namespace);
    const client = new SandboxClient({ kubeconfig: sb.server.kubeconfig([user]), context: user.name });
    expect(client.namespace).toBe('podbook-carol');
    const inside = await runKubectl('kubectl get quota', { client, namespace: client.namespace });
    expect(inside.exitCode).toBe(0);
    expect(inside.stdout).toMatch(/^NAME +AGE +REQUEST +LIMIT\npodbook-quota /);
    const outside = await runKubectl('kubectl get pods -n default', { client, namespace: client.namespace });
    expect(outside.exitCode).toBe(1);
    expect(outside.stderr).toMatch(/^Error from server \(Forbidden\): pods is forbidden: .*cannot list resource "pods" in API group "" in the namespace "default"\n$/);
  });

  it('session ids must make a valid namespace name', () => {
    expect(sessionNamespace('a-1')).toBe('podbook-a-1');
    expect(() => sessionNamespace('Bad_Id')).toThrow(/invalid session id "Bad_Id"/);
  });

  it('kubeconfigFor writes a context whose namespace is the session namespace', async () => {
    const mgr = sessions();
    const s = await mgr.open('dave');
    const client = new SandboxClient({ kubeconfig: mgr.kubeconfigFor(s) });
    expect(client.namespace).toBe('podbook-dave');
    expect(client.server).toBe(sb.server.url);
  });
});
