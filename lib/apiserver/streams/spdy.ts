// SPDY/3.1 server side, just enough for kubectl: its port-forward (both tunnelled in a WebSocket
// and over a direct `Upgrade: SPDY/3.1`) and its remote-command fallback. kubectl's client is
// moby/spdystream on top of the Go SPDY/3 framer, so the frames are those of the SPDY/3 draft
// (https://www.chromium.org/spdy/spdy-protocol/spdy-protocol-draft3-1/): control frames
// SYN_STREAM / SYN_REPLY / RST_STREAM / SETTINGS / PING / GOAWAY / HEADERS / WINDOW_UPDATE and
// data frames. spdystream does no flow control (it neither sends nor honours WINDOW_UPDATE), so
// neither do we; incoming WINDOW_UPDATE and SETTINGS frames are read and ignored.
//
// Header blocks are zlib streams, one per direction for the whole session, primed with the
// SPDY/3 dictionary. Reading: node's zlib has no synchronous streaming inflate, so we keep every
// compressed header byte the peer sent and re-inflate the whole history with Z_SYNC_FLUSH,
// taking the new tail (header blocks are a few dozen bytes each; sessions carry few streams).
// Writing: a zlib stream made of stored (uncompressed) deflate blocks, which any inflater reads;
// it carries no FDICT flag, so the peer's dictionary is simply never consulted (Go's
// zlib.NewReaderDict only checks the dictionary when the header asks for one).

import { inflateSync, constants as zconst } from 'node:zlib';

export const SPDY_VERSION = 3;

export const FrameType = {
  SYN_STREAM: 1,
  SYN_REPLY: 2,
  RST_STREAM: 3,
  SETTINGS: 4,
  PING: 6,
  GOAWAY: 7,
  HEADERS: 8,
  WINDOW_UPDATE: 9,
} as const;

export const FLAG_FIN = 0x01;

/** RST_STREAM status codes (SPDY/3 §2.6.3). */
export const RstStatus = { PROTOCOL_ERROR: 1, INVALID_STREAM: 2, REFUSED_STREAM: 3, CANCEL: 5, STREAM_ALREADY_CLOSED: 9 } as const;

// The SPDY/3 header dictionary (draft 3 §2.6.10.1): length-prefixed header names and values,
// then a run of status codes, reason phrases, dates and common values. 1423 bytes in all.
const DICT_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date',
  'etag', 'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate',
  'proxy-authorization', 'range', 'referer', 'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'user-agent', 'vary', 'via', 'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK', 'version', 'HTTP/1.1',
  'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICT_TAIL =
  '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY3_DICTIONARY: Buffer = (() => {
  const parts: Buffer[] = [];
  for (const w of DICT_WORDS) {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(w.length);
    parts.push(len, Buffer.from(w, 'latin1'));
  }
  parts.push(Buffer.from(DICT_TAIL, 'latin1'));
  return Buffer.concat(parts);
})();

/** Header names and values; SPDY/3 joins repeated values with NUL, we keep the list. */
export type SpdyHeaders = Record<string, string[]>;

export function encodeHeaderBlock(headers: SpdyHeaders): Buffer {
  const parts: Buffer[] = [];
  const u32 = (n: number) => {
    const b = Buffer.alloc(4);
    b.writeUInt32BE(n);
    return b;
  };
  const entries = Object.entries(headers);
  parts.push(u32(entries.length));
  for (const [name, values] of entries) {
    const n = Buffer.from(name.toLowerCase(), 'utf8');
    const v = Buffer.from(values.join('\0'), 'utf8');
    parts.push(u32(n.length), n, u32(v.length), v);
  }
  return Buffer.concat(parts);
}

export function decodeHeaderBlock(buf: Buffer): SpdyHeaders {
  const out: SpdyHeaders = {};
  let off = 0;
  const need = (n: number) => {
    if (off + n > buf.length) throw new Error('spdy: truncated header block');
  };
  need(4);
  const count = buf.readUInt32BE(off);
  off += 4;
  for (let i = 0; i < count; i++) {
    need(4);
    const nl = buf.readUInt32BE(off);
    off += 4;
    need(nl);
    const name = buf.subarray(off, off + nl).toString('utf8');
    off += nl;
    need(4);
    const vl = buf.readUInt32BE(off);
    off += 4;
    need(vl);
    const value = buf.subarray(off, off + vl).toString('utf8');
    off += vl;
    out[name] = value.split('\0');
  }
  return out;
}

/** The receiving half of a session's header compression (see the file comment). */
export class HeaderInflater {
  private history: Buffer[] = [];
  private produced = 0;

  inflate(chunk: Buffer): Buffer {
    this.history.push(chunk);
    const all = inflateSync(Buffer.concat(this.history), { dictionary: SPDY3_DICTIONARY, finishFlush: zconst.Z_SYNC_FLUSH });
    const fresh = all.subarray(this.produced);
    this.produced = all.length;
    return fresh;
  }
}

/** BFINAL=0, BTYPE=00 (stored), then LEN and NLEN; blocks start byte-aligned here. */
function storedBlockHeader(len: number): Buffer {
  const h = Buffer.alloc(5);
  h.writeUInt16LE(len, 1);
  h.writeUInt16LE(~len & 0xffff, 3);
  return h;
}

/** The sending half: a zlib stream of stored blocks, valid for any inflater. */
export class HeaderDeflater {
  private started = false;

  deflate(raw: Buffer): Buffer {
    const parts: Buffer[] = [];
    if (!this.started) {
      // CMF 0x78 (deflate, 32K window), FLG 0x01: no preset dictionary, (0x7801 % 31) === 0
      parts.push(Buffer.from([0x78, 0x01]));
      this.started = true;
    }
    for (let off = 0; off < raw.length; off += 0xffff) {
      const piece = raw.subarray(off, Math.min(raw.length, off + 0xffff));
      parts.push(storedBlockHeader(piece.length), piece);
    }
    // An empty stored block ends the block as zlib's Z_SYNC_FLUSH does. Go's flate hands out
    // what it has decoded only when it reaches such a block (decompressor.dataBlock, n == 0);
    // without it the header bytes stay buffered and the next read hits the frame's end.
    parts.push(storedBlockHeader(0));
    return Buffer.concat(parts);
  }
}

export type Frame =
  | { kind: 'data'; streamId: number; flags: number; data: Buffer }
  | { kind: 'control'; type: number; flags: number; payload: Buffer };

/** Splits a byte stream into SPDY frames; feed it whatever arrives. */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);

  push(chunk: Buffer): Frame[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const frames: Frame[] = [];
    while (this.buf.length >= 8) {
      const len = this.buf.readUIntBE(5, 3);
      if (this.buf.length < 8 + len) break;
      const flags = this.buf[4];
      const payload = this.buf.subarray(8, 8 + len);
      if (this.buf[0] & 0x80) {
        const version = this.buf.readUInt16BE(0) & 0x7fff;
        if (version !== SPDY_VERSION) throw new Error(`spdy: unsupported version ${version}`);
        frames.push({ kind: 'control', type: this.buf.readUInt16BE(2), flags, payload });
      } else {
        frames.push({ kind: 'data', streamId: this.buf.readUInt32BE(0) & 0x7fffffff, flags, data: payload });
      }
      this.buf = this.buf.subarray(8 + len);
    }
    return frames;
  }
}

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | SPDY_VERSION, 0);
  h.writeUInt16BE(type, 2);
  h[4] = flags;
  h.writeUIntBE(payload.length, 5, 3);
  return Buffer.concat([h, payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(streamId & 0x7fffffff, 0);
  h[4] = flags;
  h.writeUIntBE(data.length, 5, 3);
  return Buffer.concat([h, data]);
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** What the session writes to and learns from: a socket, or a WebSocket tunnel. */
export interface ByteTransport {
  write(b: Buffer): void;
  close(): void;
}

/** One stream the client opened. */
export class SpdyStream {
  /** the client sent FIN: no more data will arrive */
  remoteClosed = false;
  /** we sent FIN */
  localClosed = false;
  reset = false;
  onData: (b: Buffer) => void = () => {};
  onEnd: () => void = () => {};
  onReset: () => void = () => {};

  constructor(
    private readonly session: SpdySession,
    readonly id: number,
    readonly headers: SpdyHeaders,
  ) {}

  header(name: string): string | undefined {
    return this.headers[name.toLowerCase()]?.[0];
  }

  write(data: Buffer | string): void {
    if (this.localClosed || this.reset) return;
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    // 24-bit length field; keep frames modest so a slow reader still sees progress
    for (let off = 0; off < b.length; off += 32 * 1024) this.session.send(dataFrame(this.id, 0, b.subarray(off, off + 32 * 1024)));
  }

  /** Half-closes our side (DATA with FIN), as spdystream's Stream.Close does. */
  end(): void {
    if (this.localClosed || this.reset) return;
    this.localClosed = true;
    this.session.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
    this.session.maybeForget(this);
  }
}

/**
 * The server side of a SPDY/3.1 session: accepts the client's streams (replying at once, as the
 * kubelet's stream handlers do), answers PINGs, and hands each stream to `onStream`.
 */
export class SpdySession {
  private reader = new FrameReader();
  private inflater = new HeaderInflater();
  private deflater = new HeaderDeflater();
  private streams = new Map<number, SpdyStream>();
  private closed = false;
  onStream: (s: SpdyStream) => void = () => {};
  onClose: () => void = () => {};

  constructor(private readonly transport: ByteTransport) {}

  /** Bytes from the client. */
  receive(chunk: Buffer): void {
    if (this.closed) return;
    let frames: Frame[];
    try {
      frames = this.reader.push(chunk);
    } catch {
      this.goAway(1);
      return;
    }
    for (const f of frames) {
      try {
        this.handle(f);
      } catch {
        // a failure serving one stream must not take the server down: end the session
        this.goAway(2);
        return;
      }
    }
  }

  /** The transport ended underneath us. */
  transportClosed(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) {
      if (!s.remoteClosed) {
        s.remoteClosed = true;
        s.onEnd();
      }
    }
    this.streams.clear();
    this.onClose();
  }

  send(b: Buffer): void {
    if (!this.closed) this.transport.write(b);
  }

  streamCount(): number {
    return this.streams.size;
  }

  /** Ends the session: GOAWAY, then the transport. */
  goAway(status = 0): void {
    if (this.closed) return;
    const last = Math.max(0, ...this.streams.keys());
    this.send(controlFrame(FrameType.GOAWAY, 0, Buffer.concat([u32(last), u32(status)])));
    this.transport.close();
    this.transportClosed();
  }

  resetStream(s: SpdyStream, status: number = RstStatus.CANCEL): void {
    if (s.reset) return;
    s.reset = true;
    this.send(controlFrame(FrameType.RST_STREAM, 0, Buffer.concat([u32(s.id), u32(status)])));
    this.streams.delete(s.id);
  }

  maybeForget(s: SpdyStream): void {
    if (s.localClosed && s.remoteClosed) this.streams.delete(s.id);
  }

  private handle(f: Frame): void {
    if (f.kind === 'data') {
      const s = this.streams.get(f.streamId);
      if (!s) return; // spdystream drops data for unknown streams too
      if (f.data.length) s.onData(f.data);
      if (f.flags & FLAG_FIN) this.finish(s);
      return;
    }
    const p = f.payload;
    switch (f.type) {
      case FrameType.SYN_STREAM: {
        const id = p.readUInt32BE(0) & 0x7fffffff;
        let headers: SpdyHeaders;
        try {
          headers = decodeHeaderBlock(this.inflater.inflate(p.subarray(10)));
        } catch {
          this.goAway(1);
          return;
        }
        const s = new SpdyStream(this, id, headers);
        this.streams.set(id, s);
        // SYN_REPLY with an empty header block: spdystream's Stream.SendReply(http.Header{}, false)
        this.send(controlFrame(FrameType.SYN_REPLY, 0, Buffer.concat([u32(id), this.deflater.deflate(encodeHeaderBlock({}))])));
        this.onStream(s);
        if (f.flags & FLAG_FIN) this.finish(s);
        return;
      }
      case FrameType.RST_STREAM: {
        const s = this.streams.get(p.readUInt32BE(0) & 0x7fffffff);
        if (!s) return;
        s.reset = true;
        this.streams.delete(s.id);
        s.onReset();
        return;
      }
      case FrameType.PING:
        // client pings are odd-numbered; echo them back unchanged
        this.send(controlFrame(FrameType.PING, 0, p.subarray(0, 4)));
        return;
      case FrameType.GOAWAY:
        this.transport.close();
        this.transportClosed();
        return;
      case FrameType.HEADERS:
        // keep the inflater in step even though kubectl never sends these
        try {
          this.inflater.inflate(p.subarray(4));
        } catch {
          this.goAway(1);
        }
        return;
      default:
        // SETTINGS, WINDOW_UPDATE and unknown control frames: nothing to do
        return;
    }
  }

  private finish(s: SpdyStream): void {
    if (s.remoteClosed) return;
    s.remoteClosed = true;
    s.onEnd();
    this.maybeForget(s);
  }
}
