// The bytes of one forwarded TCP connection to a pod port, when what listens there is one of the
// simulated HTTP servers (lib/cluster/kubelet/runtime.ts `http()`): the client's HTTP/1.1
// requests are parsed as they arrive, each is answered with the responder's status, headers and
// body, and keep-alive works as with nginx (several requests on one connection until the client
// closes it or says `Connection: close`).

import type { Cluster } from '../../cluster/cluster';
import type { HttpResponse } from '../../cluster/kubelet';

export interface ParsedRequest {
  method: string;
  path: string;
  version: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** Incremental HTTP/1.x request parser. `push` returns the requests completed by the chunk. */
export class RequestParser {
  private buf: Buffer = Buffer.alloc(0);
  /** the stream is not HTTP: stop parsing */
  broken = false;

  push(chunk: Buffer): ParsedRequest[] {
    if (this.broken) return [];
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const out: ParsedRequest[] = [];
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) {
        if (this.buf.length > 64 * 1024) this.broken = true;
        return out;
      }
      const head = this.buf.subarray(0, end).toString('latin1').split('\r\n');
      const m = /^([A-Z]+) (\S+) (HTTP\/\d\.\d)$/.exec(head[0]);
      if (!m) {
        this.broken = true;
        return out;
      }
      const headers: Record<string, string> = {};
      for (const line of head.slice(1)) {
        const i = line.indexOf(':');
        if (i > 0) headers[line.slice(0, i).trim()] = line.slice(i + 1).trim();
      }
      const lower = lowerKeys(headers);
      let rest = this.buf.subarray(end + 4);
      let body: Buffer;
      if (/chunked/i.test(lower['transfer-encoding'] ?? '')) {
        const r = dechunk(rest);
        if (!r) return out; // wait for the rest of the body
        body = r.body;
        rest = rest.subarray(r.used);
      } else {
        const len = Number(lower['content-length'] ?? '0') || 0;
        if (rest.length < len) return out;
        body = rest.subarray(0, len);
        rest = rest.subarray(len);
      }
      this.buf = rest;
      out.push({ method: m[1], path: m[2], version: m[3], headers, body });
    }
  }
}

function dechunk(b: Buffer): { body: Buffer; used: number } | undefined {
  const parts: Buffer[] = [];
  let off = 0;
  for (;;) {
    const eol = b.indexOf('\r\n', off);
    if (eol < 0) return undefined;
    const size = parseInt(b.subarray(off, eol).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    off = eol + 2;
    if (size === 0) {
      const fin = b.indexOf('\r\n', off);
      if (fin < 0) return undefined;
      return { body: Buffer.concat(parts), used: fin + 2 };
    }
    if (b.length < off + size + 2) return undefined;
    parts.push(b.subarray(off, off + size));
    off += size + 2;
  }
}

export function lowerKeys(h: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) out[k.toLowerCase()] = v;
  return out;
}

/**
 * The bytes of a response: status line, the responder's headers in its order, and the body,
 * framed as the headers say (Kestrel's `Transfer-Encoding: chunked` as one chunk; otherwise a
 * Content-Length, added when the responder left it out). Bodies are UTF-8 text.
 */
export function serializeResponse(res: HttpResponse, head: boolean): Buffer {
  const body = Buffer.from(res.body, 'utf8');
  const lower = lowerKeys(res.headers);
  const chunked = /chunked/i.test(lower['transfer-encoding'] ?? '');
  let text = `HTTP/1.1 ${res.status} ${res.statusText}\r\n`;
  for (const [k, v] of Object.entries(res.headers)) text += `${k}: ${v}\r\n`;
  if (!chunked && lower['content-length'] === undefined) text += `Content-Length: ${body.length}\r\n`;
  text += '\r\n';
  const parts = [Buffer.from(text, 'latin1')];
  if (!head) {
    if (chunked) {
      if (body.length) parts.push(Buffer.from(`${body.length.toString(16)}\r\n`, 'latin1'), body, Buffer.from('\r\n'));
      parts.push(Buffer.from('0\r\n\r\n'));
    } else parts.push(body);
  }
  return Buffer.concat(parts);
}

/**
 * Whether something in the pod accepts connections on `port` now: a running container whose
 * server listens there and has finished starting. Mirrors the checks of ContainerRuntime.http(),
 * which we cannot call to probe because every call is a request (it counts and logs it).
 */
export function podListens(cluster: Cluster, namespace: string, pod: string, port: number): boolean {
  const rt = cluster.kubelet.runtime;
  const first = rt.podContainer(namespace, pod);
  if (!first) return false;
  const sb = rt.sandbox(first.sandboxId);
  if (!sb || sb.state !== 'ready') return false;
  for (const name of sb.containers) {
    const c = rt.podContainer(namespace, pod, name);
    if (!c || c.state !== 'running') continue;
    const proc = rt.process(c.id);
    if (proc?.kind !== 'app' || proc.app.port !== port) continue;
    return rt.now() - (c.startedAt ?? 0) >= proc.app.listenMs;
  }
  return false;
}

/**
 * One forwarded connection: feed it the client's bytes, it writes responses through `send` and
 * calls `close` when the server side would close (after `Connection: close`).
 */
export class PodHttpConnection {
  private parser = new RequestParser();
  private done = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly namespace: string,
    private readonly pod: string,
    private readonly port: number,
    private readonly send: (b: Buffer) => void,
    private readonly close: () => void,
  ) {}

  receive(chunk: Buffer): void {
    if (this.done) return;
    for (const req of this.parser.push(chunk)) {
      const res = this.cluster.kubelet.runtime.http({ namespace: this.namespace, pod: this.pod }, this.port, {
        method: req.method,
        path: req.path,
        headers: req.headers,
        clientIP: '127.0.0.1',
      });
      if ('error' in res) {
        // the server went away between requests: the connection drops
        this.finish();
        return;
      }
      this.send(serializeResponse(res, req.method === 'HEAD'));
      const conn = (lowerKeys(req.headers)['connection'] ?? '').toLowerCase();
      if (conn === 'close' || (req.version === 'HTTP/1.0' && conn !== 'keep-alive')) {
        this.finish();
        return;
      }
    }
    if (this.parser.broken) this.finish();
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.close();
  }
}
