import { describe, expect, test } from 'vitest';
import { canonicalName, familiarName, lookupImage, normalizeImage, parseImageRef, pullError, resolveProcess } from './images';
import type { ImageEntry, Process } from './images';
import { HELLO_KIAMOL_HTML, NGINX_WELCOME_HTML, nginxErrorPage } from './pages';

function image(ref: string): ImageEntry {
  const r = lookupImage(ref);
  if (!r.ok) throw new Error(`${ref}: ${r.kind}`);
  return r.image;
}

function run(ref: string, command?: string[], args?: string[], stdin = false): Process {
  return resolveProcess(image(ref), command, args, { stdin });
}

describe('image references', () => {
  test('names normalize the way the Docker CLI and containerd do', () => {
    expect(normalizeImage('kiamol/ch02-hello-kiamol')).toBe('docker.io/kiamol/ch02-hello-kiamol:latest');
    expect(normalizeImage('nginx')).toBe('docker.io/library/nginx:latest');
    expect(normalizeImage('nginx:1.27')).toBe('docker.io/library/nginx:1.27');
    expect(normalizeImage('docker.io/library/busybox')).toBe('docker.io/library/busybox:latest');
    expect(normalizeImage('registry.k8s.io/pause:3.10')).toBe('registry.k8s.io/pause:3.10');
    expect(normalizeImage('localhost:5000/app')).toBe('localhost:5000/app:latest');
  });

  test('the docker engine reports familiar names, containerd canonical ones', () => {
    const p = parseImageRef('nginx');
    if (!p.ok) throw new Error(p.error);
    expect(familiarName(p.ref)).toBe('nginx:latest');
    expect(canonicalName(p.ref)).toBe('docker.io/library/nginx:latest');
  });

  test('an uppercase name is an invalid reference, worded as the kubelet words it', () => {
    expect(parseImageRef('Nginx')).toEqual({ ok: false, error: 'couldn\'t parse image name "Nginx": invalid reference format: repository name (library/Nginx) must be lowercase' });
    expect(parseImageRef('nginx:')).toEqual({ ok: false, error: 'couldn\'t parse image name "nginx:": invalid reference format' });
  });
});

describe('the catalogue', () => {
  test('hello-kiamol is seed 001’s image: its digest, size and first pull of 5.358s', () => {
    const img = image('kiamol/ch02-hello-kiamol');
    expect(img.digest).toBe('f4165d27755978cffde4e5cc7187e8123d929d239409e108e760130d9e0d8f2f');
    expect(img.size).toBe(22009873);
    expect(img.pullMs).toBe(5358);
    expect(img.files['/usr/share/nginx/html/index.html']).toBe(HELLO_KIAMOL_HTML);
    expect(HELLO_KIAMOL_HTML.length).toBe(353);
    expect(HELLO_KIAMOL_HTML.split('\r\n')).toHaveLength(16);
    expect(img.app).toMatchObject({ kind: 'nginx', server: 'nginx/1.21.6', port: 80 });
    expect(img.shell).toBe('busybox');
  });

  test('nginx:latest and nginx:1.27 are the same image; other versions of nginx exist too', () => {
    expect(image('nginx:latest').digest).toBe(image('nginx:1.27').digest);
    expect(image('nginx').digest).toBe(image('docker.io/library/nginx:1.27.4').digest);
    expect(image('nginx:1.25').digest).not.toBe(image('nginx:1.27').digest);
    expect(image('nginx:1.25').digest).toMatch(/^[0-9a-f]{64}$/);
    expect(image('nginx:1.25').app).toMatchObject({ server: 'nginx/1.25.5' });
    expect(image('nginx:1.27-alpine').shell).toBe('busybox');
    expect(image('nginx').files['/usr/share/nginx/html/index.html']).toBe(NGINX_WELCOME_HTML);
    expect(NGINX_WELCOME_HTML.length).toBe(615);
  });

  test('unknown repositories and tags are told apart, as the registry tells them', () => {
    expect(lookupImage('nosuch')).toMatchObject({ ok: false, kind: 'repository' });
    expect(lookupImage('nginx:9.99')).toMatchObject({ ok: false, kind: 'tag' });
    expect(lookupImage('kiamol/ch02-hello-kiamol:v2')).toMatchObject({ ok: false, kind: 'tag' });
    expect(lookupImage('Nginx')).toMatchObject({ ok: false, kind: 'invalid' });
  });

  test('pull errors read as Docker Engine and containerd report them through CRI', () => {
    const ref = (s: string) => {
      const p = parseImageRef(s);
      if (!p.ok) throw new Error(p.error);
      return p.ref;
    };
    expect(pullError('kiamol/nosuch', 'docker', 'repository', ref('kiamol/nosuch'))).toBe(
      "rpc error: code = Unknown desc = Error response from daemon: pull access denied for kiamol/nosuch, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    );
    expect(pullError('nginx:9.99', 'docker', 'tag', ref('nginx:9.99'))).toBe(
      'rpc error: code = Unknown desc = Error response from daemon: manifest for nginx:9.99 not found: manifest unknown: manifest unknown',
    );
    expect(pullError('nginx:9.99', 'containerd', 'tag', ref('nginx:9.99'))).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:9.99": failed to resolve reference "docker.io/library/nginx:9.99": docker.io/library/nginx:9.99: not found',
    );
  });

  test('nginx’s 404 page from 1.21.6 is 153 bytes', () => {
    expect(nginxErrorPage(404, 'nginx/1.21.6').length).toBe(153);
  });
});

describe('what a container’s command does', () => {
  test('an image’s own server runs until stopped', () => {
    expect(run('kiamol/ch02-hello-kiamol')).toMatchObject({ kind: 'app', argv: ['/docker-entrypoint.sh', 'nginx', '-g', 'daemon off;'] });
    expect(run('kiamol/ch02-whoami')).toMatchObject({ kind: 'app', argv: ['dotnet', '/app/whoami.dll'] });
  });

  test('sleep N exits 0 after N seconds; tail -f /dev/null and sleep infinity run for ever', () => {
    expect(run('busybox', ['sleep', '5'])).toMatchObject({ kind: 'run', exitCode: 0, exitAfterMs: 5005, ignoresTerm: true });
    expect(run('alicek106/rr-test:curl', ['tail'], ['-f', '/dev/null'])).toMatchObject({ kind: 'run', exitAfterMs: null, ignoresTerm: true });
    expect(run('ubuntu', ['sleep', 'infinity'])).toMatchObject({ kind: 'run', exitAfterMs: null });
  });

  test('a shell with neither terminal nor stdin exits 0 at once; with stdin it waits', () => {
    expect(run('ubuntu')).toMatchObject({ kind: 'run', argv: ['/bin/bash'], exitCode: 0, exitAfterMs: 5 });
    expect(run('busybox')).toMatchObject({ kind: 'run', argv: ['sh'], exitCode: 0, exitAfterMs: 5 });
    expect(run('alpine', undefined, undefined, true)).toMatchObject({ kind: 'run', exitAfterMs: null });
  });

  test('sh -c runs a small script: output, sleeps, exit codes', () => {
    expect(run('busybox', ['sh', '-c', 'exit 3'])).toMatchObject({ kind: 'run', exitCode: 3, output: [] });
    expect(run('busybox', ['sh', '-c', 'echo hello; sleep 2; echo bye'])).toMatchObject({
      exitCode: 0,
      exitAfterMs: 2005,
      output: [
        { at: 0, stream: 'stdout', text: 'hello' },
        { at: 2000, stream: 'stdout', text: 'bye' },
      ],
    });
    expect(run('busybox', ['sh', '-c', 'false && echo no || echo yes'])).toMatchObject({ output: [{ text: 'yes' }] });
    expect(run('busybox', ['sh', '-c', 'curl localhost'])).toMatchObject({ exitCode: 127, output: [{ stream: 'stderr', text: 'sh: curl: not found' }] });
    expect(run('ubuntu', ['bash', '-c', 'wget x'])).toMatchObject({ exitCode: 127, output: [{ text: 'bash: line 1: wget: command not found' }] });
  });

  test('a while-true loop runs for ever and repeats its output', () => {
    expect(run('busybox', ['sh', '-c', 'while true; do echo hi; sleep 5; done'])).toMatchObject({
      kind: 'run',
      exitAfterMs: null,
      repeat: { periodMs: 5000, from: 0, lines: [{ at: 0, text: 'hi' }] },
    });
  });

  test('a program the image lacks cannot start', () => {
    expect(run('alpine', ['bash'])).toEqual({ kind: 'missing', argv: ['bash'], binary: 'bash' });
    expect(run('ubuntu', ['wget', 'http://x'])).toMatchObject({ kind: 'missing', binary: 'wget' });
  });
});
