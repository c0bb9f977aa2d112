import { afterEach, describe, expect, it, vi } from 'vitest';
import { KernelRegistry } from '../runtime/registry';
import { simulatedBackend } from '../runtime/kernel';
import { KernelHub } from './hub';
import {
  backends,
  closeKernel,
  createKernel,
  handle,
  kernelEvents,
  kernelForwards,
  kernelInfo,
  kernelPreview,
  kernelState,
  resetKernel,
  runCell,
  snapshotKernel,
} from './http';
import type { Services } from './http';
import { getServices } from './index';
import * as kernelsRoute from '../../app/api/kernels/route';
import * as runRoute from '../../app/api/kernels/[id]/run/route';
import * as kernelRoute from '../../app/api/kernels/[id]/route';

const open: Services[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.registry.dispose();
});

function services(opts: ConstructorParameters<typeof KernelRegistry>[0] = {}): Services {
  const s = { registry: new KernelRegistry(opts), hub: new KernelHub() };
  s.registry.onEvent((e) => e.type === 'closed' && s.hub.closed(e.id, e.reason));
  open.push(s);
  return s;
}

const post = (body: unknown, headers: Record<string, string> = {}): Request =>
  new Request('http://localhost/api/x', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

async function created(s: Services): Promise<string> {
  const res = await handle(() => createKernel(s, post({})));
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function ndjson(res: Response): Promise<Record<string, unknown>[]> {
  const text = await res.text();
  expect(text.endsWith('\n')).toBe(true);
  return text
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

/** Reads SSE messages from a response until `n` arrived. */
async function sse(res: Response, n: number): Promise<{ event: string; data: unknown }[]> {
  const reader = res.body!.getReader();
  const dec = new TextDecoder();
  let buf = '';
  const out: { event: string; data: unknown }[] = [];
  while (out.length < n) {
    const { value, done } = await reader.read();
    if (done) break;
    buf += dec.decode(value);
    let i: number;
    while ((i = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, i);
      buf = buf.slice(i + 2);
      const ev = /^event: (.*)$/m.exec(block);
      const data = /^data: (.*)$/m.exec(block);
      if (ev && data) out.push({ event: ev[1], data: JSON.parse(data[1]) });
    }
  }
  await reader.cancel();
  return out;
}

describe('the kernel HTTP API', () => {
  it('POST /api/kernels creates a kernel, sets the session cookie and reports the limits', async () => {
    const s = services();
    const res = await handle(() => createKernel(s, post({})));
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).toMatch(/^podbook_session=[0-9a-f-]{36}; Path=\/; HttpOnly; SameSite=Lax/);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ backend: 'simulated', executionCount: 0, running: null, inContainer: false, limits: { commandBytes: 4096, manifestBytes: 262144, runsPerMinute: 60, idleTtlMs: 1_800_000 } });
    expect(res.headers.get('location')).toBe(`/api/kernels/${body.id as string}`);
    // a request that has the cookie keeps it
    const again = await handle(() => createKernel(s, post({}, { cookie: 'podbook_session=abcdef12-3456' })));
    expect(again.headers.get('set-cookie')).toBeNull();
    expect(s.registry.get(((await again.json()) as { id: string }).id).session).toBe('abcdef12-3456');
  });

  it('POST …/run streams the cell\'s events as NDJSON ending with done', async () => {
    const s = services();
    const id = await created(s);
    const res = await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'run-hello', source: 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol', lang: 'kubectl', outputs: [] } })));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-ndjson; charset=utf-8');
    const lines = await ndjson(res);
    expect(lines.map((l) => l.type)).toEqual(['pending', 'output', 'done']);
    expect(lines[1]).toEqual({ type: 'output', cellId: 'run-hello', output: { output_type: 'stream', name: 'stdout', text: 'pod/hello-kiamol created\n' } });
    expect(lines[2]).toMatchObject({ cellId: 'run-hello', execution: { count: 1, exitCode: 0 } });
  });

  it('a failing command ends its stream with error; a broken manifest reports its line and column', async () => {
    const s = services();
    const id = await created(s);
    const bad = await ndjson(await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'c', source: 'kubectl get pod nope' } }))));
    expect(bad.at(-1)).toMatchObject({ type: 'error', error: { ename: 'ExitCode', evalue: '1' } });
    const yaml = await ndjson(await handle(() => runCell(s, id, post({ cell: { type: 'manifest', id: 'm', file: 'pod.yaml', source: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n' } }))));
    const last = yaml.at(-1) as { type: string; outputs: { traceback: string[] }[] };
    expect(last.type).toBe('error');
    expect(last.outputs[0].traceback[0]).toMatch(/^pod\.yaml \(4번째 줄, 1번째 칸\): /);
  });

  it('answers bad input with 400 and a Korean and English message', async () => {
    const s = services();
    const id = await created(s);
    const notJson = await handle(() => runCell(s, id, post('{nope')));
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: { code: 'bad_json', message_ko: '요청 본문이 올바른 JSON이 아닙니다.', message_en: 'The request body is not valid JSON.' } });
    const noCell = await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'has space', source: 'x' } })));
    expect(noCell.status).toBe(400);
    const body = (await noCell.json()) as { error: { code: string; message_ko: string; details: { path: string }[] } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message_ko).toMatch(/^요청 형식이 올바르지 않습니다: cell\.id: /);
    expect(body.error.details[0].path).toBe('cell.id');
    const badBackend = await handle(() => createKernel(s, post({ backend: 'minikube' })));
    expect(badBackend.status).toBe(400);
  });

  it('refuses an oversized command with 413 and a busy kernel with 409, as JSON before any stream', async () => {
    const s = services();
    const id = await created(s);
    const long = await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'c', source: 'echo ' + 'x'.repeat(5000) } })));
    expect(long.status).toBe(413);
    expect(((await long.json()) as { error: { code: string } }).error.code).toBe('command_too_long');
    const slow = await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'slow', source: 'sleep 0.3' } })));
    const busy = await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'c2', source: 'kubectl get pods' } })));
    expect(busy.status).toBe(409);
    expect(await busy.json()).toMatchObject({ error: { code: 'kernel_busy', message_en: 'This kernel is still running cell slow; a kernel runs one cell at a time. Wait until it finishes.' } });
    expect((await ndjson(slow)).at(-1)).toMatchObject({ type: 'done', cellId: 'slow' });
  });

  it('rate-limits runs per session with 429 and Retry-After', async () => {
    const s = services({ limits: { runsPerMinute: 1 } });
    const id = await created(s);
    await (await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'a', source: 'echo 1' } })))).text();
    const res = await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'b', source: 'echo 2' } })));
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(50);
  });

  it('unknown kernels are 404 kernel_not_found; closing one is 204 and idempotent', async () => {
    const s = services();
    const id = await created(s);
    expect((await handle(() => closeKernel(s, id))).status).toBe(204);
    expect((await handle(() => closeKernel(s, id))).status).toBe(204);
    const res = await handle(() => kernelInfo(s, id));
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('kernel_not_found');
  });

  it('state, reset and snapshot serve the view, a fresh cluster and a downloadable JSON', async () => {
    const s = services();
    const id = await created(s);
    await (await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'c', source: 'kubectl run web --image=nginx' } })))).text();
    const state = (await (await handle(() => kernelState(s, id))).json()) as { pods: { name: string }[] };
    expect(state.pods.map((p) => p.name)).toEqual(['web']);
    const snap = await handle(() => snapshotKernel(s, id, new Date('2026-11-22T05:00:00.123Z')));
    expect(snap.headers.get('content-disposition')).toBe(`attachment; filename="podbook-${id}-2026-11-22T05-00-00-123Z.json"`);
    const body = (await snap.json()) as { version: number; count: number; cluster: unknown };
    expect(body).toMatchObject({ version: 1, count: 1 });
    expect(body.cluster).toBeDefined();
    const reset = (await (await handle(() => resetKernel(s, id))).json()) as { kernel: { executionCount: number }; view: { pods: unknown[] } };
    expect(reset.kernel.executionCount).toBe(0);
    expect(reset.view.pods).toEqual([]);
  });

  it('GET …/events sends the view, then kernel events and views as cells run, then closed', async () => {
    const s = services();
    const id = await created(s);
    const res = await handle(() => kernelEvents(s, id, new Request('http://localhost/'), { pingMs: 0 }));
    expect(res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const reading = sse(res, 6);
    await (await handle(() => runCell(s, id, post({ cell: { type: 'command', id: 'c', source: 'kubectl run web --image=nginx' } })))).text();
    await new Promise((r) => setTimeout(r, 250));
    await s.registry.close(id);
    const msgs = await reading;
    expect(msgs[0]).toMatchObject({ event: 'view', data: { pods: [] } });
    expect(msgs.slice(1, 4).map((m) => [m.event, (m.data as { type: string }).type])).toEqual([
      ['kernel', 'pending'],
      ['kernel', 'output'],
      ['kernel', 'done'],
    ]);
    expect(msgs[4]).toMatchObject({ event: 'view', data: { pods: [{ name: 'web' }] } });
    expect(msgs[5]).toEqual({ event: 'closed', data: { reason: 'closed' } });
  });

  it('the preview serves what the app behind a port-forward answers, and 502 when nothing listens', async () => {
    // on a virtual clock `kubectl wait` advances time instead of waiting for it
    const s = services({ simulated: { kind: 'simulated', lease: async () => ({ backend: () => simulatedBackend({ seed: 1 }) }) } });
    const id = await created(s);
    const run = (cellId: string, source: string) => handle(() => runCell(s, id, post({ cell: { type: 'command', id: cellId, source } }))).then((r) => r.text());
    await run('a', 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol');
    await run('b', 'kubectl wait --for=condition=Ready pod hello-kiamol --timeout=60s');
    await run('c', 'kubectl port-forward pod/hello-kiamol 8080:80 &');
    const forwards = (await (await handle(() => kernelForwards(s, id))).json()) as { pod: string; preview: string[] }[];
    expect(forwards).toMatchObject([{ pod: 'hello-kiamol', preview: [`/api/kernels/${id}/preview/8080`] }]);
    const page = await handle(() => kernelPreview(s, id, 8080, '', new Request('http://localhost/x')));
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('<html');
    // relative links resolve under the preview path
    expect(html).toContain(`<base href="/api/kernels/${id}/preview/8080/">`);
    const refused = await handle(() => kernelPreview(s, id, 9999, '', new Request('http://localhost/x')));
    expect(refused.status).toBe(502);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('forward_refused');
  });

  it('an open event stream keeps its kernel from expiring; once it ends the kernel expires', async () => {
    vi.useFakeTimers();
    try {
      const s = services({ limits: { idleTtlMs: 90_000 } });
      const id = await created(s);
      const abort = new AbortController();
      const res = await handle(() => kernelEvents(s, id, new Request('http://localhost/', { signal: abort.signal }), { pingMs: 0 }));
      // the client stays connected (reads, never cancels)
      const reader = res.body!.getReader();
      expect(new TextDecoder().decode((await reader.read()).value)).toMatch(/^retry: 2000\n\n/);
      await vi.advanceTimersByTimeAsync(300_000);
      expect(s.registry.sweep()).toEqual([]);
      abort.abort();
      await vi.advanceTimersByTimeAsync(100_000);
      expect(s.registry.sweep()).toEqual([id]);
    } finally {
      vi.useRealTimers();
    }
  });

  it('GET /api/backends says whether the sandbox can be chosen', async () => {
    expect(await backends(services()).json()).toEqual({ simulated: true, sandbox: false, default: 'simulated' });
  });
});

describe('the route modules', () => {
  it('are Node, force-dynamic handlers wired to the one registry of the process', async () => {
    expect(kernelsRoute.runtime).toBe('nodejs');
    expect(kernelsRoute.dynamic).toBe('force-dynamic');
    const res = await kernelsRoute.POST(new Request('http://localhost/api/kernels', { method: 'POST' }));
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const ctx = { params: Promise.resolve({ id }) };
    const run = await runRoute.POST(post({ cell: { type: 'command', id: 'c', source: 'kubectl get ns' } }), ctx);
    const lines = await ndjson(run);
    expect(lines.at(-1)).toMatchObject({ type: 'done' });
    expect(((await (await kernelRoute.GET(new Request('http://localhost/'), ctx)).json()) as { executionCount: number }).executionCount).toBe(1);
    expect((await kernelRoute.DELETE(new Request('http://localhost/'), ctx)).status).toBe(204);
    expect((await kernelRoute.GET(new Request('http://localhost/'), ctx)).status).toBe(404);
    expect((await getServices()).registry.size).toBe(0);
  });
});
