/** Thrown for any body that is not a Kubernetes protobuf object this decoder understands: bad
 *  magic, truncated or malformed wire data, or a kind missing from the schema table. The API
 *  server turns it into a 415/400 Status, so messages are meant to be read by people. */
export class ProtobufDecodeError extends Error {
  override name = 'ProtobufDecodeError';
}
