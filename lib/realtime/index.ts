// The web server's live services, wired once per process: the kernel registry (lib/runtime) and
// the hub that streams each kernel's events and cluster views. Route handlers call
// `getServices()` and pass the result to the endpoint functions of ./http.

import { getRegistry } from '../runtime/registry';
import { KernelHub } from './hub';
import type { Services } from './http';

export { KernelHub, emptyView } from './hub';
export type { HubMessage, HubOptions } from './hub';
export * from './http';
export { sseMessage, sseStream, ndjsonStream } from './sse';

const GLOBAL_KEY = Symbol.for('podbook.realtimeServices');

/** The registry and hub of this server process (kept on globalThis across dev-server reloads). */
export function getServices(): Promise<Services> {
  const g = globalThis as unknown as Record<symbol, Promise<Services> | undefined>;
  g[GLOBAL_KEY] ??= getRegistry().then((registry) => {
    const hub = new KernelHub();
    // a closed or expired kernel ends its subscribers' streams
    registry.onEvent((e) => {
      if (e.type === 'closed') hub.closed(e.id, e.reason);
    });
    return { registry, hub };
  });
  return g[GLOBAL_KEY];
}
