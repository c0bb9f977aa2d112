// The exec interpreter: what commands print inside each image, the interactive shell's prompts,
// the runtime's errors, and tar streams kubectl cp can read.
import { describe, expect, it } from 'vitest';
import { createCluster } from '../cluster';
import type { Cluster } from '../cluster';
import type { KubeObject } from '../../k8s/types';
import { ContainerShellSession, ExecError, execInContainer, makeTar, parseTar } from './exec';
import { HELLO_KIAMOL_HTML } from './pages';

function podWith(cluster: Cluster, name: string, containers: { name: string; image: string; command?: string[]; args?: string[] }[]) {
  cluster.store.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { containers } } as KubeObject);
  cluster.runUntil(
    () =>
      cluster.store.find<KubeObject & { status?: { conditions?: { type: string; status: string }[] } }>('pods', 'default', name)?.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    120_000,
  );
  cluster.advance(1000);
}

function setup(runtime: 'docker' | 'containerd' = 'docker') {
  const cluster = createCluster({ seed: 1, runtime });
  podWith(cluster, 'web', [{ name: 'web', image: 'kiamol/ch02-hello-kiamol' }]);
  podWith(cluster, 'side', [
    { name: 'nginx', image: 'nginx' },
    { name: 'ubuntu', image: 'ubuntu', command: ['sleep', 'infinity'] },
    { name: 'curl', image: 'alicek106/rr-test:curl', command: ['tail'], args: ['-f', '/dev/null'] },
  ]);
  const rt = cluster.kubelet.runtime;
  const ex = (pod: string, container: string, ...argv: string[]) => execInContainer(rt, 'default', pod, container, argv);
  return { cluster, rt, ex };
}

describe('exec inside simulated containers', () => {
  it('answers hostname, hostname -i, cat and env from the container', () => {
    const { ex } = setup();
    expect(ex('web', 'web', 'hostname')).toEqual({ stdout: 'web\n', stderr: '', exitCode: 0 });
    expect(ex('web', 'web', 'hostname', '-i')).toEqual({ stdout: '10.1.0.6\n', stderr: '', exitCode: 0 });
    expect(ex('web', 'web', 'cat', '/usr/share/nginx/html/index.html').stdout).toBe(HELLO_KIAMOL_HTML);
    expect(ex('web', 'web', 'cat', '/etc/hostname').stdout).toBe('web\n');
    expect(ex('web', 'web', 'env').stdout).toContain('HOSTNAME=web\n');
    expect(ex('web', 'web', 'cat', '/nope')).toEqual({ stdout: '', stderr: "cat: can't open '/nope': No such file or directory\n", exitCode: 1 });
  });

  it('fetches the page with busybox wget and logs the request as nginx does', () => {
    const { rt, ex } = setup();
    expect(ex('web', 'web', 'wget', '-O', '-', 'http://localhost')).toEqual({
      stdout: HELLO_KIAMOL_HTML,
      stderr: 'Connecting to localhost (127.0.0.1:80)\nwriting to stdout\n-                    100% |********************************|   353  0:00:00 ETA\nwritten to stdout\n',
      exitCode: 0,
    });
    expect(rt.logs('default', 'web', 'web', { tailLines: 1 })).toMatch(/^127\.0\.0\.1 - - \[[^\]]+\] "GET \/ HTTP\/1\.1" 200 353 "-" "Wget" "-"\n$/);
    expect(ex('web', 'web', 'wget', '-O', '-', 'http://localhost/nope')).toEqual({
      stdout: '',
      stderr: 'Connecting to localhost (127.0.0.1:80)\nwget: server returned error: HTTP/1.1 404 Not Found\n',
      exitCode: 1,
    });
    expect(ex('web', 'web', 'wget', '-O', '-', 'http://localhost:8080')).toEqual({
      stdout: '',
      stderr: "Connecting to localhost (127.0.0.1:8080)\nwget: can't connect to remote host (127.0.0.1): Connection refused\n",
      exitCode: 1,
    });
  });

  it('knows which programs each image has: ubuntu has neither curl nor wget, rr-test:curl has curl', () => {
    const { ex } = setup();
    expect(ex('side', 'ubuntu', 'bash', '-c', 'curl localhost')).toEqual({ stdout: '', stderr: 'bash: line 1: curl: command not found\n', exitCode: 127 });
    expect(ex('side', 'ubuntu', 'sh', '-c', 'wget localhost')).toEqual({ stdout: '', stderr: 'sh: 1: wget: not found\n', exitCode: 127 });
    expect(ex('side', 'curl', 'curl', '-s', 'localhost').stdout).toContain('<title>Welcome to nginx!</title>');
    expect(ex('web', 'web', 'bash')).toEqual({
      stdout: 'OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in $PATH: unknown\r\n',
      stderr: '',
      exitCode: 126,
    });
  });

  it('reports a missing binary under containerd as the API server’s internal error', () => {
    const { ex } = setup('containerd');
    expect(() => ex('web', 'web', 'bash')).toThrow(ExecError);
    expect(() => ex('web', 'web', 'bash')).toThrow(
      /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "bash": executable file not found in \$PATH: unknown$/,
    );
  });

  it('drives an interactive shell line by line with the shell’s own prompt', () => {
    const { rt } = setup();
    const ash = new ContainerShellSession(rt, 'default', 'web', 'web', 'sh');
    expect(ash.prompt()).toBe('/ # ');
    expect(ash.run('cd /usr/share/nginx/html && ls')).toEqual({ output: '50x.html    index.html\n', exited: false, exitCode: 0 });
    expect(ash.prompt()).toBe('/usr/share/nginx/html # ');
    expect(ash.run('foo')).toEqual({ output: 'sh: foo: not found\n', exited: false, exitCode: 127 });
    expect(ash.run('exit 2')).toEqual({ output: '', exited: true, exitCode: 2 });
    const bash = new ContainerShellSession(rt, 'default', 'side', 'ubuntu', 'bash');
    expect(bash.prompt()).toBe('root@side:/# ');
    expect(bash.run('foo')).toEqual({ output: 'bash: foo: command not found\n', exited: false, exitCode: 127 });
    expect(bash.run('cd ~ && pwd')).toEqual({ output: '/root\n', exited: false, exitCode: 0 });
    expect(bash.prompt()).toBe('root@side:~# ');
    expect(bash.run('exit')).toEqual({ output: 'exit\n', exited: true, exitCode: 0 });
  });

  it('writes ustar streams that read back, and tar -x writes into the container', () => {
    const { ex, rt } = setup();
    const r = ex('web', 'web', 'tar', 'cf', '-', '/usr/share/nginx/html/index.html');
    expect(r.stderr).toBe("tar: removing leading '/' from member names\n");
    expect(r.stdout.length % 512).toBe(0);
    const entries = parseTar(r.stdout);
    expect(entries?.map((e) => [e.name, e.type, e.data.length])).toEqual([['usr/share/nginx/html/index.html', 'file', 353]]);
    const stream = makeTar([{ name: 'note.txt', type: 'file', data: 'hi\n', mode: 0o644, mtime: 0 }]);
    expect(execInContainer(rt, 'default', 'web', 'web', ['tar', '-xmf', '-', '-C', '/tmp'], { stdin: stream })).toEqual({ stdout: '', stderr: '', exitCode: 0 });
    expect(ex('web', 'web', 'cat', '/tmp/note.txt').stdout).toBe('hi\n');
  });

  it('refuses containers that are not running', () => {
    const cluster = createCluster({ seed: 1 });
    cluster.store.create('pods', 'default', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } as KubeObject);
    expect(() => execInContainer(cluster.kubelet.runtime, 'default', 'p', 'c', ['ls'])).toThrow('unable to upgrade connection: container not found ("c")');
  });
});
