import { constants, createDeflate, inflateSync } from 'node:zlib';
import type { Deflate } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import {
  FLAG_FIN,
  FrameReader,
  FrameType,
  HeaderDeflater,
  HeaderInflater,
  SPDY3_DICTIONARY,
  SpdySession,
  controlFrame,
  dataFrame,
  decodeHeaderBlock,
  encodeHeaderBlock,
} from './spdy';
import type { SpdyStream } from './spdy';

/** What Go's SPDY framer does: one deflate stream with the dictionary, sync-flushed per block. */
function goStyleCompressor(): (raw: Buffer) => Promise<Buffer> {
  const d: Deflate = createDeflate({ dictionary: SPDY3_DICTIONARY });
  const chunks: Buffer[] = [];
  d.on('data', (c: Buffer) => chunks.push(c));
  return (raw) =>
    new Promise((resolve) => {
      d.write(raw);
      d.flush(constants.Z_SYNC_FLUSH, () => resolve(Buffer.concat(chunks.splice(0))));
    });
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n);
  return b;
}

describe('SPDY/3 header compression', () => {
  it('the dictionary is the draft-3 one: 1423 bytes starting with the length-prefixed "options"', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(SPDY3_DICTIONARY.subarray(0, 11)).toEqual(Buffer.from('\0\0\0\x07options', 'latin1'));
    expect(SPDY3_DICTIONARY.subarray(-6).toString()).toBe('enq=0.');
  });

  it('reads successive header blocks of one dictionary-primed zlib stream', async () => {
    const compress = goStyleCompressor();
    const inflater = new HeaderInflater();
    const a = await compress(encodeHeaderBlock({ streamtype: ['error'], port: ['80'], requestid: ['0'] }));
    const b = await compress(encodeHeaderBlock({ streamtype: ['data'], port: ['80'], requestid: ['0'] }));
    expect(decodeHeaderBlock(inflater.inflate(a))).toEqual({ streamtype: ['error'], port: ['80'], requestid: ['0'] });
    expect(decodeHeaderBlock(inflater.inflate(b))).toEqual({ streamtype: ['data'], port: ['80'], requestid: ['0'] });
  });

  it('writes blocks any inflater reads, each ending with the empty stored block of a sync flush', () => {
    const deflater = new HeaderDeflater();
    const a = deflater.deflate(encodeHeaderBlock({}));
    const b = deflater.deflate(encodeHeaderBlock({ 'x-a': ['1', '2'] }));
    expect(a.subarray(0, 2)).toEqual(Buffer.from([0x78, 0x01]));
    expect(a.subarray(-5)).toEqual(Buffer.from([0, 0, 0, 0xff, 0xff]));
    expect(b.subarray(-5)).toEqual(Buffer.from([0, 0, 0, 0xff, 0xff]));
    const all = inflateSync(Buffer.concat([a, b]), { finishFlush: constants.Z_SYNC_FLUSH });
    expect(decodeHeaderBlock(all.subarray(0, 4))).toEqual({});
    expect(decodeHeaderBlock(all.subarray(4))).toEqual({ 'x-a': ['1', '2'] });
  });
});

describe('SPDY frames', () => {
  it('reassembles frames split across reads and several frames in one read', () => {
    const r = new FrameReader();
    const bytes = Buffer.concat([dataFrame(3, 0, Buffer.from('hello')), controlFrame(FrameType.PING, 0, u32(1)), dataFrame(3, FLAG_FIN, Buffer.alloc(0))]);
    const first = r.push(bytes.subarray(0, 6));
    const rest = r.push(bytes.subarray(6));
    expect(first).toEqual([]);
    expect(rest.map((f) => (f.kind === 'data' ? `data ${f.streamId} ${f.flags} ${f.data}` : `control ${f.type}`))).toEqual(['data 3 0 hello', 'control 6', 'data 3 1 ']);
  });

  it('a session replies to each new stream, echoes pings and reports data and FIN', async () => {
    const sent: Buffer[] = [];
    const session = new SpdySession({ write: (b) => sent.push(b), close: () => {} });
    const got: string[] = [];
    session.onStream = (s: SpdyStream) => {
      got.push(`open ${s.id} ${s.header('streamtype')}`);
      s.onData = (b) => got.push(`data ${b}`);
      s.onEnd = () => {
        got.push('fin');
        s.write('bye');
        s.end();
      };
    };
    const compress = goStyleCompressor();
    const block = await compress(encodeHeaderBlock({ streamtype: ['data'] }));
    session.receive(controlFrame(FrameType.SYN_STREAM, 0, Buffer.concat([u32(1), u32(0), Buffer.from([0, 0]), block])));
    session.receive(controlFrame(FrameType.PING, 0, u32(7)));
    session.receive(dataFrame(1, FLAG_FIN, Buffer.from('hi')));
    expect(got).toEqual(['open 1 data', 'data hi', 'fin']);
    const frames = new FrameReader().push(Buffer.concat(sent));
    expect(frames.map((f) => (f.kind === 'data' ? `data ${f.streamId} ${f.flags} ${f.data}` : `control ${f.type}`))).toEqual([
      'control 2',
      'control 6',
      'data 1 0 bye',
      'data 1 1 ',
    ]);
    const reply = frames[0];
    expect(reply.kind === 'control' && reply.payload.readUInt32BE(0)).toBe(1);
    expect(frames[1].kind === 'control' && frames[1].payload.readUInt32BE(0)).toBe(7);
    expect(session.streamCount()).toBe(0);
  });
});
