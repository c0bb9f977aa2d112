// `pods/{name}/portforward` upgrades, three ways:
// * kubectl 1.32's default, SPDY/3.1 tunnelled in WebSocket binary messages
//   (`Sec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io`, client-go
//   tools/portforward/tunneling_dialer.go);
// * plain SPDY/3.1 (`Upgrade: SPDY/3.1`, `X-Stream-Protocol-Version: portforward.k8s.io`), what
//   kubectl does with KUBECTL_PORT_FORWARD_WEBSOCKETS=false or when the WebSocket is refused;
// * the kubelet's WebSocket protocol (`v4.channel.k8s.io`, `?ports=80`) that client-node uses:
//   channels 2i (data) and 2i+1 (error) for the i-th port, each starting with the port number
//   as uint16 little-endian (kubelet cri/streaming/portforward/websocket.go).
// Over SPDY each local connection is a pair of client streams, `error` and `data`, sharing a
// `requestid` (kubelet portforward/httpstream.go); the kubelet connects to the port when the
// pair is complete, and on failure writes its message on the error stream and closes both.

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import type { Cluster } from '../../cluster/cluster';
import { PORTFORWARD_WS_PROTOCOLS, decodeChannel, negotiate, sendChannel } from './channels';
import type { ChannelProtocol } from './channels';
import { PodHttpConnection, podListens } from './http1';
import { SpdySession } from './spdy';
import type { SpdyStream } from './spdy';
import { acceptSpdy, isSpdyUpgrade, isWebSocketUpgrade, offeredStreamProtocols, refuse, refuseWithStatus } from './upgrade';

export interface PortForwardTarget {
  namespace: string;
  pod: string;
  query: URLSearchParams;
}

const PORTFORWARD_V1 = 'portforward.k8s.io';
const TUNNEL_PROTOCOL = 'SPDY/3.1+portforward.k8s.io';

const tunnelServer = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  handleProtocols: (offered) => (offered.has(TUNNEL_PROTOCOL) ? TUNNEL_PROTOCOL : false),
});

const channelServer = new WebSocketServer({
  noServer: true,
  perMessageDeflate: false,
  handleProtocols: (offered) => negotiate(offered, PORTFORWARD_WS_PROTOCOLS)?.name ?? false,
});

let socatPid = 4120;

/**
 * The kubelet's message when nothing listens on the port: `error forwarding port P to pod
 * <sandbox id>, uid : <runtime error>` (portforward/httpstream.go; the CRI streaming server
 * passes the sandbox id as the pod and no uid). The runtime error is cri-dockerd's failed socat
 * (`exit status 1: <date> socat[pid] E connect(…): Connection refused` plus socat's newline) or
 * containerd's dial error in the sandbox's network namespace.
 */
export function connectionRefusedMessage(cluster: Cluster, namespace: string, pod: string, port: number): string {
  const rt = cluster.kubelet.runtime;
  const c = rt.podContainer(namespace, pod);
  const sandbox = c?.sandboxId ?? pod;
  let cause: string;
  if (rt.kind === 'docker') {
    const d = new Date(rt.now());
    const p2 = (n: number) => String(n).padStart(2, '0');
    const when = `${d.getUTCFullYear()}/${p2(d.getUTCMonth() + 1)}/${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
    cause = `exit status 1: ${when} socat[${socatPid++}] E connect(5, AF=2 127.0.0.1:${port}, 16): Connection refused\n`;
  } else {
    const netns = `/var/run/netns/cni-${uuidFrom(sandbox)}`;
    cause =
      `failed to execute portforward in network namespace ${JSON.stringify(netns)}: failed to connect to localhost:${port} inside namespace ${JSON.stringify(sandbox)}, ` +
      `IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
  }
  return `error forwarding port ${port} to pod ${sandbox}, uid : ${cause}`;
}

/** A stable UUID-shaped name for the sandbox's CNI network namespace. */
function uuidFrom(seed: string): string {
  let hex = '';
  for (let round = 0; hex.length < 32; round++) {
    let h = (0x811c9dc5 ^ round) >>> 0;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    hex += h.toString(16).padStart(8, '0');
  }
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Serves a port-forward upgrade; the caller has authenticated it and checked the pod exists. */
export function handlePortForward(cluster: Cluster, req: IncomingMessage, socket: Duplex, head: Buffer, target: PortForwardTarget): void {
  if (isWebSocketUpgrade(req)) {
    const offered = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
    if (offered.includes(TUNNEL_PROTOCOL)) {
      tunnelServer.handleUpgrade(req, socket, head, (ws) => serveTunnel(cluster, ws, target));
      return;
    }
    const proto = negotiate(offered.filter(Boolean), PORTFORWARD_WS_PROTOCOLS);
    if (!proto) {
      refuse(socket, 400, `requested protocol(s) are not supported: [${offered.join(' ')}]; supports [${PORTFORWARD_WS_PROTOCOLS.map((p) => p.name).join(' ')}]`);
      return;
    }
    const ports: number[] = [];
    for (const v of target.query.getAll('ports').flatMap((s) => s.split(','))) {
      const n = Number(v.trim());
      if (!Number.isInteger(n) || n < 1 || n > 65535) {
        refuseWithStatus(socket, 400, 'BadRequest', `unable to parse "${v}" as a port: invalid port`);
        return;
      }
      ports.push(n);
    }
    if (ports.length === 0) {
      refuseWithStatus(socket, 400, 'BadRequest', 'query parameter "port" is required');
      return;
    }
    channelServer.handleUpgrade(req, socket, head, (ws) => serveChannels(cluster, ws, proto, target, ports));
    return;
  }
  if (isSpdyUpgrade(req)) {
    const offered = offeredStreamProtocols(req);
    if (!offered.includes(PORTFORWARD_V1)) {
      refuse(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports ${JSON.stringify(offered)}, server supports ${JSON.stringify([PORTFORWARD_V1])}`);
      return;
    }
    serveSpdy(cluster, acceptSpdy(socket, head, PORTFORWARD_V1), target);
    return;
  }
  refuseWithStatus(socket, 400, 'BadRequest', 'Upgrade request required');
}

/** The SPDY session carried in WebSocket binary messages, as one byte stream each way. */
function serveTunnel(cluster: Cluster, ws: WebSocket, target: PortForwardTarget): void {
  const session = new SpdySession({
    write: (b) => {
      if (ws.readyState === ws.OPEN) ws.send(b, { binary: true });
    },
    close: () => ws.close(1000),
  });
  ws.on('message', (data: Buffer) => session.receive(Buffer.isBuffer(data) ? data : Buffer.from(data as ArrayBuffer)));
  ws.on('close', () => session.transportClosed());
  ws.on('error', () => session.transportClosed());
  serveSpdy(cluster, session, target);
}

function serveSpdy(cluster: Cluster, session: SpdySession, target: PortForwardTarget): void {
  const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream; early: Buffer[]; earlyEnd: boolean }>();
  session.onStream = (s) => {
    const type = s.header('streamtype');
    const requestId = s.header('requestid') ?? String(s.id);
    if (type !== 'error' && type !== 'data') {
      session.resetStream(s);
      return;
    }
    const pair = pairs.get(requestId) ?? { early: [], earlyEnd: false };
    pair[type] = s;
    pairs.set(requestId, pair);
    // data that arrives before the pair is complete is held for the connection
    if (type === 'data') {
      s.onData = (b) => pair.early.push(b);
      s.onEnd = () => void (pair.earlyEnd = true);
    }
    if (pair.error && pair.data) {
      pairs.delete(requestId);
      forward(cluster, target, pair.error, pair.data, pair.early, pair.earlyEnd);
    }
  };
}

/** One forwarded connection over a complete (error, data) stream pair. */
function forward(cluster: Cluster, target: PortForwardTarget, error: SpdyStream, data: SpdyStream, early: Buffer[], earlyEnd: boolean): void {
  const port = Number(data.header('port') ?? error.header('port'));
  const closeBoth = () => {
    data.end();
    error.end();
  };
  if (!Number.isInteger(port) || port < 1 || port > 65535 || !podListens(cluster, target.namespace, target.pod, port)) {
    const msg = Number.isInteger(port) && port > 0 ? connectionRefusedMessage(cluster, target.namespace, target.pod, port) : `invalid port ${JSON.stringify(data.header('port') ?? '')}`;
    error.write(msg);
    closeBoth();
    return;
  }
  const conn = new PodHttpConnection(cluster, target.namespace, target.pod, port, (b) => data.write(b), closeBoth);
  data.onData = (b) => conn.receive(b);
  // the client half-closed: the server finishes and closes its side too
  data.onEnd = closeBoth;
  data.onReset = () => error.end();
  for (const b of early) conn.receive(b);
  if (earlyEnd) closeBoth();
}

/** client-node's WebSocket port-forward: one connection per requested port, opened at once. */
function serveChannels(cluster: Cluster, ws: WebSocket, proto: ChannelProtocol, target: PortForwardTarget, ports: number[]): void {
  const conns: (PodHttpConnection | undefined)[] = [];
  let open = ports.length;
  const done = () => {
    if (--open === 0) ws.close(1000);
  };
  ports.forEach((port, i) => {
    const prefix = Buffer.alloc(2);
    prefix.writeUInt16LE(port);
    sendChannel(ws, proto, 2 * i, prefix);
    sendChannel(ws, proto, 2 * i + 1, prefix);
    if (!podListens(cluster, target.namespace, target.pod, port)) {
      sendChannel(ws, proto, 2 * i + 1, Buffer.from(connectionRefusedMessage(cluster, target.namespace, target.pod, port), 'utf8'));
      done();
      return;
    }
    conns[i] = new PodHttpConnection(cluster, target.namespace, target.pod, port, (b) => sendChannel(ws, proto, 2 * i, b), () => {
      conns[i] = undefined;
      done();
    });
  });
  ws.on('message', (raw: Buffer) => {
    const m = decodeChannel(proto, Buffer.isBuffer(raw) ? raw : Buffer.from(raw as ArrayBuffer));
    if (!m) return;
    const [channel, payload] = m;
    if (channel % 2 === 0) conns[channel / 2]?.receive(payload);
  });
}
