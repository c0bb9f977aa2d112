// `podbook shell [--seed N] [--transcript]`: kubectl (and the shims the notes use) against a fresh
// simulated cluster, through lib/runtime/shell's ShellSession. Nothing runs in a real shell.
//
// * On a terminal: an interactive prompt (`podbook$ `; the container's inside `kubectl exec -it`), the cluster on the wall clock (RealClock,
//   driven by driveInRealTime), so pods start while you type. Ctrl-D or `exit` ends it.
// * Standard input not a terminal (a script, a pipe): one line at a time on a virtual clock.
//   After each line virtual time moves on by LINE_PAUSE_MS (3 s), as when a person types the
//   next command, so pods progress between commands; `sleep N` and `kubectl wait` advance it
//   further. `\`-continued lines are joined first; blank and `#` lines are skipped.
//   `--transcript` prints the prompt and the line (to stdout) before each line's output: `$ <line>`
//   in the host shell, the container's prompt inside `kubectl exec -it POD -- sh` (`/ # hostname -i`
//   in busybox, `root@my-nginx-pod:/# curl localhost` in bash) until `exit` returns to the host.
//   tests/transcripts/README.md describes the golden-transcript format built on this convention.
//   The exit status is the last line's, as `bash < script` gives.
// * `--seed N` seeds the cluster's random source, so generated names and IPs repeat run to run.
// * `--kubeconfig FILE [--context C]`: a real cluster (a sandbox, or `podbook cluster`) instead of
//   the simulator, through lib/sandbox's SandboxClient. The context's namespace is the default
//   namespace, as for kubectl. Time is real there: script mode does not advance anything between
//   lines (`sleep` and `kubectl wait` really wait), and the docker shim is unavailable.

import { createInterface } from 'node:readline';
import { createCluster } from '../../lib/cluster/cluster';
import { RealClock, driveInRealTime } from '../../lib/host/realtime';
import { ShellSession } from '../../lib/runtime/shell';
import { SimulatedClient } from '../../lib/runtime/simulated-client';
import { SandboxClient } from '../../lib/sandbox/client';

export interface ShellIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** the whole standard input (script mode); read from process.stdin when absent */
  stdinText?: string;
  /** whether standard input is a terminal; process.stdin.isTTY when absent */
  isTTY?: boolean;
}

/** Virtual time between two lines of a script: a person reading the output and typing the next line. */
export const LINE_PAUSE_MS = 3000;

export const PROMPT = 'podbook$ ';

const USAGE = 'Usage: podbook shell [--seed N] [--transcript]\n       podbook shell --kubeconfig FILE [--context NAME] [--transcript]\n';

/** Script lines as commands: `\`+newline continuations joined, blank lines and comment-only lines dropped. */
export function scriptLines(text: string): string[] {
  const out: string[] = [];
  let pending = '';
  for (const raw of text.replace(/\r\n/g, '\n').split('\n')) {
    if (/(^|[^\\])(\\\\)*\\$/.test(raw)) {
      pending += raw + '\n';
      continue;
    }
    const line = pending + raw;
    pending = '';
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    out.push(line);
  }
  if (pending.trim() !== '') out.push(pending.replace(/\\\n$/, ''));
  return out;
}

async function readStdin(): Promise<string> {
  let text = '';
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) text += chunk as string;
  return text;
}

export async function shellCommand(argv: string[], io: ShellIO): Promise<number> {
  let seed: number | undefined;
  let transcript = false;
  let kubeconfig: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--transcript') transcript = true;
    else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a === '--seed' ? argv[++i] : a.slice('--seed='.length);
      if (v === undefined || !/^\d+$/.test(v)) {
        io.stderr(`podbook shell: --seed needs a whole number / --seed에는 정수가 필요합니다\n${USAGE}`);
        return 1;
      }
      seed = Number(v);
    } else if (a === '--kubeconfig' || a.startsWith('--kubeconfig=') || a === '--context' || a.startsWith('--context=')) {
      const name = a.startsWith('--kubeconfig') ? '--kubeconfig' : '--context';
      const v = a === name ? argv[++i] : a.slice(name.length + 1);
      if (v === undefined || v === '') {
        io.stderr(`podbook shell: ${name} needs a value / ${name}에는 값이 필요합니다\n${USAGE}`);
        return 1;
      }
      if (name === '--kubeconfig') kubeconfig = v;
      else context = v;
    } else {
      io.stderr(`podbook shell: unknown flag "${a}"\n${USAGE}`);
      return 1;
    }
  }

  const interactive = io.isTTY ?? Boolean(process.stdin.isTTY);
  if (kubeconfig !== undefined || context !== undefined) {
    if (seed !== undefined) {
      io.stderr(`podbook shell: --seed is for the simulated cluster, not with --kubeconfig / --seed는 --kubeconfig와 함께 쓸 수 없습니다\n${USAGE}`);
      return 1;
    }
    let client: SandboxClient;
    try {
      client = new SandboxClient({ kubeconfig, context });
    } catch (e) {
      io.stderr(`podbook shell: ${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
    if (interactive) return interactiveShell(io, { client });
    return scriptShell(io, new ShellSession({ client, env: hostEnv(), namespace: client.namespace }), transcript, () => {});
  }
  if (interactive) return interactiveShell(io, { seed });

  const cluster = createCluster({ seed });
  const client = new SimulatedClient(cluster);
  const session = new ShellSession({ client, cluster, env: hostEnv() });
  return scriptShell(io, session, transcript, () => cluster.advance(LINE_PAUSE_MS));
}

/** Runs standard input line by line; `between` runs after each line (the simulator's pause). */
async function scriptShell(io: ShellIO, session: ShellSession, transcript: boolean, between: () => void): Promise<number> {
  const text = io.stdinText ?? (await readStdin());
  let status = 0;
  for (const line of scriptLines(text)) {
    if (transcript) io.stdout(`${session.prompt()}${line}\n`);
    const r = await session.run(line);
    if (r.stdout) io.stdout(r.stdout);
    if (r.stderr) io.stderr(r.stderr);
    status = r.exitCode;
    between();
  }
  return status;
}

async function interactiveShell(io: ShellIO, backend: { seed?: number; client?: SandboxClient }): Promise<number> {
  let session: ShellSession;
  let stop = (): void => {};
  if (backend.client) {
    const client = backend.client;
    session = new ShellSession({ client, env: hostEnv(), prompt: PROMPT, namespace: client.namespace });
    io.stdout(`podbook shell — 샌드박스 클러스터 ${client.server} (네임스페이스 ${client.namespace}) / sandbox cluster. 끝내려면 exit 또는 Ctrl-D / exit or Ctrl-D to leave.\n`);
  } else {
    const cluster = createCluster({ seed: backend.seed, clock: new RealClock() });
    stop = driveInRealTime(cluster);
    const client = new SimulatedClient(cluster);
    session = new ShellSession({ client, cluster, env: hostEnv(), prompt: PROMPT });
    io.stdout('podbook shell — 시뮬레이션 클러스터 (Kubernetes v1.32) / simulated cluster. 끝내려면 exit 또는 Ctrl-D / exit or Ctrl-D to leave.\n');
  }
  const rl = createInterface({ input: process.stdin, output: process.stdout, prompt: PROMPT, terminal: true });
  let status = 0;
  let pending = '';
  rl.prompt();
  for await (const line of rl) {
    if (/(^|[^\\])(\\\\)*\\$/.test(line)) {
      pending += line + '\n';
      rl.setPrompt('> ');
      rl.prompt();
      continue;
    }
    const text = pending + line;
    pending = '';
    // `exit` leaves podbook shell only on the host; inside `kubectl exec -it` it ends the container's shell
    if (text.trim() === 'exit' && !session.container) break;
    if (text.trim() !== '') {
      const r = await session.run(text);
      if (r.stdout) io.stdout(r.stdout);
      if (r.stderr) io.stderr(r.stderr);
      status = r.exitCode;
    }
    rl.setPrompt(session.prompt());
    rl.prompt();
  }
  rl.close();
  stop();
  return status;
}

/** What the session inherits from the host: only the time zone, which kubectl uses for describe times. */
function hostEnv(): Record<string, string> {
  return process.env.TZ ? { TZ: process.env.TZ } : {};
}
