// @kubernetes/client-node 1.4 against the streams harness (kube-protocol §1.11): its Exec and
// PortForward classes, unmodified, plus raw WebSocket clients for the older channel protocols and
// the interactive terminal, which client-node does not drive.

import { PassThrough, Writable } from 'node:stream';
import { Exec, KubeConfig, PortForward } from '@kubernetes/client-node';
import type { V1Status } from '@kubernetes/client-node';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCluster } from '../../cluster/cluster';
import type { Pod } from '../../k8s/types';
import { startHarness } from './harness';
import type { Harness } from './harness';
import { runPod } from './fixture';
import { connectionRefusedMessage } from './portforward';

let harness: Harness;
let kc: KubeConfig;
const cluster = createCluster({ runtime: 'containerd' });

beforeAll(async () => {
  runPod(cluster, 'web', 'nginx:1.27.4-alpine');
  runPod(cluster, 'box', 'busybox', { containers: [{ name: 'box', image: 'busybox', command: ['sleep', '3600'], resources: {} }] } as Partial<Pod['spec']>);
  runPod(cluster, 'shell', 'busybox', { containers: [{ name: 'shell', image: 'busybox', command: ['sh'], stdin: true, tty: true, resources: {} }] } as Partial<Pod['spec']>);
  const ready = (n: string) => cluster.store.get<Pod>('pods', 'default', n).status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
  cluster.runUntil(() => ready('web') && ready('box') && ready('shell'), 5 * 60_000);
  cluster.advance(2000);
  harness = await startHarness(cluster);
  kc = new KubeConfig();
  kc.loadFromString(harness.kubeconfig({ skipTLSVerify: true }));
});

afterAll(async () => {
  await harness?.close();
});

function sink(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(Buffer.from(chunk));
      cb();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

function execWith(cmd: string[], stdin?: string, tty = false): Promise<{ out: string; err: string; status: V1Status }> {
  const out = sink();
  const err = sink();
  const input = stdin === undefined ? null : new PassThrough();
  return new Promise((resolve, reject) => {
    new Exec(kc)
      .exec('default', 'web', 'web', cmd, out.stream, err.stream, input, tty, (status) => {
        // the status arrives before the socket closes; let the last writes land
        setTimeout(() => resolve({ out: out.text(), err: err.text(), status }), 20);
      })
      .then(() => {
        if (input) input.end(stdin);
      })
      .catch(reject);
  });
}

describe('client-node Exec', () => {
  it('runs a command and reports Success', async () => {
    const r = await execWith(['hostname']);
    expect(r.out).toBe('web\n');
    expect(r.status).toEqual({ metadata: {}, status: 'Success' });
  });

  it('reports a non-zero exit as the NonZeroExitCode status with the ExitCode cause', async () => {
    const r = await execWith(['sh', '-c', 'echo bad >&2; exit 2']);
    expect(r.err).toBe('bad\n');
    expect(r.status).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 2',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '2' }] },
    });
  });

  it('feeds stdin and ends it with the v5 close signal', async () => {
    const r = await execWith(['cat'], 'from client-node\n');
    expect(r.out).toBe('from client-node\n');
    expect(r.status.status).toBe('Success');
  });
});

describe('exec failures from the container runtime (containerd)', () => {
  it('a missing program is containerd’s InternalError, wrapped again by the v5 stream translator', async () => {
    const r = await execWith(['nosuchprog']);
    expect(r.status.reason).toBe('InternalError');
    expect(r.status.code).toBe(500);
    expect(r.status.message).toMatch(
      /^Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "nosuchprog": executable file not found in \$PATH: unknown$/,
    );
  });
});

describe('client-node PortForward (WebSocket v4.channel.k8s.io)', () => {
  it('forwards an HTTP request to the pod and strips the port prefix of each channel', async () => {
    const out = sink();
    const err = sink();
    const input = new PassThrough();
    const ws = (await new PortForward(kc).portForward('default', 'web', [80], out.stream, err.stream, input)) as WebSocket;
    expect(ws.protocol).toBe('v4.channel.k8s.io');
    input.write('GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\n\r\n');
    const page = cluster.kubelet.runtime.readFile('default', 'web', 'web', '/usr/share/nginx/html/index.html');
    for (let i = 0; i < 100 && !out.text().endsWith(page); i++) await new Promise((r) => setTimeout(r, 20));
    input.end();
    expect(out.text()).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.4\r\n/);
    expect(out.text().endsWith(`\r\n\r\n${page}`)).toBe(true);
    expect(err.text()).toBe('');
  });

  it('a port nothing listens on gets containerd’s dial error on the error channel', async () => {
    const out = sink();
    const err = sink();
    const ws = (await new PortForward(kc).portForward('default', 'web', [81], out.stream, err.stream, new PassThrough())) as WebSocket;
    await new Promise((r) => ws.once('close', r));
    const sandbox = cluster.kubelet.runtime.podContainer('default', 'web')!.sandboxId;
    expect(err.text()).toMatch(
      new RegExp(
        `^error forwarding port 81 to pod ${sandbox}, uid : failed to execute portforward in network namespace "/var/run/netns/cni-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}": ` +
          `failed to connect to localhost:81 inside namespace "${sandbox}", IPv4: dial tcp4 127\\.0\\.0\\.1:81: connect: connection refused IPv6 dial tcp6 \\[::1\\]:81: connect: connection refused $`,
      ),
    );
    expect(err.text()).toBe(connectionRefusedMessage(cluster, 'default', 'web', 81));
  });
});

/** A raw channel client: collects every message, resolves when the server closes. */
function rawExec(protocols: string[], query: string, send: (ws: WebSocket) => void, pod = 'web', sub = 'exec'): Promise<{ protocol: string; messages: Buffer[] }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${harness.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/${pod}/${sub}?${query}`, protocols);
    const messages: Buffer[] = [];
    ws.on('open', () => send(ws));
    ws.on('message', (d: Buffer) => messages.push(Buffer.from(d)));
    ws.on('close', () => resolve({ protocol: ws.protocol, messages }));
    ws.on('error', reject);
  });
}

const channel = (messages: Buffer[], ch: number) =>
  Buffer.concat(messages.filter((m) => m[0] === ch).map((m) => m.subarray(1))).toString('utf8');

describe('older WebSocket channel protocols', () => {
  it('v4 (no close signal) runs a command without stdin at once and writes the kubelet status', async () => {
    const r = await rawExec(['v4.channel.k8s.io'], 'command=sh&command=-c&command=exit%205&stdout=true&stderr=true', () => {});
    expect(r.protocol).toBe('v4.channel.k8s.io');
    expect(JSON.parse(channel(r.messages, 3))).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: error executing command [sh -c exit 5], exit code 5',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '5' }] },
    });
  });

  it('channel.k8s.io (v1) writes the failure as plain text and nothing on success', async () => {
    const fail = await rawExec(['channel.k8s.io'], 'command=false&stdout=true', () => {});
    expect(fail.protocol).toBe('channel.k8s.io');
    expect(channel(fail.messages, 3)).toBe('command terminated with non-zero exit code: error executing command [false], exit code 1');
    const ok = await rawExec(['channel.k8s.io'], 'command=true&stdout=true', () => {});
    expect(ok.messages.filter((m) => m[0] === 3)).toEqual([]);
  });

  it('base64.channel.k8s.io sends text frames of a channel digit and base64', async () => {
    const r = await rawExec(['base64.channel.k8s.io'], 'command=echo&command=b64&stdout=true', () => {});
    expect(r.protocol).toBe('base64.channel.k8s.io');
    expect(r.messages.map((m) => m.toString())).toEqual([`1${Buffer.from('b64\n').toString('base64')}`]);
  });

  it('v4 refuses the upgrade itself when the container is not running, as the kubelet does', async () => {
    cluster.kubelet.runtime.podContainer('default', 'box')!.state = 'exited';
    try {
      await expect(rawExec(['v4.channel.k8s.io'], 'command=true&stdout=true', () => {}, 'box')).rejects.toThrow('Unexpected server response: 500');
    } finally {
      cluster.kubelet.runtime.podContainer('default', 'box')!.state = 'running';
    }
  });
});

describe('interactive terminal over v5', () => {
  it('echoes keystrokes, handles backspace, ignores resize, and ends with the shell’s status', async () => {
    const r = await rawExec(['v5.channel.k8s.io'], 'command=sh&stdin=true&stdout=true&tty=true', (ws) => {
      ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":80,"Height":24}')]));
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('echo hellx\x7fo\r')]));
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('exit\r')]));
    });
    expect(channel(r.messages, 1)).toBe('/ # echo hellx\b \bo\r\nhello\r\n/ # exit\r\n');
    expect(JSON.parse(channel(r.messages, 3))).toEqual({ metadata: {}, status: 'Success' });
  });

  it('Ctrl-D on an empty line ends the shell like end of input', async () => {
    const r = await rawExec(['v5.channel.k8s.io'], 'command=sh&stdin=true&stdout=true&tty=true', (ws) => {
      ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('false\r\x04')]));
    });
    expect(channel(r.messages, 1)).toBe('/ # false\r\n/ # \r\n');
    expect(JSON.parse(channel(r.messages, 3)).details).toEqual({ causes: [{ reason: 'ExitCode', message: '1' }] });
  });
});

describe('attach', () => {
  it('attaches to a shell started with stdin and a TTY (kubectl run -it … -- sh), prompting after Enter', async () => {
    const r = await rawExec(
      ['v5.channel.k8s.io'],
      'container=shell&stdin=true&stdout=true&tty=true',
      (ws) => {
        ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('\r')]));
        ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('hostname\r')]));
        ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('exit\r')]));
      },
      'shell',
      'attach',
    );
    expect(channel(r.messages, 1)).toBe('\r\n/ # hostname\r\nshell\r\n/ # exit\r\n');
    expect(JSON.parse(channel(r.messages, 3))).toEqual({ metadata: {}, status: 'Success' });
  });
});
