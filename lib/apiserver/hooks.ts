// The server's pluggable parts, assembled: protobuf bodies, OpenAPI, strict field validation and
// the exec/attach/port-forward streams. Kept apart from server.ts so each can be tested alone.

import { openApiDocument, openApiRoot, strictDecodingErrors, unknownFields } from './openapi';
import { decodeProtobufObject } from './protobuf';
import { handleStream } from './streams';
import type { ApiServerHooks } from './server';

export function defaultHooks(): ApiServerHooks {
  return {
    decodeProtobuf: decodeProtobufObject,
    stream: handleStream,
    openapi: { root: openApiRoot, document: openApiDocument },
    fieldErrors: (apiVersion, kind, obj, rawJson) =>
      rawJson !== undefined ? strictDecodingErrors(apiVersion, kind, rawJson) : unknownFields(apiVersion, kind, obj).map((f) => `unknown field "${f}"`),
  };
}
