// Shared pieces of the upgrade handlers: plain HTTP answers on a raw socket (for refusals before
// any upgrade), the 101 for SPDY/3.1, and the socket-backed SPDY transport.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { STATUS_CODES } from 'node:http';
import { SpdySession } from './spdy';

/** Answers the upgrade request with an ordinary HTTP response and closes the socket. */
export function refuse(socket: Duplex, code: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  if (socket.destroyed) return;
  const b = Buffer.from(body, 'utf8');
  socket.end(
    Buffer.concat([
      Buffer.from(
        `HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nContent-Type: ${contentType}\r\nContent-Length: ${b.length}\r\nConnection: close\r\n\r\n`,
        'latin1',
      ),
      b,
    ]),
  );
}

/** An apiserver error as kubectl reads it: a metav1.Status JSON body. */
export function refuseWithStatus(socket: Duplex, code: number, reason: string, message: string): void {
  refuse(
    socket,
    code,
    JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }),
    'application/json',
  );
}

export function isWebSocketUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'websocket';
}

export function isSpdyUpgrade(req: IncomingMessage): boolean {
  return (req.headers.upgrade ?? '').toLowerCase() === 'spdy/3.1';
}

/** The protocols a SPDY client offers in X-Stream-Protocol-Version (repeated or comma-joined). */
export function offeredStreamProtocols(req: IncomingMessage): string[] {
  const raw = req.headersDistinct?.['x-stream-protocol-version'] ?? [];
  return raw.flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
}

/**
 * Switches the socket to SPDY/3.1 (client-go spdy/roundtripper.go checks Connection, Upgrade and
 * reads X-Stream-Protocol-Version) and starts a server session on it; `head` is what the client
 * already sent past the request.
 */
export function acceptSpdy(socket: Duplex, head: Buffer, protocol: string): SpdySession {
  socket.write(`HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: ${protocol}\r\n\r\n`);
  const session = new SpdySession({
    write: (b) => {
      if (!socket.destroyed && socket.writable) socket.write(b);
    },
    close: () => {
      if (!socket.destroyed) socket.end();
    },
  });
  socket.on('data', (d: Buffer) => session.receive(d));
  socket.on('close', () => session.transportClosed());
  socket.on('end', () => session.transportClosed());
  socket.on('error', () => session.transportClosed());
  if (head.length) queueMicrotask(() => session.receive(head));
  return session;
}
