// The referee: the real kubectl 1.32 binary against the streams harness. Each test is a command
// a learner runs; it passes only if the unmodified client accepts our protocol and prints what
// it prints against a real cluster.

import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { Agent } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { realKubectl } from './harness';
import { cleanEnv, runPod, startFixture, waitForOutput } from './fixture';
import type { Fixture } from './fixture';

let f: Fixture;

beforeAll(async () => {
  f = await startFixture({
    // a pod whose image cannot be pulled: its container never runs
    setup: (c) => void runPod(c, 'broken', 'nginx:no-such-tag'),
  });
}, 60_000);

afterAll(async () => {
  await f?.close();
});

const SPDY_EXEC = { KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };

function get(port: number, path: string, agent?: Agent): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('kubectl exec over WebSocket v5 (kubectl 1.32 default)', () => {
  it('kubectl exec web -- hostname prints the pod name and exits 0', async () => {
    const r = await f.kubectl(['exec', 'web', '--', 'hostname']);
    expect({ out: r.stdout.toString(), err: r.stderr, code: r.code }).toEqual({ out: 'web\n', err: '', code: 0 });
  });

  it('a non-zero exit reaches kubectl as its own exit code with the message on stderr', async () => {
    const r = await f.kubectl(['exec', 'web', '--', 'sh', '-c', 'echo out; echo oops >&2; exit 3']);
    expect(r.code).toBe(3);
    expect(r.stdout.toString()).toBe('out\n');
    expect(r.stderr).toBe('oops\ncommand terminated with exit code 3\n');
  });

  it('kubectl exec -i copies stdin to the process until the client closes it', async () => {
    const r = await f.kubectl(['exec', '-i', 'web', '--', 'cat'], { stdin: 'hello\n안녕하세요\n' });
    expect(r.code).toBe(0);
    expect(r.stdout.toString('utf8')).toBe('hello\n안녕하세요\n');
  });

  it('a container that is not running fails the way the apiserver stream translator reports it', async () => {
    const r = await f.kubectl(['exec', 'broken', '--', 'hostname']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: Internal error occurred: unable to upgrade connection: container not found ("broken")\n');
  });
});

describe('kubectl exec over SPDY/3.1 (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false)', () => {
  it('prints stdout and exits 0', async () => {
    const r = await f.kubectl(['exec', 'web', '--', 'hostname'], { env: SPDY_EXEC });
    expect({ out: r.stdout.toString(), err: r.stderr, code: r.code }).toEqual({ out: 'web\n', err: '', code: 0 });
    expect(f.harness.requests).toContain('POST /api/v1/namespaces/default/pods/web/exec?command=hostname&container=web&stderr=true&stdout=true upgrade=SPDY/3.1');
  });

  it('carries stderr and the exit code on their own streams', async () => {
    const r = await f.kubectl(['exec', 'web', '--', 'sh', '-c', 'echo oops >&2; exit 3'], { env: SPDY_EXEC });
    expect(r.code).toBe(3);
    expect(r.stderr).toBe('oops\ncommand terminated with exit code 3\n');
  });

  it('ends stdin when the client half-closes its stdin stream', async () => {
    const r = await f.kubectl(['exec', '-i', 'web', '--', 'wc', '-c'], { stdin: 'twelve bytes', env: SPDY_EXEC });
    expect(r.code).toBe(0);
    expect(r.stdout.toString().trim()).toBe('12');
  });

  it('a container that is not running refuses the upgrade with the kubelet message', async () => {
    const r = await f.kubectl(['exec', 'broken', '--', 'hostname'], { env: SPDY_EXEC });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('error: unable to upgrade connection: container not found ("broken")\n');
  });
});

describe('kubectl cp (exec of tar, binary-safe)', () => {
  it('copies a file out of the pod byte for byte', async () => {
    const r = await f.kubectl(['cp', 'web:/usr/share/nginx/html/index.html', './index.html']);
    expect(r.code).toBe(0);
    const want = f.cluster.kubelet.runtime.readFile('default', 'web', 'web', '/usr/share/nginx/html/index.html');
    expect(readFileSync(join(f.dir, 'index.html'), 'utf8')).toBe(want);
  });

  it('copies a local file into the pod, non-ASCII content intact', async () => {
    writeFileSync(join(f.dir, 'note.txt'), '쿠버네티스 cp 테스트\nline 2\n');
    const r = await f.kubectl(['cp', './note.txt', 'web:/tmp/note.txt']);
    expect(r.code).toBe(0);
    expect(f.cluster.kubelet.runtime.readFile('default', 'web', 'web', '/tmp/note.txt')).toBe('쿠버네티스 cp 테스트\nline 2\n');
  });

  it('copies a directory out of the pod with every file in it', async () => {
    const r = await f.kubectl(['cp', 'web:/usr/share/nginx/html', './html']);
    expect(r.code).toBe(0);
    expect(readFileSync(join(f.dir, 'html', '50x.html'), 'utf8')).toBe(f.cluster.kubelet.runtime.readFile('default', 'web', 'web', '/usr/share/nginx/html/50x.html'));
  });
});

describe('kubectl port-forward', () => {
  async function forwardAndGet(env: Record<string, string>): Promise<{ bodies: string[]; log: string }> {
    const child = f.spawnKubectl(['port-forward', 'pod/web', ':80'], env);
    try {
      const m = await waitForOutput(child, /Forwarding from 127\.0\.0\.1:(\d+) -> 80\n/);
      const port = Number(m[1]);
      // two requests on one kept-alive connection, then a second connection
      const agent = new Agent({ keepAlive: true, maxSockets: 1 });
      const a = await get(port, '/', agent);
      const b = await get(port, '/missing', agent);
      agent.destroy();
      const c = await get(port, '/');
      expect(a.status).toBe(200);
      expect(a.headers['server']).toBe('nginx/1.27.4');
      expect(b.status).toBe(404);
      expect(c.status).toBe(200);
      return { bodies: [a.body, b.body, c.body], log: m.input };
    } finally {
      child.kill();
    }
  }

  it('SPDY tunnelled in WebSocket (the 1.32 default) serves the pod page, keep-alive included', async () => {
    const { bodies } = await forwardAndGet({});
    const page = f.cluster.kubelet.runtime.readFile('default', 'web', 'web', '/usr/share/nginx/html/index.html');
    expect(bodies[0]).toBe(page);
    expect(bodies[1]).toContain('<title>404 Not Found</title>');
    expect(bodies[2]).toBe(page);
    expect(f.harness.requests.some((r) => r.startsWith('GET /api/v1/namespaces/default/pods/web/portforward upgrade=websocket'))).toBe(true);
  });

  it('direct SPDY/3.1 (KUBECTL_PORT_FORWARD_WEBSOCKETS=false) serves the same page', async () => {
    const { bodies } = await forwardAndGet({ KUBECTL_PORT_FORWARD_WEBSOCKETS: 'false' });
    expect(bodies[0]).toBe(f.cluster.kubelet.runtime.readFile('default', 'web', 'web', '/usr/share/nginx/html/index.html'));
    expect(f.harness.requests.some((r) => r.startsWith('POST /api/v1/namespaces/default/pods/web/portforward upgrade=SPDY/3.1'))).toBe(true);
  });

  it('a port nothing listens on gets the kubelet error (cri-dockerd socat) and kubectl gives up', async () => {
    const child = f.spawnKubectl(['port-forward', 'pod/web', ':81']);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const m = await waitForOutput(child, /Forwarding from 127\.0\.0\.1:(\d+) -> 81\n/);
    const port = Number(m[1]);
    await expect(get(port, '/')).rejects.toThrow();
    const code = await exited;
    const sandbox = f.cluster.kubelet.runtime.podContainer('default', 'web')!.sandboxId;
    expect(stderr).toMatch(
      new RegExp(
        `an error occurred forwarding ${port} -> 81: error forwarding port 81 to pod ${sandbox}, uid : exit status 1: \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d socat\\[\\d+\\] E connect\\(5, AF=2 127\\.0\\.0\\.1:81, 16\\): Connection refused`,
      ),
    );
    expect(stderr).toContain('error: lost connection to pod');
    expect(code).toBe(1);
  });
});

/** kubectl needs a real terminal for -t; a python pty drives it, as a person at a keyboard would. */
function typeIntoKubectl(args: string[], lines: string[], env: Record<string, string> = {}): Promise<string> {
  const script = [
    'import os, pty, sys, time, select, json',
    'lines = json.loads(sys.argv[1])',
    'pid, fd = pty.fork()',
    'if pid == 0:',
    '    os.execv(sys.argv[2], sys.argv[2:])',
    'out = b""',
    'def pump(t):',
    '    global out',
    '    end = time.time() + t',
    '    while time.time() < end:',
    '        r, _, _ = select.select([fd], [], [], 0.05)',
    '        if r:',
    '            try: d = os.read(fd, 4096)',
    '            except OSError: return',
    '            if not d: return',
    '            out += d',
    'pump(1.5)',
    'for line in lines:',
    '    os.write(fd, line.encode()); pump(0.7)',
    'pump(1)',
    '_, st = os.waitpid(pid, 0)',
    'sys.stdout.write(out.decode() + "|exit=%d" % os.waitstatus_to_exitcode(st))',
  ].join('\n');
  return new Promise<string>((resolve, reject) => {
    const child = spawn('python3', ['-c', script, JSON.stringify(lines), realKubectl(), '--kubeconfig', f.kubeconfig, '--cache-dir', join(f.dir, 'cache'), ...args], { env: cleanEnv(f.dir, env) });
    let s = '';
    child.stdout.on('data', (d: Buffer) => (s += d.toString()));
    child.on('error', reject);
    child.on('close', () => resolve(s));
  });
}

describe('kubectl exec -it … -- sh on a terminal', () => {
  for (const [how, env] of [
    ['WebSocket v5', {}],
    ['SPDY with a resize stream', SPDY_EXEC],
  ] as const) {
    it(`echoes, prompts, runs lines and ends with the exit status (${how})`, async () => {
      const out = await typeIntoKubectl(['exec', '-it', 'web', '--', 'sh'], ['echo hi $HOSTNAME\r', 'cd /tmp\r', 'exit 4\r'], env);
      expect(out).toBe('/ # echo hi $HOSTNAME\r\nhi web\r\n/ # cd /tmp\r\n/tmp # exit 4\r\ncommand terminated with exit code 4\r\n|exit=4');
    });
  }
});
