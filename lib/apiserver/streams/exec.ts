// `pods/{name}/exec` and `pods/{name}/attach` upgrades: WebSocket channel protocols (kubectl
// 1.32 offers only v5; client-node 1.4 offers v5…channel.k8s.io) and kubectl's SPDY/3.1
// fallback (`KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false`, or any non-101 answer to the WebSocket).

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Cluster } from '../../cluster/cluster';
import { CLOSE_SIGNAL, ERROR, EXEC_PROTOCOLS, RESIZE, STDERR, STDIN, STDOUT, decodeChannel, negotiate, sendChannel } from './channels';
import type { ChannelProtocol } from './channels';
import { containerRunning, internalError, notRunningMessage, parseExecQuery, resolveContainer, RemoteProcess } from './process';
import type { ExecRequest, StreamStatus } from './process';
import type { SpdyStream } from './spdy';
import { acceptSpdy, isSpdyUpgrade, isWebSocketUpgrade, offeredStreamProtocols, refuse, refuseWithStatus } from './upgrade';

export interface ExecTarget {
  namespace: string;
  pod: string;
  query: URLSearchParams;
  kind: 'exec' | 'attach';
}

const execServer = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  handleProtocols: (offered) => negotiate(offered, EXEC_PROTOCOLS)?.name ?? false,
});

/** The remote-command protocols the kubelet speaks over SPDY (remotecommand SupportedStreamingProtocols). */
const SPDY_EXEC_PROTOCOLS = ['v4.channel.k8s.io', 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];

/**
 * Serves an exec/attach upgrade. The caller has authenticated the request and checked that the
 * pod exists; everything after that (container checks, the protocol, the status) happens here.
 */
export function handleExec(cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer, target: ExecTarget): void {
  const q = parseExecQuery(target.query, target);
  const resolved = resolveContainer(cluster, target.namespace, target.pod, q.container);
  if (!resolved.ok) {
    refuseWithStatus(socket, 400, 'BadRequest', resolved.message);
    return;
  }
  const request: ExecRequest = { ...q, container: resolved.container };
  if (target.kind === 'exec' && request.command.length === 0) {
    refuseWithStatus(socket, 400, 'BadRequest', 'you must specify at least 1 command');
    return;
  }
  if (!request.stdin && !request.stdout && !request.stderr) {
    refuseWithStatus(socket, 400, 'BadRequest', 'you must specify at least 1 of stdin, stdout, stderr');
    return;
  }
  if (isWebSocketUpgrade(req)) {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',');
    const proto = negotiate(offered, EXEC_PROTOCOLS);
    if (!proto) {
      refuse(socket, 400, `requested protocol(s) are not supported: [${offered.map((s) => s.trim()).join(' ')}]; supports [${EXEC_PROTOCOLS.map((p) => p.name).join(' ')}]`);
      return;
    }
    // v5 goes through kube-apiserver's StreamTranslator, which upgrades first and reports the
    // kubelet's refusal on channel 3; older protocols reach the kubelet, which refuses the upgrade
    if (proto.name !== 'v5.channel.k8s.io' && !containerRunning(cluster, request.namespace, request.pod, request.container)) {
      refuse(socket, 500, notRunningMessage(request.container));
      return;
    }
    execServer.handleUpgrade(req, socket, head, (ws) => serveWebSocket(cluster, ws, proto, request));
    return;
  }
  if (isSpdyUpgrade(req)) {
    const offered = offeredStreamProtocols(req);
    const proto = offered.find((p) => SPDY_EXEC_PROTOCOLS.includes(p));
    if (!proto) {
      refuse(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server supports ${JSON.stringify(SPDY_EXEC_PROTOCOLS)}`);
      return;
    }
    if (!containerRunning(cluster, request.namespace, request.pod, request.container)) {
      refuse(socket, 500, notRunningMessage(request.container));
      return;
    }
    serveSpdy(cluster, socket, head, proto, request);
    return;
  }
  refuseWithStatus(socket, 400, 'BadRequest', 'Upgrade request required');
}

function statusBytes(proto: { jsonStatus: boolean }, status: StreamStatus): Buffer | undefined {
  if (proto.jsonStatus) return Buffer.from(JSON.stringify(status), 'utf8');
  // v1–v3: the message as text, nothing on success (kubelet v1WriteStatusFunc)
  return status.status === 'Success' ? undefined : Buffer.from(status.message ?? '', 'utf8');
}

function serveWebSocket(cluster: Cluster, ws: WebSocket, proto: ChannelProtocol, request: ExecRequest): void {
  const writer = proto.name === 'v5.channel.k8s.io' ? 'translator' : 'kubelet';
  const proc = new RemoteProcess(
    cluster,
    request,
    {
      stdout: (b) => sendChannel(ws, proto, STDOUT, b),
      stderr: (b) => sendChannel(ws, proto, STDERR, b),
      finish: (status) => {
        const b = status && statusBytes(proto, status);
        if (b) sendChannel(ws, proto, ERROR, b);
        ws.close(1000);
      },
    },
    writer,
  );
  ws.on('message', (data: Buffer) => {
    const m = decodeChannel(proto, Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer));
    if (!m) return;
    const [channel, payload] = m;
    if (channel === STDIN) proc.stdin(payload);
    else if (channel === CLOSE_SIGNAL && proto.closeSignal && payload[0] === STDIN) proc.stdinEnd();
    // RESIZE ({"Width":…,"Height":…}): accepted; the simulated terminal has no size
    else if (channel === RESIZE) return;
  });
  ws.on('close', () => proc.clientGone());
  ws.on('error', () => proc.clientGone());
  // a container that stopped after the check (or never ran, on v5) fails with the kubelet's words
  if (!containerRunning(cluster, request.namespace, request.pod, request.container)) {
    const status = internalError(`unable to upgrade connection: ${notRunningMessage(request.container)}`, writer);
    const b = statusBytes(proto, status);
    if (b) sendChannel(ws, proto, ERROR, b);
    ws.close(1000);
    return;
  }
  proc.start();
}

/**
 * The SPDY form (kubelet remotecommand/httpstream.go): the client opens an `error` stream and one
 * stream per requested channel (`stdin`, `stdout`, `stderr`, `resize` with a TTY); the command
 * starts when all have arrived.
 */
function serveSpdy(cluster: Cluster, socket: Duplex, head: Buffer, protocol: string, request: ExecRequest): void {
  const session = acceptSpdy(socket, head, protocol);
  const jsonStatus = protocol === 'v4.channel.k8s.io';
  const expected = 1 + (request.stdin ? 1 : 0) + (request.stdout ? 1 : 0) + (request.stderr && !request.tty ? 1 : 0) + (request.tty && protocol !== 'v2.channel.k8s.io' && protocol !== 'channel.k8s.io' ? 1 : 0);
  const streams: Record<string, SpdyStream> = {};
  let received = 0;
  let started = false;
  const proc = new RemoteProcess(
    cluster,
    request,
    {
      stdout: (b) => streams.stdout?.write(b),
      stderr: (b) => streams.stderr?.write(b),
      finish: (status) => {
        streams.stdout?.end();
        streams.stderr?.end();
        const b = status && statusBytes({ jsonStatus }, status);
        if (b) streams.error?.write(b);
        streams.error?.end();
        // the kubelet closes the connection when the command is done
        setTimeout(() => session.goAway(), 50);
      },
    },
    'kubelet',
  );
  session.onStream = (s) => {
    const type = s.header('streamtype') ?? '';
    streams[type] = s;
    received++;
    if (type === 'stdin') {
      s.onData = (b) => proc.stdin(b);
      s.onEnd = () => proc.stdinEnd();
    }
    if (received >= expected && !started) {
      started = true;
      proc.start();
    }
  };
  session.onClose = () => proc.clientGone();
}
