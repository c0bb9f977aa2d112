// Decoder for Kubernetes protobuf request bodies (`Content-Type: application/vnd.kubernetes.protobuf`).
// kubectl 1.32's typed clients (create deployment|configmap|secret|namespace|serviceaccount|service
// …, debug --copy-to) send them with no JSON fallback (kube-protocol.md §1.6; client-go
// PR kubernetes/kubernetes#125314). A hand-written wire reader (wire.ts) plus a schema table
// (schema.ts) cover the kinds Podbook serves; no .proto files or protobuf library at run time.
import { decodeMessage, readUnknown } from './decode';
import { ProtobufDecodeError } from './errors';
import { KINDS } from './schema';

export { ProtobufDecodeError } from './errors';
export { decodeMessage } from './decode';

export const PROTOBUF_CONTENT_TYPE = 'application/vnd.kubernetes.protobuf';

/** The 4-byte prefix of every Kubernetes protobuf object (apimachinery
 *  runtime/serializer/protobuf: `protoEncodingPrefix = []byte{0x6b, 0x38, 0x73, 0x00}`). */
const MAGIC = [0x6b, 0x38, 0x73, 0x00];

/** Decodes a `k8s\0` + runtime.Unknown envelope into the object exactly as the same object
 *  would arrive as JSON from kubectl (Go encoding/json of the typed struct: omitempty fields
 *  dropped, pointer fields kept when set even if zero, Time → RFC3339 string, IntOrString →
 *  number|string, Quantity → string, []byte → base64, maps as objects). apiVersion/kind from
 *  the envelope's typeMeta. */
export function decodeProtobufObject(body: Uint8Array): Record<string, unknown> {
  if (body.length < MAGIC.length || MAGIC.some((b, i) => body[i] !== b)) {
    throw new ProtobufDecodeError('protobuf: body does not start with the Kubernetes protobuf prefix "k8s\\x00"');
  }
  const env = readUnknown(body.subarray(MAGIC.length));
  if (env.contentEncoding !== '') {
    throw new ProtobufDecodeError(`protobuf: unsupported content encoding "${env.contentEncoding}"`);
  }
  if (!env.kind) throw new ProtobufDecodeError('protobuf: envelope has no kind in its typeMeta');
  const type = KINDS[`${env.apiVersion}/${env.kind}`];
  if (!type) {
    throw new ProtobufDecodeError(
      `protobuf: cannot decode kind "${env.kind}" (apiVersion "${env.apiVersion}"): no protobuf schema for it; send it as application/json`,
    );
  }
  // TypeMeta is inlined first in every Go object, kind before apiVersion.
  return { kind: env.kind, apiVersion: env.apiVersion, ...decodeMessage(type, env.raw) };
}
