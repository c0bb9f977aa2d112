// The Kubernetes WebSocket channel protocols (apimachinery `util/httpstream/wsstream`): every
// binary message is `[channel byte][payload]`. Channels for remote commands: 0 stdin, 1 stdout,
// 2 stderr, 3 error/status, 4 resize. `v5.channel.k8s.io` adds the CLOSE signal `[255, channel]`
// (client-go tools/remotecommand/websocket.go); v4 carries a JSON metav1.Status on channel 3;
// v1–v3 (`channel.k8s.io`, `v2.`, `v3.`) carry a plain-text error message there instead.
// The `base64.channel.k8s.io` variants send text messages `'<digit>' + base64(payload)`.

import { WebSocket } from 'ws';

export const STDIN = 0;
export const STDOUT = 1;
export const STDERR = 2;
export const ERROR = 3;
export const RESIZE = 4;
export const CLOSE_SIGNAL = 255;

export interface ChannelProtocol {
  name: string;
  /** channel 3 carries a JSON Status (v4, v5); otherwise plain text */
  jsonStatus: boolean;
  /** `[255, channel]` half-closes a channel (v5) */
  closeSignal: boolean;
  base64: boolean;
}

/** Remote-command protocols in the kubelet's/apiserver's order of preference. */
export const EXEC_PROTOCOLS: readonly ChannelProtocol[] = [
  { name: 'v5.channel.k8s.io', jsonStatus: true, closeSignal: true, base64: false },
  { name: 'v4.channel.k8s.io', jsonStatus: true, closeSignal: false, base64: false },
  { name: 'v4.base64.channel.k8s.io', jsonStatus: true, closeSignal: false, base64: true },
  { name: 'v3.channel.k8s.io', jsonStatus: false, closeSignal: false, base64: false },
  { name: 'v2.channel.k8s.io', jsonStatus: false, closeSignal: false, base64: false },
  { name: 'channel.k8s.io', jsonStatus: false, closeSignal: false, base64: false },
  { name: 'base64.channel.k8s.io', jsonStatus: false, closeSignal: false, base64: true },
];

/**
 * The kubelet's WebSocket port-forward protocols (pkg/kubelet/cri/streaming/portforward/
 * websocket.go): v4 binary or base64, and the unversioned ones.
 */
export const PORTFORWARD_WS_PROTOCOLS: readonly ChannelProtocol[] = [
  { name: 'v4.channel.k8s.io', jsonStatus: false, closeSignal: false, base64: false },
  { name: 'v4.base64.channel.k8s.io', jsonStatus: false, closeSignal: false, base64: true },
  { name: 'channel.k8s.io', jsonStatus: false, closeSignal: false, base64: false },
  { name: 'base64.channel.k8s.io', jsonStatus: false, closeSignal: false, base64: true },
];

/**
 * wsstream's handshake: the first protocol the client offers that we support; a client that
 * offers none gets the unversioned `channel.k8s.io`. undefined: nothing acceptable.
 */
export function negotiate(offered: Iterable<string>, supported: readonly ChannelProtocol[]): ChannelProtocol | undefined {
  const list = [...offered].map((p) => p.trim()).filter(Boolean);
  if (list.length === 0) return supported.find((p) => p.name === 'channel.k8s.io');
  for (const name of list) {
    const hit = supported.find((p) => p.name === name);
    if (hit) return hit;
  }
  return undefined;
}

/** Sends one channel message in the negotiated framing. */
export function sendChannel(ws: WebSocket, proto: ChannelProtocol, channel: number, payload: Buffer): void {
  if (ws.readyState !== WebSocket.OPEN) return;
  if (proto.base64) ws.send(String.fromCharCode(48 + channel) + payload.toString('base64'));
  else ws.send(Buffer.concat([Buffer.from([channel]), payload]), { binary: true });
}

/** Decodes one incoming message: [channel, payload], or undefined for an empty one. */
export function decodeChannel(proto: ChannelProtocol, data: Buffer): [number, Buffer] | undefined {
  if (data.length === 0) return undefined;
  if (proto.base64) {
    const s = data.toString('latin1');
    return [s.charCodeAt(0) - 48, Buffer.from(s.slice(1), 'base64')];
  }
  return [data[0], data.subarray(1)];
}
