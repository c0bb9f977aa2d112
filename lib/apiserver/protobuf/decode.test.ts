// Unit tests of the wire reader and the schema-driven decoder on hand-built bodies: the shapes
// kubectl's create commands never produce (ownerReferences, times, ReplicaSet, Scale, Endpoints)
// and the wire-format corner cases.
import { describe, expect, it } from 'vitest';
import { decodeMessage, decodeProtobufObject, ProtobufDecodeError } from './index';
import { ProtoReader } from './wire';

// --- a minimal protobuf writer for the tests ----------------------------------------------------
type Bytes = number[];

function varint(value: bigint | number): Bytes {
  let v = BigInt.asUintN(64, BigInt(value));
  const out: Bytes = [];
  do {
    let b = Number(v & 0x7fn);
    v >>= 7n;
    if (v > 0n) b |= 0x80;
    out.push(b);
  } while (v > 0n);
  return out;
}
const tag = (field: number, wire: number): Bytes => varint(field * 8 + wire);
const int = (field: number, value: bigint | number): Bytes => [...tag(field, 0), ...varint(value)];
const len = (field: number, payload: Bytes): Bytes => [...tag(field, 2), ...varint(payload.length), ...payload];
const str = (field: number, s: string): Bytes => len(field, [...Buffer.from(s, 'utf8')]);
const entry = (field: number, k: string, v: Bytes): Bytes => len(field, [...str(1, k), ...len(2, v)]);
const strEntry = (field: number, k: string, v: string): Bytes => entry(field, k, [...Buffer.from(v)]);

function envelope(apiVersion: string, kind: string, raw: Bytes): Uint8Array {
  return new Uint8Array([0x6b, 0x38, 0x73, 0x00, ...len(1, [...str(1, apiVersion), ...str(2, kind)]), ...len(2, raw)]);
}

function decodeError(fn: () => unknown): ProtobufDecodeError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ProtobufDecodeError);
    return e as ProtobufDecodeError;
  }
  throw new Error('expected a ProtobufDecodeError');
}

describe('wire reader', () => {
  it('reads one-byte, multi-byte and full 64-bit varints', () => {
    const r = new ProtoReader(new Uint8Array([...varint(1), ...varint(300), ...varint(2n ** 63n + 5n)]));
    expect(r.varint64()).toBe(1n);
    expect(r.varint64()).toBe(300n);
    expect(r.varint64()).toBe(2n ** 63n + 5n);
    expect(r.done).toBe(true);
  });

  it('reads a negative int32 sent as a 10-byte sign-extended varint', () => {
    const bytes = varint(-7);
    expect(bytes).toHaveLength(10);
    expect(new ProtoReader(new Uint8Array(bytes)).int32()).toBe(-7);
    expect(decodeMessage('ContainerPort', new Uint8Array([...int(2, -7), ...int(3, 80)]))).toEqual({
      hostPort: -7,
      containerPort: 80,
    });
  });

  it('reads int64 values above 32 bits and negative int64 values', () => {
    const meta = decodeMessage('ObjectMeta', new Uint8Array([...int(7, 2 ** 40), ...int(10, -1)]));
    expect(meta.generation).toBe(2 ** 40);
    expect(meta.deletionGracePeriodSeconds).toBe(-1);
  });

  it('rejects a varint longer than ten bytes', () => {
    const r = new ProtoReader(new Uint8Array(11).fill(0x80));
    expect(decodeError(() => r.varint64()).message).toMatch(/varint longer than 10 bytes/);
  });

  it('accepts repeated scalars both unpacked (gogo proto2) and packed', () => {
    const unpacked = decodeMessage('PodSecurityContext', new Uint8Array([...int(4, 4000), ...int(4, 5000)]));
    const packed = decodeMessage('PodSecurityContext', new Uint8Array(len(4, [...varint(4000), ...varint(5000)])));
    expect(unpacked.supplementalGroups).toEqual([4000, 5000]);
    expect(packed.supplementalGroups).toEqual([4000, 5000]);
  });

  it('skips unknown fields of every wire type', () => {
    const bytes = new Uint8Array([
      ...int(99, 12345),
      ...tag(98, 1), 1, 2, 3, 4, 5, 6, 7, 8,
      ...str(1, 'web'),
      ...tag(97, 5), 1, 2, 3, 4,
      ...str(96, 'from a newer API'),
    ]);
    expect(decodeMessage('ObjectMeta', bytes)).toEqual({ name: 'web', creationTimestamp: null });
  });

  it('rejects a field whose wire type does not match the schema', () => {
    const err = decodeError(() => decodeMessage('ObjectMeta', new Uint8Array(int(1, 5))));
    expect(err.message).toBe('protobuf: field ObjectMeta.name (number 1) has wire type 0, expected 2');
  });

  it('rejects deprecated group wire types', () => {
    const err = decodeError(() => decodeMessage('ObjectMeta', new Uint8Array(tag(50, 3))));
    expect(err.message).toMatch(/unsupported wire type 3/);
  });

  it('reports truncated input with the offset', () => {
    const full = [...str(1, 'web')];
    const err = decodeError(() => decodeMessage('ObjectMeta', new Uint8Array(full.slice(0, 3))));
    expect(err.message).toBe('protobuf: truncated input: length-delimited field of 3 bytes at offset 2 runs past the end (3)');
    const err2 = decodeError(() => decodeMessage('ObjectMeta', new Uint8Array([...tag(7, 0), 0x80])));
    expect(err2.message).toMatch(/^protobuf: truncated input: varint/);
  });
});

describe('decodeProtobufObject envelope', () => {
  it('rejects a body without the k8s\\0 prefix', () => {
    const err = decodeError(() => decodeProtobufObject(new TextEncoder().encode('{"kind":"Pod"}')));
    expect(err.message).toBe('protobuf: body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
    decodeError(() => decodeProtobufObject(new Uint8Array([0x6b, 0x38])));
  });

  it('names the kind it has no schema for', () => {
    const err = decodeError(() => decodeProtobufObject(envelope('batch/v1', 'Job', str(1, 'x'))));
    expect(err.message).toContain('"Job"');
    expect(err.message).toContain('batch/v1');
  });

  it('rejects an envelope without a kind and one with a content encoding', () => {
    decodeError(() => decodeProtobufObject(new Uint8Array([0x6b, 0x38, 0x73, 0x00])));
    const gz = new Uint8Array([...envelope('v1', 'Namespace', []), ...str(3, 'gzip')]);
    expect(decodeError(() => decodeProtobufObject(gz)).message).toContain('gzip');
  });

  it('puts kind and apiVersion from the envelope first', () => {
    const ns = decodeProtobufObject(envelope('v1', 'Namespace', len(1, str(1, 'team-a'))));
    expect(Object.keys(ns).slice(0, 2)).toEqual(['kind', 'apiVersion']);
    expect(ns).toEqual({
      kind: 'Namespace',
      apiVersion: 'v1',
      metadata: { name: 'team-a', creationTimestamp: null },
      spec: {},
      status: {},
    });
  });
});

describe('Go JSON shapes of apimachinery types', () => {
  const time = (seconds: number, nanos = 0): Bytes => [...int(1, seconds), ...(nanos ? int(2, nanos) : [])];

  it('prints times as RFC3339 UTC seconds, dropping nanos, and a zero time as null', () => {
    const meta = decodeMessage(
      'ObjectMeta',
      new Uint8Array([...len(8, time(1735787045, 999)), ...len(9, time(0))]),
    );
    expect(meta.creationTimestamp).toBe('2025-01-02T03:04:05Z');
    // a set pointer to the Unix epoch is not Go's zero time
    expect(meta.deletionTimestamp).toBe('1970-01-01T00:00:00Z');
    expect(decodeMessage('ObjectMeta', new Uint8Array(len(8, time(-62135596800)))).creationTimestamp).toBeNull();
  });

  it('decodes ownerReferences with pointer bools, finalizers and annotations', () => {
    const owner = [...str(1, 'ReplicaSet'), ...str(3, 'web-7d4b9c8f5'), ...str(4, 'uid-1'), ...str(5, 'apps/v1'), ...int(6, 1), ...int(7, 0)];
    const meta = decodeMessage(
      'ObjectMeta',
      new Uint8Array([
        ...str(2, 'web-7d4b9c8f5-'),
        ...strEntry(12, 'a', '1'),
        ...strEntry(12, 'b', ''),
        ...len(13, owner),
        ...str(14, 'foregroundDeletion'),
      ]),
    );
    expect(meta).toEqual({
      generateName: 'web-7d4b9c8f5-',
      creationTimestamp: null,
      annotations: { a: '1', b: '' },
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'web-7d4b9c8f5', uid: 'uid-1', controller: true, blockOwnerDeletion: false },
      ],
      finalizers: ['foregroundDeletion'],
    });
  });

  it('prints IntOrString as a number or a string and leaves unset pointers out', () => {
    const rolling = [...len(1, [...int(1, 0), ...int(2, 0)]), ...len(2, [...int(1, 1), ...str(3, '25%')])];
    const spec = decodeMessage('DeploymentSpec', new Uint8Array([...len(4, [...str(1, 'RollingUpdate'), ...len(2, rolling)])]));
    expect(spec).toEqual({
      template: { metadata: { creationTimestamp: null }, spec: { containers: null } },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: '25%' } },
    });
  });

  it('prints an unset divisor Quantity as "0" and requests as strings', () => {
    const sel = decodeMessage('ResourceFieldSelector', new Uint8Array(str(2, 'limits.cpu')));
    expect(sel).toEqual({ resource: 'limits.cpu', divisor: '0' });
    const res = decodeMessage('ResourceRequirements', new Uint8Array(entry(2, 'cpu', str(1, '250m'))));
    expect(res).toEqual({ requests: { cpu: '250m' } });
  });

  it('keeps managedFields fieldsV1 as embedded JSON', () => {
    const mf = [...str(1, 'kubectl-create'), ...str(2, 'Update'), ...str(3, 'v1'), ...str(6, 'FieldsV1'), ...len(7, str(1, '{"f:data":{}}'))];
    const meta = decodeMessage('ObjectMeta', new Uint8Array(len(17, mf)));
    expect(meta.managedFields).toEqual([
      { manager: 'kubectl-create', operation: 'Update', apiVersion: 'v1', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } },
    ]);
  });
});

describe('kinds kubectl does not create through protobuf', () => {
  it('decodes a ReplicaSet, printing status.replicas even when zero', () => {
    const rs = decodeProtobufObject(
      envelope('apps/v1', 'ReplicaSet', [...len(1, str(1, 'web-1')), ...len(2, int(1, 2)), ...len(3, [])]),
    );
    expect(rs).toEqual({
      kind: 'ReplicaSet',
      apiVersion: 'apps/v1',
      metadata: { name: 'web-1', creationTimestamp: null },
      spec: { replicas: 2, template: { metadata: { creationTimestamp: null }, spec: { containers: null } } },
      status: { replicas: 0 },
    });
  });

  it('decodes an autoscaling/v1 Scale', () => {
    const scale = decodeProtobufObject(
      envelope('autoscaling/v1', 'Scale', [...len(1, str(1, 'web')), ...len(2, int(1, 5)), ...len(3, [...int(1, 3), ...str(2, 'app=web')])]),
    );
    expect(scale).toEqual({
      kind: 'Scale',
      apiVersion: 'autoscaling/v1',
      metadata: { name: 'web', creationTimestamp: null },
      spec: { replicas: 5 },
      status: { replicas: 3, selector: 'app=web' },
    });
  });

  it('decodes Endpoints with addresses, target references and ports', () => {
    const addr = [...str(1, '10.244.0.5'), ...str(4, 'node-1'), ...len(2, [...str(1, 'Pod'), ...str(2, 'default'), ...str(3, 'web-1')])];
    const port = [...str(1, 'http'), ...int(2, 80), ...str(3, 'TCP')];
    const ep = decodeProtobufObject(envelope('v1', 'Endpoints', [...len(1, str(1, 'web')), ...len(2, [...len(1, addr), ...len(3, port)])]));
    expect(ep).toEqual({
      kind: 'Endpoints',
      apiVersion: 'v1',
      metadata: { name: 'web', creationTimestamp: null },
      subsets: [
        {
          addresses: [{ ip: '10.244.0.5', nodeName: 'node-1', targetRef: { kind: 'Pod', namespace: 'default', name: 'web-1' } }],
          ports: [{ name: 'http', port: 80, protocol: 'TCP' }],
        },
      ],
    });
  });
});
