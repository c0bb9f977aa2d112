// Server-sent events (the WHATWG EventSource wire format: `event:` and `data:` lines, a blank
// line per message, `:` comment lines as keep-alives) and newline-delimited JSON, as web streams
// a route handler can return.

import type { HubMessage } from './hub';

const encoder = new TextEncoder();

/** One SSE message. JSON.stringify never emits a raw newline, so `data` is a single line. */
export function sseMessage(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

export interface SseStreamOptions {
  /** a `: ping` comment this often, so proxies keep the connection (default 15 s; 0: never) */
  pingMs?: number;
  /** the request's signal: the client went away */
  signal?: AbortSignal;
}

/**
 * A text/event-stream body fed by `attach(send)`, which returns its detach function. The stream
 * ends after a `closed` message, when the client disconnects, or when the reader cancels.
 */
export function sseStream(attach: (send: (m: HubMessage) => void) => () => void, opts: SseStreamOptions = {}): ReadableStream<Uint8Array> {
  let detach: (() => void) | undefined;
  let ping: ReturnType<typeof setInterval> | undefined;
  let done = false;
  const finish = (): void => {
    if (done) return;
    done = true;
    if (ping) clearInterval(ping);
    detach?.();
  };
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const write = (text: string): void => {
        if (done) return;
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          finish();
        }
      };
      // the browser's EventSource reconnects after 3 s by default; say 2 s
      write('retry: 2000\n\n');
      detach = attach((m) => {
        write(sseMessage(m.event, m.data));
        if (m.event === 'closed') {
          finish();
          try {
            controller.close();
          } catch {
            // already closed by the reader
          }
        }
      });
      if (done) detach();
      const every = opts.pingMs ?? 15_000;
      if (every > 0 && !done) {
        ping = setInterval(() => write(': ping\n\n'), every);
        (ping as { unref?: () => void }).unref?.();
      }
      opts.signal?.addEventListener('abort', () => {
        finish();
        try {
          controller.close();
        } catch {
          // already closed
        }
      });
    },
    cancel() {
      finish();
    },
  });
}

/**
 * An NDJSON body (application/x-ndjson): `run(write)` writes objects, one JSON line each; the
 * stream ends when its promise settles. A cell run keeps going if the reader goes away: the
 * kernel's state must not depend on whether someone still listens.
 */
export function ndjsonStream(run: (write: (obj: unknown) => void) => Promise<void>): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>({
    async start(controller) {
      let open = true;
      const write = (obj: unknown): void => {
        if (!open) return;
        try {
          controller.enqueue(encoder.encode(JSON.stringify(obj) + '\n'));
        } catch {
          open = false;
        }
      };
      try {
        await run(write);
      } finally {
        if (open) {
          try {
            controller.close();
          } catch {
            // the reader cancelled
          }
        }
        open = false;
      }
    },
  });
}
