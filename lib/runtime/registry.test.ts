import { afterEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_LIMITS, KernelRegistry, RegistryError, realTimeSimulatedAdapter, sandboxAdapter } from './registry';
import type { BackendAdapter, RegistryEvent } from './registry';
import type { KernelEvent } from './kernel';
import type { Pod } from '../k8s/types';
import { startTestSandbox } from '../sandbox/testing';
import { SandboxSessions } from '../sandbox/sessions';

afterEach(() => {
  vi.useRealTimers();
});

/** The real-time simulated adapter, counting the backends it made and disposed. */
function countingAdapter(): BackendAdapter & { made: number; disposed: number } {
  const inner = realTimeSimulatedAdapter(() => 7);
  const a = {
    kind: 'simulated' as const,
    made: 0,
    disposed: 0,
    async lease() {
      const l = await inner.lease();
      return {
        ...l,
        backend: () => {
          a.made++;
          const b = l.backend();
          return {
            ...b,
            dispose: () => {
              a.disposed++;
              b.dispose?.();
            },
          };
        },
      };
    },
  };
  return a;
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<RegistryError> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    expect(e).toBeInstanceOf(RegistryError);
    return e as RegistryError;
  }
  throw new Error('expected a RegistryError');
}

describe('the kernel registry', () => {
  it('creates a simulated kernel on the wall clock whose pods become Running as real time passes', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 22, 5, 0, 0) });
    const r = new KernelRegistry();
    const e = await r.create({ session: 's1' });
    expect(e.id).toMatch(/^k-[0-9a-f]{16}$/);
    expect(r.get(e.id).backend).toBe('simulated');
    const res = await r.run(e.id, { type: 'command', id: 'c1', source: 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol' });
    expect(res.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'pod/hello-kiamol created\n' }]);
    const phase = () => e.kernel.cluster!.store.get<Pod>('pods', 'default', 'hello-kiamol').status?.phase;
    expect(phase()).toBe('Pending');
    await vi.advanceTimersByTimeAsync(10_000);
    expect(phase()).toBe('Running');
    expect(res.execution.startedAt).toBe('2026-11-22T05:00:00.000Z');
    await r.dispose();
  });

  it('a restart drops the old cluster (its real-time driver is disposed) and starts a fresh one', async () => {
    const a = countingAdapter();
    const r = new KernelRegistry({ simulated: a });
    const e = await r.create({ session: 's' });
    await r.run(e.id, { type: 'command', id: 'c1', source: 'kubectl run web --image=nginx' });
    const before = e.kernel.cluster;
    await r.reset(e.id);
    expect(a).toMatchObject({ made: 2, disposed: 1 });
    expect(e.kernel.cluster).not.toBe(before);
    expect(e.kernel.cluster!.store.find('pods', 'default', 'web')).toBeUndefined();
    expect(e.kernel.executionCount).toBe(0);
    await r.close(e.id);
    expect(a.disposed).toBe(2);
  });

  it('closes kernels idle longer than the TTL and says they expired', async () => {
    let now = 1_000_000;
    const a = countingAdapter();
    const r = new KernelRegistry({ simulated: a, now: () => now, limits: { idleTtlMs: 60_000 } });
    const events: RegistryEvent[] = [];
    r.onEvent((ev) => events.push(ev));
    const old = await r.create({ session: 's' });
    now += 40_000;
    const fresh = await r.create({ session: 's' });
    now += 30_000; // old: idle 70 s; fresh: idle 30 s
    expect(r.sweep()).toEqual([old.id]);
    expect(events.filter((ev) => ev.type === 'closed')).toEqual([{ type: 'closed', id: old.id, reason: 'expired' }]);
    expect(a.disposed).toBe(1);
    const gone = await refusal(() => r.get(old.id));
    expect(gone).toMatchObject({ code: 'kernel_not_found', status: 404 });
    expect(gone.messageKo).toContain('새 커널을 만드세요');
    expect(r.get(fresh.id).id).toBe(fresh.id);
    // get() touched it: another 59 s is not enough
    now += 59_000;
    expect(r.sweep()).toEqual([]);
    await r.dispose();
  });

  it('a kernel found expired on get() is closed then and there, without waiting for the sweeper', async () => {
    let now = 0;
    const r = new KernelRegistry({ now: () => now, limits: { idleTtlMs: 1000 } });
    const e = await r.create({ session: 's' });
    now = 5000;
    expect((await refusal(() => r.get(e.id))).code).toBe('kernel_not_found');
    expect(r.size).toBe(0);
  });

  it('refuses a second run while a cell runs with 409 and a clear message, then runs again', async () => {
    vi.useFakeTimers();
    const r = new KernelRegistry();
    const e = await r.create({ session: 's' });
    const first = r.run(e.id, { type: 'command', id: 'slow', source: 'sleep 2' });
    const busy = await refusal(() => r.run(e.id, { type: 'command', id: 'other', source: 'kubectl get pods' }));
    expect(busy).toMatchObject({ code: 'kernel_busy', status: 409 });
    expect(busy.messageKo).toBe('이 커널은 아직 slow 셀을 실행하고 있습니다. 한 커널은 한 번에 셀 하나만 실행합니다. 끝날 때까지 기다리세요.');
    expect(busy.messageEn).toBe('This kernel is still running cell slow; a kernel runs one cell at a time. Wait until it finishes.');
    expect(r.info(e).running).toBe('slow');
    expect((await refusal(() => r.reset(e.id))).code).toBe('kernel_busy');
    await vi.advanceTimersByTimeAsync(2000);
    expect((await first).failed).toBe(false);
    expect(r.info(e).running).toBeNull();
    expect((await r.run(e.id, { type: 'command', id: 'other', source: 'kubectl get pods' })).outputs[0]).toMatchObject({ name: 'stderr', text: 'No resources found in default namespace.\n' });
    await r.dispose();
  });

  it('limits a command to 4 KiB and a manifest to 256 KiB, in UTF-8 bytes', async () => {
    const r = new KernelRegistry();
    const e = await r.create({ session: 's' });
    const long = await refusal(() => r.run(e.id, { type: 'command', id: 'c', source: 'echo ' + '가'.repeat(1400) }));
    expect(long).toMatchObject({ code: 'command_too_long', status: 413 });
    expect(long.messageKo).toBe('명령이 너무 깁니다: 4205바이트입니다. 한 셀의 명령은 4 KiB까지 실행할 수 있습니다.');
    expect(long.messageEn).toBe('The command is too long: 4205 bytes. A cell\'s command may be at most 4 KiB.');
    const line = await refusal(() => r.run(e.id, { type: 'command', id: 'c', source: 'kubectl exec -it p -- sh', interactive: ['x'.repeat(5000)] }));
    expect(line.code).toBe('command_too_long');
    const big = await refusal(() => r.run(e.id, { type: 'manifest', id: 'm', file: 'pod.yaml', source: '#'.repeat(256 * 1024 + 1) }));
    expect(big).toMatchObject({ code: 'manifest_too_large', status: 413 });
    expect(big.messageKo).toContain('256 KiB');
    // exactly at the limit is fine
    expect((await r.run(e.id, { type: 'command', id: 'ok', source: 'echo ' + 'a'.repeat(4096 - 5) })).failed).toBe(false);
    // refusals did not count as runs nor leave the kernel busy
    expect(e.kernel.executionCount).toBe(1);
    await r.dispose();
  });

  it('allows 60 runs per minute per session, then says when to try again', async () => {
    let now = 0;
    const r = new KernelRegistry({ now: () => now, limits: { runsPerMinute: 3 } });
    const a = await r.create({ session: 'alice' });
    const a2 = await r.create({ session: 'alice' });
    const b = await r.create({ session: 'bob' });
    const cell = { type: 'command' as const, id: 'c', source: 'echo hi' };
    await r.run(a.id, cell);
    now = 10_000;
    await r.run(a2.id, cell);
    await r.run(a.id, cell);
    now = 20_000;
    const limited = await refusal(() => r.run(a2.id, cell));
    expect(limited).toMatchObject({ code: 'rate_limited', status: 429, retryAfterMs: 40_000 });
    expect(limited.messageKo).toBe('실행이 너무 잦습니다: 1분에 3번까지 실행할 수 있습니다. 40초 뒤에 다시 실행하세요.');
    // another session is not affected
    expect((await r.run(b.id, cell)).failed).toBe(false);
    now = 60_001; // the first run left the window
    expect((await r.run(a.id, cell)).failed).toBe(false);
    expect(DEFAULT_LIMITS.runsPerMinute).toBe(60);
    await r.dispose();
  });

  it('caps the kernels of the server with 503 and of one session by closing its least recently used', async () => {
    let now = 0;
    const r = new KernelRegistry({ now: () => now, limits: { maxKernels: 3, maxKernelsPerSession: 2 } });
    const closed: RegistryEvent[] = [];
    r.onEvent((e) => e.type === 'closed' && closed.push(e));
    const a1 = await r.create({ session: 'a' });
    now = 1;
    const a2 = await r.create({ session: 'a' });
    now = 2;
    r.get(a1.id); // a1 is now the more recently used
    const a3 = await r.create({ session: 'a' });
    expect(closed).toEqual([{ type: 'closed', id: a2.id, reason: 'evicted' }]);
    expect(r.peek(a1.id)).toBeDefined();
    expect(r.peek(a3.id)).toBeDefined();
    await r.create({ session: 'b' });
    const full = await refusal(r.create({ session: 'c' }));
    expect(full).toMatchObject({ code: 'too_many_kernels', status: 503 });
    expect(full.messageKo).toBe('서버에 열린 커널이 너무 많습니다 (최대 3개). 잠시 뒤에 다시 시도하세요.');
    await r.dispose();
    expect(r.size).toBe(0);
  });

  it('refuses a sandbox kernel when no kubeconfig is configured', async () => {
    const r = new KernelRegistry();
    expect(r.sandboxAvailable).toBe(false);
    const e = await refusal(r.create({ session: 's', backend: 'sandbox' }));
    expect(e).toMatchObject({ code: 'sandbox_unavailable', status: 400 });
    expect(e.messageKo).toContain('PODBOOK_KUBECONFIG');
  });

  it('says the sandbox is unavailable (503) when the real cluster cannot open a session', async () => {
    const r = new KernelRegistry({ sandbox: { kind: 'sandbox', lease: () => Promise.reject(new Error('connect ECONNREFUSED 10.0.0.1:6443')) } });
    const e = await refusal(r.create({ session: 's', backend: 'sandbox' }));
    expect(e).toMatchObject({ code: 'sandbox_unavailable', status: 503 });
    expect(e.messageKo).toBe('샌드박스 클러스터에 세션을 열 수 없습니다: connect ECONNREFUSED 10.0.0.1:6443. 시뮬레이션 클러스터를 쓰거나 잠시 뒤에 다시 시도하세요.');
    expect(r.size).toBe(0);
  });

  it('a sandbox kernel runs on the leased client in its namespace, swaps the namespace on restart and releases it on close', async () => {
    const log: string[] = [];
    let n = 0;
    const base = await realTimeSimulatedAdapter(() => 1).lease();
    const shared = base.backend();
    const cluster = shared.cluster!;
    const sandbox: BackendAdapter = {
      kind: 'sandbox',
      async lease() {
        let ns = `podbook-s${++n}`;
        const client = shared.client;
        await client.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
        return {
          backend: () => ({ client }),
          get namespace() {
            return ns;
          },
          beforeReset: async () => {
            log.push(`reset ${ns}`);
            ns = `podbook-s${++n}`;
            await client.create('namespaces', undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
          },
          release: async () => {
            log.push(`release ${ns}`);
          },
        };
      },
    };
    const r = new KernelRegistry({ sandbox });
    expect(r.sandboxAvailable).toBe(true);
    const e = await r.create({ session: 's', backend: 'sandbox' });
    expect(r.info(e).backend).toBe('sandbox');
    const out = await r.run(e.id, { type: 'command', id: 'c', source: 'kubectl run web --image=nginx' });
    expect(out.outputs[0]).toMatchObject({ text: 'pod/web created\n' });
    expect(cluster.store.find('pods', 'podbook-s1', 'web')).toBeDefined();
    await r.reset(e.id);
    const again = await r.run(e.id, { type: 'command', id: 'c2', source: 'kubectl run web --image=nginx' });
    // the fresh namespace has no `web` yet
    expect(again.outputs[0]).toMatchObject({ text: 'pod/web created\n' });
    expect((await refusal(() => r.snapshot(e.id))).code).toBe('snapshot_unavailable');
    await r.close(e.id);
    expect(log).toEqual(['reset podbook-s1', 'release podbook-s2']);
    shared.dispose?.();
  });

  it('the real sandbox adapter gives each kernel a podbook-<id> namespace on the API server and swaps it on restart', async () => {
    const sb = await startTestSandbox({ seed: 3 });
    try {
      const sessions = new SandboxSessions({ kubeconfig: sb.server.kubeconfig(), sweepIntervalMs: 0 });
      const r = new KernelRegistry({ sandbox: sandboxAdapter(sessions) });
      const e = await r.create({ session: 's', backend: 'sandbox' });
      expect(e.kernel.cluster).toBeUndefined();
      const first = await r.run(e.id, { type: 'command', id: 'c', source: 'kubectl run web --image=nginx' });
      expect(first.outputs).toEqual([{ output_type: 'stream', name: 'stdout', text: 'pod/web created\n' }]);
      const [ns1] = sessions.list().map((x) => x.namespace);
      expect(ns1).toMatch(/^podbook-[a-z0-9]{8}$/);
      expect(sb.cluster.store.find('pods', ns1, 'web')).toBeDefined();
      await r.reset(e.id);
      const [ns2] = sessions.list().map((x) => x.namespace);
      expect(ns2).not.toBe(ns1);
      expect((await r.run(e.id, { type: 'command', id: 'c2', source: 'kubectl get pods' })).outputs[0]).toMatchObject({ text: `No resources found in ${ns2} namespace.\n` });
      await r.close(e.id);
      expect(sessions.list()).toEqual([]);
      // the namespace is gone or being emptied by the namespace controller
      const left = sb.cluster.store.find('namespaces', undefined, ns2);
      expect(left === undefined || left.metadata.deletionTimestamp !== undefined).toBe(true);
    } finally {
      await sb.close();
    }
  });

  it('streams only the running cell\'s events to its observer, ending with done', async () => {
    const r = new KernelRegistry();
    const e = await r.create({ session: 's' });
    const seen: KernelEvent['type'][] = [];
    await r.run(e.id, { type: 'command', id: 'c1', source: 'kubectl get nodes' }, (ev) => seen.push(ev.type));
    expect(seen).toEqual(['pending', 'output', 'done']);
    const errs: KernelEvent['type'][] = [];
    await r.run(e.id, { type: 'command', id: 'c2', source: 'kubectl get pod nope' }, (ev) => errs.push(ev.type));
    expect(errs).toEqual(['pending', 'output', 'output', 'error']);
    await r.dispose();
  });
});
