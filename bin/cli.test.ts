import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { COMMANDS, main, packageVersion, type CliIO } from './cli';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const entry = path.join(root, 'bin', 'podbook.mjs');

function podbook(...args: string[]) {
  return podbookWithInput('', ...args);
}

function podbookWithInput(input: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [entry, ...args], { cwd: root, encoding: 'utf8', input });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

function capture(): CliIO & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (t: string) => void (io.out += t),
    stderr: (t: string) => void (io.err += t),
  };
  return io;
}

describe('the podbook CLI, spawned through its bin entry', () => {
  it('podbook --help lists every planned command in Korean and English and exits 0', () => {
    const r = podbook('--help');
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('사용법 / Usage:');
    expect(r.stdout).toContain('podbook <command> [options]');
    expect(r.stdout).toMatch(/^ {2}shell \[--seed N\] \[--transcript\] \[--kubeconfig FILE \[--context C\]\]\s+시뮬레이션/m);
    for (const name of ['shell', 'run', 'build', 'import', 'cluster', 'grade']) {
      expect(r.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    expect(r.stdout).not.toContain('not yet available');
    expect(r.stdout).toContain('grade quizzes and exercises');
  });

  it('podbook with an unknown command names it on stderr and exits 1', () => {
    const r = podbook('xyz');
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`podbook: unknown command "xyz"\nRun 'podbook --help' for usage.\n`);
  });

  it('podbook --version prints the version from package.json', () => {
    const r = podbook('--version');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${packageVersion()}\n`);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('npx podbook resolves this checkout\'s own bin without the network', () => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['exec', '--offline', '--', 'podbook', '--help'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('podbook <command> [options]');
  });
});

describe('the podbook dispatcher', () => {
  it('help <command> prints that command\'s usage', async () => {
    const io = capture();
    expect(await main(['help', 'grade'], io)).toBe(0);
    expect(io.out).toContain('사용법 / Usage: podbook grade <notebook|answers.json> [--exercise ID] [--solution]');
    expect(io.out).toContain('grade quizzes and exercises');
  });

  it('an unknown flag is an error, not a command', async () => {
    const io = capture();
    expect(await main(['--frobnicate'], io)).toBe(1);
    expect(io.err).toBe(`podbook: unknown flag "--frobnicate"\nRun 'podbook --help' for usage.\n`);
  });

  it('every command in the table is listed by --help', async () => {
    const io = capture();
    await main(['--help'], io);
    for (const c of COMMANDS) expect(io.out).toContain(c.en);
  });
});

describe('podbook shell, with standard input from a pipe', () => {
  it('runs the chapter-2 opening line by line on a virtual clock, with --seed 1 --transcript', () => {
    const script = [
      'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol',
      'kubectl wait --for=condition=Ready pod hello-kiamol',
      'kubectl get pods',
      '',
    ].join('\n');
    const r = podbookWithInput(script, 'shell', '--seed', '1', '--transcript');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      '$ kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol\n' +
        'pod/hello-kiamol created\n' +
        '$ kubectl wait --for=condition=Ready pod hello-kiamol\n' +
        'pod/hello-kiamol condition met\n' +
        '$ kubectl get pods\n' +
        'NAME           READY   STATUS    RESTARTS   AGE\n' +
        'hello-kiamol   1/1     Running   0          9s\n',
    );
  });

  it('each line advances time by a few seconds, so a pod progresses between commands; the last status is the exit code', async () => {
    const io = capture();
    const code = await main(['shell', '--seed', '1'], { ...io, stdinText: 'kubectl run p --image=kiamol/ch02-hello-kiamol\nkubectl get pods\n# a comment line\nkubectl get pods\nkubectl get pods\nfrobnicate\n', isTTY: false } as CliIO);
    expect(io.out).toBe(
      'pod/p created\n' +
        'NAME   READY   STATUS              RESTARTS   AGE\n' +
        'p      0/1     ContainerCreating   0          3s\n' +
        'NAME   READY   STATUS              RESTARTS   AGE\n' +
        'p      0/1     ContainerCreating   0          6s\n' +
        'NAME   READY   STATUS    RESTARTS   AGE\n' +
        'p      1/1     Running   0          9s\n',
    );
    expect(io.err).toContain("The simulator does not run 'frobnicate'");
    expect(code).toBe(127);
  });

  it('--transcript shows the container prompt before lines typed inside kubectl exec -it … -- sh, and $ again after exit', async () => {
    const io = capture();
    const script = 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol\nkubectl wait --for=condition=Ready pod hello-kiamol\nkubectl exec -it hello-kiamol -- sh\nhostname -i\nexit\npwd\n';
    const code = await main(['shell', '--seed', '1', '--transcript'], { ...io, stdinText: script, isTTY: false } as CliIO);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    expect(io.out).toBe(
      '$ kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol\n' +
        'pod/hello-kiamol created\n' +
        '$ kubectl wait --for=condition=Ready pod hello-kiamol\n' +
        'pod/hello-kiamol condition met\n' +
        '$ kubectl exec -it hello-kiamol -- sh\n' +
        '/ # hostname -i\n' +
        '10.1.0.6\n' +
        '/ # exit\n' +
        '$ pwd\n' +
        '/root\n',
    );
  });

  it('--kubeconfig with a file that does not exist fails with a clear message', async () => {
    const io = capture();
    const code = await main(['shell', '--kubeconfig', '/nonexistent/kubeconfig.yaml'], { ...io, isTTY: false, stdinText: 'kubectl get pods\n' } as CliIO);
    expect(code).not.toBe(0);
    expect(io.err).toMatch(/kubeconfig/);
  });
});
