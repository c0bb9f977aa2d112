// What the kernel route handlers share: JSON error bodies in Korean and English, body parsing
// with a size limit and zod validation, the browser-session cookie, and one function per
// endpoint so that `app/api/**/route.ts` files stay one-liners and tests can call these with a
// plain `new Request(...)`.

import { z } from 'zod';
import { RegistryError } from '../runtime/registry';
import type { KernelRegistry, KernelInfo } from '../runtime/registry';
import type { KernelEvent, RunnableCell } from '../runtime/kernel';
import type { KernelHub } from './hub';
import { ndjsonStream, sseStream } from './sse';

export interface ApiErrorBody {
  error: { code: string; message_ko: string; message_en: string; retryAfterMs?: number; details?: unknown };
}

/** The request body limit: the largest manifest plus room for the JSON around it. */
export const MAX_BODY_BYTES = 300 * 1024;

export const SESSION_COOKIE = 'podbook_session';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messageKo: string,
    readonly messageEn: string,
    readonly details?: unknown,
  ) {
    super(messageEn);
  }
}

const NO_STORE = { 'Cache-Control': 'no-store' };

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Content-Type', 'application/json; charset=utf-8');
  if (!headers.has('Cache-Control')) headers.set('Cache-Control', 'no-store');
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorResponse(e: unknown): Response {
  if (e instanceof RegistryError) {
    const body: ApiErrorBody = { error: { code: e.code, message_ko: e.messageKo, message_en: e.messageEn } };
    const headers: Record<string, string> = {};
    if (e.retryAfterMs !== undefined) {
      body.error.retryAfterMs = e.retryAfterMs;
      headers['Retry-After'] = String(Math.ceil(e.retryAfterMs / 1000));
    }
    return json(body, { status: e.status, headers });
  }
  if (e instanceof HttpError) {
    const body: ApiErrorBody = { error: { code: e.code, message_ko: e.messageKo, message_en: e.messageEn } };
    if (e.details !== undefined) body.error.details = e.details;
    return json(body, { status: e.status });
  }
  console.error('podbook api:', e);
  const msg = e instanceof Error ? e.message : String(e);
  return json(
    { error: { code: 'internal', message_ko: `서버 내부 오류입니다 (Podbook의 버그): ${msg}`, message_en: `Internal server error (a bug in Podbook): ${msg}` } } satisfies ApiErrorBody,
    { status: 500 },
  );
}

/** Reads a JSON body of at most `max` bytes; an empty body is `undefined`. */
export async function readJson(req: Request, max = MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(req.headers.get('content-length') ?? '0');
  const tooLarge = (): HttpError =>
    new HttpError(413, 'body_too_large', `요청 본문이 너무 큽니다 (최대 ${max / 1024} KiB).`, `The request body is too large (at most ${max / 1024} KiB).`);
  if (declared > max) throw tooLarge();
  const buf = new Uint8Array(await req.arrayBuffer());
  if (buf.byteLength > max) throw tooLarge();
  const text = new TextDecoder().decode(buf);
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new HttpError(400, 'bad_json', '요청 본문이 올바른 JSON이 아닙니다.', 'The request body is not valid JSON.');
  }
}

export function parseWith<T>(schema: z.ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const details = r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
  const where = details.map((d) => `${d.path || '(body)'}: ${d.message}`).join('; ');
  throw new HttpError(400, 'bad_request', `요청 형식이 올바르지 않습니다: ${where}`, `The request is malformed: ${where}`, details);
}

// ---------------------------------------------------------------------------------------------
// Schemas (unknown keys are dropped: a notebook cell may be sent as it is)

const CellId = z.string().min(1).max(64).regex(/^[a-zA-Z0-9-_]+$/, { message: 'cell ids use only letters, digits, "-" and "_"' });

export const RunnableCellSchema: z.ZodType<RunnableCell> = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('command'),
    id: CellId,
    source: z.string(),
    interactive: z.array(z.string()).max(200).optional(),
    allowError: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('manifest'),
    id: CellId,
    file: z.string().min(1).max(255),
    source: z.string(),
  }),
]);

export const RunBodySchema = z.object({ cell: RunnableCellSchema });
export const CreateBodySchema = z.object({ backend: z.enum(['simulated', 'sandbox']).optional() }).optional();

// ---------------------------------------------------------------------------------------------
// The browser session

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.get('cookie') ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** The request's session id, and the Set-Cookie header to send when it had none. */
export function session(req: Request): { id: string; setCookie?: string } {
  const existing = readCookie(req, SESSION_COOKIE);
  if (existing && /^[a-zA-Z0-9-]{8,64}$/.test(existing)) return { id: existing };
  const id = globalThis.crypto.randomUUID();
  return { id, setCookie: `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=2592000` };
}

// ---------------------------------------------------------------------------------------------
// The endpoints

export interface Services {
  registry: KernelRegistry;
  hub: KernelHub;
}

/** Runs `fn`, turning thrown errors into JSON error responses. */
export async function handle(fn: () => Promise<Response> | Response): Promise<Response> {
  try {
    return await fn();
  } catch (e) {
    return errorResponse(e);
  }
}

export function backends(s: Services): Response {
  return json({ simulated: true, sandbox: s.registry.sandboxAvailable, default: 'simulated' });
}

export async function createKernel(s: Services, req: Request): Promise<Response> {
  const body = parseWith(CreateBodySchema, await readJson(req));
  const sess = session(req);
  const entry = await s.registry.create({ session: sess.id, backend: body?.backend });
  const headers: Record<string, string> = { Location: `/api/kernels/${entry.id}` };
  if (sess.setCookie) headers['Set-Cookie'] = sess.setCookie;
  return json(s.registry.info(entry) satisfies KernelInfo, { status: 201, headers });
}

export function kernelInfo(s: Services, id: string): Response {
  return json(s.registry.info(s.registry.get(id)));
}

export async function closeKernel(s: Services, id: string): Promise<Response> {
  await s.registry.close(id);
  return new Response(null, { status: 204, headers: NO_STORE });
}

/**
 * Runs a cell: refusals (size, busy, rate) come back as JSON errors before anything streams;
 * then the cell's KernelEvents stream as NDJSON, the last line being its `done` or `error`.
 */
export async function runCell(s: Services, id: string, req: Request): Promise<Response> {
  const { cell } = parseWith(RunBodySchema, await readJson(req));
  const events: KernelEvent[] = [];
  let wake: (() => void) | undefined;
  const result = s.registry.run(id, cell, (e) => {
    events.push(e);
    wake?.();
  });
  let settled = false;
  let failure: unknown;
  result.then(
    () => {
      settled = true;
      wake?.();
    },
    (e: unknown) => {
      settled = true;
      failure = e;
      wake?.();
    },
  );
  const body = ndjsonStream(async (write) => {
    for (;;) {
      while (events.length) write(events.shift());
      if (settled) break;
      await new Promise<void>((r) => (wake = r));
      wake = undefined;
    }
    while (events.length) write(events.shift());
    if (failure !== undefined) {
      // Kernel.run reports what a cell did and never throws for it; this is Podbook's own bug
      const msg = failure instanceof Error ? failure.message : String(failure);
      write({ type: 'error', cellId: cell.id, outputs: [], execution: { count: 0, durationMs: 0, exitCode: 1 }, error: { ename: 'InternalError', evalue: msg } });
    }
  });
  return new Response(body, { status: 200, headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', ...NO_STORE, 'X-Accel-Buffering': 'no' } });
}

export async function resetKernel(s: Services, id: string): Promise<Response> {
  const entry = await s.registry.reset(id);
  return json({ kernel: s.registry.info(entry), view: await s.hub.viewOf(entry.kernel) });
}

export function snapshotKernel(s: Services, id: string, now: Date = new Date()): Response {
  const snap = s.registry.snapshot(id);
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  return json(snap, { headers: { 'Content-Disposition': `attachment; filename="podbook-${id}-${stamp}.json"` } });
}

export async function kernelState(s: Services, id: string): Promise<Response> {
  return json(await s.hub.viewOf(s.registry.get(id).kernel));
}

/** How often an open event stream counts as use of its kernel. */
export const WATCH_TOUCH_MS = 60_000;

export function kernelEvents(s: Services, id: string, req: Request, opts: { pingMs?: number } = {}): Response {
  const entry = s.registry.get(id);
  const body = sseStream(
    (send) => {
      const off = s.hub.subscribe(id, entry.kernel, send);
      // a page left open to read keeps its kernel (and the pods it made) alive; a closed tab's
      // stream aborts, and the kernel then expires after the idle TTL
      const touch = setInterval(() => {
        if (s.registry.peek(id)) s.registry.get(id);
      }, WATCH_TOUCH_MS);
      (touch as { unref?: () => void }).unref?.();
      return () => {
        clearInterval(touch);
        off();
      };
    },
    { signal: req.signal, pingMs: opts.pingMs },
  );
  return new Response(body, {
    headers: { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache, no-transform', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' },
  });
}

/** The open port-forwards of a kernel: what the preview can show. */
export function kernelForwards(s: Services, id: string): Response {
  const shell = s.registry.get(id).kernel.shell;
  return json(
    shell.forwards
      .filter((f) => f.open)
      .map((f) => ({ id: f.id, namespace: f.namespace, pod: f.pod, ports: f.ports, preview: f.ports.map((p) => `/api/kernels/${id}/preview/${p.local}`) })),
  );
}

/**
 * What the app behind a port-forward serves, as `curl localhost:<port>/<path>` would get it:
 * the preview pane's iframe points here. The forward prints `Handling connection for <port>`
 * on its cell, as kubectl does.
 */
export async function kernelPreview(s: Services, id: string, port: number, path: string, req: Request): Promise<Response> {
  const shell = s.registry.get(id).kernel.shell;
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new HttpError(400, 'bad_request', `포트 번호가 올바르지 않습니다: ${port}`, `Invalid port: ${port}`);
  }
  const search = new URL(req.url).search;
  const r = await shell.localHttp(port, { method: 'GET', path: `/${path}${search}` });
  if (r.kind === 'refused') {
    throw new HttpError(
      502,
      'forward_refused',
      `localhost:${port}에 연결할 수 없습니다. 이 포트로 kubectl port-forward를 실행한 셀이 있는지 확인하세요.`,
      `Could not connect to localhost:${port}: no kubectl port-forward listens there.`,
    );
  }
  if (r.kind === 'empty') {
    throw new HttpError(502, 'forward_failed', `localhost:${port}의 포트 포워딩이 파드에 연결하지 못했습니다 (셀 출력을 보세요).`, `The port-forward on localhost:${port} could not reach its pod (see the cell's output).`);
  }
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.headers)) {
    if (/^(content-type|content-language|last-modified|etag)$/i.test(k)) headers.set(k, v);
  }
  headers.set('Cache-Control', 'no-store');
  // the served page runs with no script access to Podbook's origin
  headers.set('Content-Security-Policy', 'sandbox allow-forms allow-scripts');
  let body = r.body;
  if (/text\/html/i.test(headers.get('content-type') ?? '')) body = withBase(body, `/api/kernels/${id}/preview/${port}/`);
  return new Response(body, { status: r.status, statusText: r.statusText, headers });
}

/**
 * Next.js redirects a trailing slash away (`…/preview/8080/` → `…/preview/8080`), after which the
 * page's relative links (`img/logo.png`) would resolve next to the port instead of under it; a
 * <base> pins them below the preview path, as they resolve at `http://localhost:8080/`.
 */
export function withBase(html: string, href: string): string {
  if (/<base\s/i.test(html)) return html;
  const tag = `<base href="${href}">`;
  const head = /<head[^>]*>/i.exec(html);
  if (head) return html.slice(0, head.index + head[0].length) + tag + html.slice(head.index + head[0].length);
  return tag + html;
}
