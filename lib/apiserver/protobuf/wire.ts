// A reader for the protobuf wire format (https://protobuf.dev/programming-guides/encoding/),
// just what gogo-protobuf's generated Marshal methods in k8s.io/api produce: varints, 64- and
// 32-bit fixed values and length-delimited fields. Groups (wire types 3/4) are deprecated and never
// emitted by Kubernetes; they are rejected rather than skipped.
import { ProtobufDecodeError } from './errors';

export const WIRE_VARINT = 0;
export const WIRE_FIXED64 = 1;
export const WIRE_LEN = 2;
export const WIRE_FIXED32 = 5;

export interface Tag {
  field: number;
  wire: number;
}

export class ProtoReader {
  pos: number;

  constructor(
    readonly buf: Uint8Array,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  get done(): boolean {
    return this.pos >= this.end;
  }

  private truncated(what: string): ProtobufDecodeError {
    return new ProtobufDecodeError(`protobuf: truncated input: ${what} at offset ${this.pos} runs past the end (${this.end})`);
  }

  /** A varint as an unsigned 64-bit bigint (at most 10 bytes, as the spec allows). */
  varint64(): bigint {
    let result = 0n;
    let shift = 0n;
    for (let i = 0; i < 10; i++) {
      if (this.pos >= this.end) throw this.truncated('varint');
      const b = this.buf[this.pos++]!;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return BigInt.asUintN(64, result);
      shift += 7n;
    }
    throw new ProtobufDecodeError(`protobuf: varint longer than 10 bytes at offset ${this.pos}`);
  }

  /** A varint that must fit a non-negative JS number: tags and lengths. Fast path for the
   *  common one- and two-byte cases. */
  uvarint(): number {
    if (this.pos < this.end) {
      const b = this.buf[this.pos]!;
      if (b < 0x80) {
        this.pos++;
        return b;
      }
    }
    const v = this.varint64();
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) {
      throw new ProtobufDecodeError(`protobuf: length or tag ${v} too large at offset ${this.pos}`);
    }
    return Number(v);
  }

  /** proto `int32`: negative values travel as 10-byte sign-extended varints; keep the low 32 bits. */
  int32(): number {
    return Number(BigInt.asIntN(32, this.varint64()));
  }

  /** proto `int64`. Values beyond 2^53 lose precision as JS numbers, like any JSON reader. */
  int64(): number {
    return Number(BigInt.asIntN(64, this.varint64()));
  }

  bool(): boolean {
    return this.varint64() !== 0n;
  }

  tag(): Tag {
    const t = this.uvarint();
    const field = Math.floor(t / 8);
    const wire = t & 7;
    if (field === 0) throw new ProtobufDecodeError(`protobuf: invalid field number 0 at offset ${this.pos}`);
    return { field, wire };
  }

  /** The bounds of a length-delimited field's payload; advances past it. */
  lengthDelimited(): { start: number; end: number } {
    const len = this.uvarint();
    const start = this.pos;
    if (len > this.end - start) throw this.truncated(`length-delimited field of ${len} bytes`);
    this.pos = start + len;
    return { start, end: start + len };
  }

  bytes(): Uint8Array {
    const { start, end } = this.lengthDelimited();
    return this.buf.subarray(start, end);
  }

  string(): string {
    return utf8.decode(this.bytes());
  }

  /** Skips a field this decoder has no schema for (newer API fields, for instance). */
  skip(wire: number): void {
    switch (wire) {
      case WIRE_VARINT:
        this.varint64();
        return;
      case WIRE_FIXED64:
        this.advance(8, 'fixed64');
        return;
      case WIRE_LEN:
        this.lengthDelimited();
        return;
      case WIRE_FIXED32:
        this.advance(4, 'fixed32');
        return;
      default:
        throw new ProtobufDecodeError(`protobuf: unsupported wire type ${wire} at offset ${this.pos}`);
    }
  }

  private advance(n: number, what: string): void {
    if (n > this.end - this.pos) throw this.truncated(what);
    this.pos += n;
  }
}

const utf8 = new TextDecoder('utf-8');
