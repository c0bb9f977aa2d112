// Streaming subresources of pods for lib/apiserver: exec, attach and port-forward upgrades.
// The HTTP server calls these from `server.on('upgrade', …)` after authentication and after
// checking that the pod exists.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Cluster } from '../../cluster/cluster';
import { handleExec } from './exec';
import { handlePortForward } from './portforward';

export { handleExec } from './exec';
export type { ExecTarget } from './exec';
export { handlePortForward, connectionRefusedMessage } from './portforward';
export type { PortForwardTarget } from './portforward';

/**
 * The `stream` hook of lib/apiserver's ApiServerHooks (`stream: handleStream`): one entry point
 * for the three subresources, dispatching on `target.kind`.
 */
export function handleStream(
  cluster: Cluster,
  req: IncomingMessage,
  socket: Duplex,
  head: Buffer,
  target: { namespace: string; pod: string; query: URLSearchParams; kind: 'exec' | 'attach' | 'portforward' },
): void {
  if (target.kind === 'portforward') handlePortForward(cluster, req, socket, head, target);
  else handleExec(cluster, req, socket, head, { ...target, kind: target.kind });
}
