// Schema-driven decoding of a protobuf message into the JSON object Go's encoding/json would
// print for the typed struct gogo-protobuf decodes it into (see schema.ts for the rules).
import { ProtobufDecodeError } from './errors';
import { SCHEMA, isScalar, type FieldSpec, type MessageSpec } from './schema';
import { ProtoReader, WIRE_LEN, WIRE_VARINT } from './wire';

/** Raw field values of one message as read from the wire, by field number. Message-typed
 *  fields hold a nested Accumulator, so a field that occurs twice is merged as protobuf says. */
type Accumulator = Map<number, unknown>;

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const VARINT_TYPES = new Set(['int32', 'int64', 'bool']);

function messageSpec(name: string): MessageSpec {
  const spec = SCHEMA.get(name);
  if (!spec) throw new ProtobufDecodeError(`protobuf: no schema for message ${name}`);
  return spec;
}

function readScalar(r: ProtoReader, type: string): unknown {
  switch (type) {
    case 'string':
      return r.string();
    case 'bytes':
      return r.bytes();
    case 'int32':
      return r.int32();
    case 'int64':
      return r.int64();
    case 'bool':
      return r.bool();
    default:
      throw new ProtobufDecodeError(`protobuf: unknown scalar type ${type}`);
  }
}

/** Reads the fields in r[start, end) of message `spec` into `acc`. */
function readMessage(spec: MessageSpec, r: ProtoReader, acc: Accumulator, path: string): void {
  while (!r.done) {
    const { field, wire } = r.tag();
    const f = spec.fields.get(field);
    if (!f) {
      // Unknown fields (newer API fields, alpha fields) are skipped, as gogo's Unmarshal does.
      r.skip(wire);
      continue;
    }
    const where = `${path}.${f.name}`;
    const isVarint = VARINT_TYPES.has(f.type);
    if (f.repeated && isVarint && wire === WIRE_LEN) {
      // Packed repeated scalars (proto3 style); gogo's proto2 output is unpacked, accept both.
      const { start, end } = r.lengthDelimited();
      const inner = new ProtoReader(r.buf, start, end);
      const list = listOf(acc, f.no);
      while (!inner.done) list.push(readScalar(inner, f.type));
      continue;
    }
    const expected = isVarint ? WIRE_VARINT : WIRE_LEN;
    if (wire !== expected) {
      throw new ProtobufDecodeError(`protobuf: field ${where} (number ${f.no}) has wire type ${wire}, expected ${expected}`);
    }
    if (f.type === 'map') {
      const { start, end } = r.lengthDelimited();
      const [k, v] = readMapEntry(f, new ProtoReader(r.buf, start, end), where);
      let m = acc.get(f.no) as Map<string, unknown> | undefined;
      if (!m) acc.set(f.no, (m = new Map()));
      m.set(k, v);
    } else if (isScalar(f.type)) {
      const v = readScalar(r, f.type);
      if (f.repeated) listOf(acc, f.no).push(v);
      else acc.set(f.no, v);
    } else {
      // A message: a schema message, or one of the special apimachinery types.
      const { start, end } = r.lengthDelimited();
      const sub = new ProtoReader(r.buf, start, end);
      if (f.repeated) {
        listOf(acc, f.no).push(readNested(f.type, sub, new Map(), where));
      } else {
        const prev = acc.get(f.no) as Accumulator | undefined;
        acc.set(f.no, readNested(f.type, sub, prev ?? new Map(), where));
      }
    }
  }
}

function listOf(acc: Accumulator, no: number): unknown[] {
  let list = acc.get(no) as unknown[] | undefined;
  if (!list) acc.set(no, (list = []));
  return list;
}

// Wire layouts of the special types:
//   metav1.Time {int64 seconds = 1; int32 nanos = 2}     intstr.IntOrString {int64 type = 1;
//   int32 intVal = 2; string strVal = 3}     resource.Quantity {string string = 1}
//   metav1.FieldsV1 {bytes Raw = 1}
const SPECIAL_SPECS: Record<string, MessageSpec> = {
  Time: inlineSpec('Time', [[1, 'seconds', 'int64'], [2, 'nanos', 'int32']]),
  IntOrString: inlineSpec('IntOrString', [[1, 'type', 'int64'], [2, 'intVal', 'int32'], [3, 'strVal', 'string']]),
  Quantity: inlineSpec('Quantity', [[1, 'string', 'string']]),
  FieldsV1: inlineSpec('FieldsV1', [[1, 'Raw', 'bytes']]),
};

function inlineSpec(name: string, fields: [number, string, string][]): MessageSpec {
  const ordered: FieldSpec[] = fields.map(([no, n, type]) => ({ no, name: n, type, repeated: false, presence: 'omitempty' }));
  return { name, ordered, fields: new Map(ordered.map((f) => [f.no, f])) };
}

function readNested(type: string, r: ProtoReader, acc: Accumulator, path: string): Accumulator {
  readMessage(SPECIAL_SPECS[type] ?? messageSpec(type), r, acc, path);
  return acc;
}

function readMapEntry(f: FieldSpec, r: ProtoReader, path: string): [string, unknown] {
  let key = '';
  let value: unknown;
  while (!r.done) {
    const { field, wire } = r.tag();
    if (field === 1 && wire === WIRE_LEN) key = r.string();
    else if (field === 2 && wire === WIRE_LEN) {
      if (f.mapValue === 'string') value = r.string();
      else if (f.mapValue === 'bytes') value = r.bytes();
      else {
        const { start, end } = r.lengthDelimited();
        value = readNested('Quantity', new ProtoReader(r.buf, start, end), new Map(), `${path}[${key}]`);
      }
    } else r.skip(wire);
  }
  return [key, value];
}

// ---- rendering: accumulator → Go encoding/json shape ------------------------------------------

/** Go's zero time.Time (0001-01-01T00:00:00Z) in Unix seconds. */
const GO_ZERO_TIME_UNIX = -62135596800;

function renderTime(acc: Accumulator | undefined): Json {
  // metav1.Time marshals an unset time as an empty message and MarshalJSON prints a zero time as
  // null; Unmarshal keeps only the seconds (apimachinery meta/v1/time_proto.go), and the JSON form
  // is RFC3339 in UTC at second precision.
  if (!acc || !acc.has(1)) return acc && acc.size > 0 ? '1970-01-01T00:00:00Z' : null;
  const seconds = acc.get(1) as number;
  if (seconds === GO_ZERO_TIME_UNIX) return null;
  const d = new Date(seconds * 1000);
  if (Number.isNaN(d.getTime())) throw new ProtobufDecodeError(`protobuf: time ${seconds}s out of range`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function renderIntOrString(acc: Accumulator | undefined): Json {
  // intstr.IntOrString.MarshalJSON: Type 1 (String) prints strVal, Type 0 (Int) prints intVal.
  if (acc?.get(1) === 1) return (acc.get(3) as string | undefined) ?? '';
  return (acc?.get(2) as number | undefined) ?? 0;
}

function renderQuantity(acc: Accumulator | undefined): Json {
  // A zero resource.Quantity prints "0".
  const s = acc?.get(1) as string | undefined;
  return s === undefined || s === '' ? '0' : s;
}

function renderFieldsV1(acc: Accumulator | undefined): Json {
  const raw = acc?.get(1) as Uint8Array | undefined;
  if (!raw || raw.length === 0) return null;
  try {
    return JSON.parse(new TextDecoder().decode(raw)) as Json;
  } catch {
    throw new ProtobufDecodeError('protobuf: managedFields fieldsV1 is not valid JSON');
  }
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function zeroOf(type: string): Json {
  switch (type) {
    case 'string':
      return '';
    case 'int32':
    case 'int64':
      return 0;
    case 'bool':
      return false;
    case 'bytes':
      return null;
    default:
      return null;
  }
}

function renderValue(f: FieldSpec, v: unknown): Json {
  switch (f.type) {
    case 'Time':
      return renderTime(v as Accumulator | undefined);
    case 'IntOrString':
      return renderIntOrString(v as Accumulator | undefined);
    case 'Quantity':
      return renderQuantity(v as Accumulator | undefined);
    case 'FieldsV1':
      return renderFieldsV1(v as Accumulator | undefined);
    case 'bytes':
      return v === undefined ? null : base64(v as Uint8Array);
    default:
      if (isScalar(f.type)) return (v ?? zeroOf(f.type)) as Json;
      return renderMessage(messageSpec(f.type), (v as Accumulator | undefined) ?? new Map());
  }
}

function isZeroScalar(v: unknown): boolean {
  return v === undefined || v === '' || v === 0 || v === false || (v instanceof Uint8Array && v.length === 0);
}

function renderMessage(spec: MessageSpec, acc: Accumulator): { [k: string]: Json } {
  const out: { [k: string]: Json } = {};
  for (const f of spec.ordered) {
    const present = acc.has(f.no);
    const v = acc.get(f.no);
    if (f.presence === 'inline') {
      Object.assign(out, renderMessage(messageSpec(f.type), (v as Accumulator | undefined) ?? new Map()));
      continue;
    }
    if (f.repeated) {
      const list = (v as unknown[] | undefined) ?? [];
      if (list.length > 0) out[f.name] = list.map((item) => renderValue(f, item));
      else if (f.presence === 'req') out[f.name] = null;
      continue;
    }
    if (f.type === 'map') {
      const m = v as Map<string, unknown> | undefined;
      if (m && m.size > 0) {
        const obj: { [k: string]: Json } = {};
        for (const [k, val] of m) {
          obj[k] =
            f.mapValue === 'string'
              ? ((val as string | undefined) ?? '')
              : f.mapValue === 'bytes'
                ? base64((val as Uint8Array | undefined) ?? new Uint8Array())
                : renderQuantity(val as Accumulator | undefined);
        }
        out[f.name] = obj;
      } else if (f.presence === 'req') out[f.name] = null;
      continue;
    }
    if (f.presence === 'ptr') {
      if (present) out[f.name] = renderValue(f, v);
      continue;
    }
    if (isScalar(f.type)) {
      if (f.presence === 'req') out[f.name] = renderValue(f, v);
      else if (!isZeroScalar(v)) out[f.name] = renderValue(f, v);
      continue;
    }
    // A non-pointer struct (messages, Time, IntOrString, Quantity): Go prints it even when empty.
    out[f.name] = renderValue(f, v);
  }
  return out;
}

/** Decodes `bytes` as the message `type` (a name in the schema table) into its JSON form. */
export function decodeMessage(type: string, bytes: Uint8Array): { [k: string]: Json } {
  const spec = messageSpec(type);
  const acc: Accumulator = new Map();
  readMessage(spec, new ProtoReader(bytes), acc, type);
  return renderMessage(spec, acc);
}

/** Reads the runtime.Unknown envelope fields without rendering. */
export function readUnknown(bytes: Uint8Array): { apiVersion: string; kind: string; raw: Uint8Array; contentEncoding: string; contentType: string } {
  const acc: Accumulator = new Map();
  readMessage(messageSpec('Unknown'), new ProtoReader(bytes), acc, 'Unknown');
  const tm = (acc.get(1) as Accumulator | undefined) ?? new Map();
  return {
    apiVersion: (tm.get(1) as string | undefined) ?? '',
    kind: (tm.get(2) as string | undefined) ?? '',
    raw: (acc.get(2) as Uint8Array | undefined) ?? new Uint8Array(),
    contentEncoding: (acc.get(3) as string | undefined) ?? '',
    contentType: (acc.get(4) as string | undefined) ?? '',
  };
}
