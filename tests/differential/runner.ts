// The differential fidelity harness. Every corpus line runs three ways from the same cluster state:
//
//   (a) the real kubectl 1.32 binary, a child process, against Podbook's API server (lib/apiserver);
//   (b) Podbook's kubectl (lib/kubectl) through the sandbox backend (lib/sandbox SandboxClient,
//       @kubernetes/client-node) against the same server;
//   (c) Podbook's kubectl on the in-process simulator (lib/runtime SimulatedClient).
//
// Per line: snapshot S0 → (a) → snapshot S_a → restore S0 into the server → (b) → restore S0
// into a private cluster → (c) → compare → the server continues from S_a. So the three runs see
// the same objects, the same virtual clock and the same seeded random source (the same generated
// names), and the corpus evolves the way the real kubectl left it. README.md explains the choices.

import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, posix, relative } from 'node:path';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startApiServer } from '../../lib/apiserver';
import type { ApiServerHooks, RunningApiServer } from '../../lib/apiserver';
import { defaultHooks } from '../../lib/apiserver/hooks';
import { handleExec, handlePortForward } from '../../lib/apiserver/streams';
import { Cluster, createCluster } from '../../lib/cluster/cluster';
import type { ClusterSnapshot } from '../../lib/cluster/cluster';
import { VirtualClock } from '../../lib/cluster/clock';
import { runKubectl } from '../../lib/kubectl';
import type { ClusterClient, LocalFs, VirtualFiles } from '../../lib/kubectl';
import { SimulatedClient } from '../../lib/runtime/simulated-client';
import { realKubectlPath } from '../support/real-kubectl';
import { FILES_DIR, loadCorpus } from './corpus';
import type { CorpusLine } from './corpus';
import { normalizeOutput } from './normalize';

/** Virtual time between two lines, as `podbook shell` lets pass after a typed line (LINE_PAUSE_MS). */
export const LINE_PAUSE_MS = 3000;
/**
 * The cluster's virtual clock starts this long before the wall clock: the real kubectl computes
 * describe's ages from its own clock, and a cluster living in the future would make them
 * `<invalid>`. An hour leaves room for the corpus' pauses and `# advance` directives.
 */
export const CLOCK_LEAD_MS = 3_600_000;
/** While the real kubectl holds a watch or a log follow open, virtual time moves this much… */
export const DRIVE_STEP_MS = 1000;
/** …every this many real ms (30 s of pod shutdown takes about a third of a second). */
export const DRIVE_TICK_MS = 10;
/** The most virtual time one real-kubectl line may drive, so a line that never returns cannot run the cluster for hours. */
export const DRIVE_LIMIT_MS = 10 * 60_000;
/** A real kubectl that has not returned by then is killed and recorded as hung. */
export const REAL_TIMEOUT_MS = 30_000;
export const SEED = 1;
export const LEARNER_PRINCIPAL = { user: 'system:serviceaccount:learner:learner', namespace: 'learner' };

export interface RunOutput {
  stdout: string;
  stderr: string;
  /** the exit status; `stopped` when the harness interrupted it (`# stop:` lines) */
  exitCode: number | 'stopped';
}

export type BackendName = 'a' | 'b' | 'c';

export interface LineResult {
  line: CorpusLine;
  a: RunOutput;
  b?: RunOutput;
  c: RunOutput;
  /** the outputs as compared (normalized), rendered as text */
  text: { a: string; b?: string; c: string };
  ac: boolean;
  ab?: boolean;
  bc?: boolean;
  /** every available pair agrees */
  match: boolean;
  ms: number;
}

export interface Report {
  realKubectl: string;
  /** why (b) did not run, when it did not */
  bUnavailable?: string;
  results: LineResult[];
  totalMs: number;
}

/** Output as the comparison sees it: stdout, stderr lines marked `! `, then the exit status; `%` marks a missing final newline. */
export function renderOutput(r: RunOutput, compareExit: boolean): string {
  const mark = (text: string, prefix: string): string =>
    text === '' ? '' : text.replace(/\n$/, '').split('\n').map((l) => prefix + l).join('\n') + (text.endsWith('\n') ? '\n' : '\n%\n');
  return mark(normalizeOutput(r.stdout), '') + mark(normalizeOutput(r.stderr), '! ') + (compareExit && r.exitCode !== 0 ? `[exit ${r.exitCode}]\n` : '');
}

// ---- (a) the real kubectl ----------------------------------------------------------------------

interface RealHome {
  dir: string;
  work: string;
  kubeconfig: string;
  cacheDir: string;
}

/**
 * Runs the real binary with KUBECONFIG and KUBECACHEDIR in the environment (so its argv is
 * exactly the corpus line's), TZ=UTC, in the work directory holding the corpus files.
 */
function runReal(bin: string, home: RealHome, argv: string[], opts: { stdin?: string; stopAfterMs?: number }): Promise<RunOutput> {
  return new Promise((resolve) => {
    const child = spawn(bin, argv, {
      cwd: home.work,
      // only these variables (no NODE_ENV: the cast is for Next's ProcessEnv typing)
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home.dir, TZ: 'UTC', KUBECONFIG: home.kubeconfig, KUBECACHEDIR: home.cacheDir } as unknown as NodeJS.ProcessEnv,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let stopped = false;
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.stdin ?? '');
    const stop = setTimeout(() => {
      stopped = true;
      // Ctrl-C, as a reader ends a port-forward or a follow
      child.kill('SIGINT');
    }, opts.stopAfterMs ?? REAL_TIMEOUT_MS);
    child.on('close', (code, signal) => {
      clearTimeout(stop);
      if (stopped && opts.stopAfterMs === undefined) stderr += `[harness: killed after ${REAL_TIMEOUT_MS} ms]\n`;
      resolve({ stdout, stderr, exitCode: opts.stopAfterMs !== undefined && stopped ? 'stopped' : (code ?? (signal ? 128 : 1)) });
    });
  });
}

/** Counts the server's open watches and log follows: the real kubectl is waiting for time to pass. */
function trackWaiting(srv: RunningApiServer): { readonly open: number } {
  const state = { open: 0 };
  srv.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const q = new URL(req.url ?? '/', 'https://x').searchParams;
    const waits = ['true', '1'].includes(q.get('watch') ?? '') || q.get('follow') === 'true';
    if (!waits) return;
    state.open++;
    res.on('close', () => state.open--);
  });
  return state;
}

// ---- Podbook's side ----------------------------------------------------------------------------

function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p).split('\\').join('/'), readFileSync(p, 'utf8'));
    }
  };
  walk(dir);
  return files;
}

/** The corpus files as Podbook's virtual files and writable local fs (for `cp`), relative to the work dir. */
function podbookFiles(tree: Map<string, string>, stdin: string | undefined): { files: VirtualFiles; fs: LocalFs } {
  const files = new Map(tree);
  const dirs = new Set<string>(['.']);
  const norm = (p: string) => posix.normalize(p).replace(/\/$/, '');
  for (const f of files.keys()) for (let d = posix.dirname(f); d !== '.'; d = posix.dirname(d)) dirs.add(d);
  return {
    // `-f -` reads kubectl's stdin: Podbook asks its virtual files for `-` (verbs/manifest-files.ts)
    files: { read: (p) => (p === '-' ? stdin : files.get(norm(p))) },
    fs: {
      read: (p) => files.get(norm(p)),
      write: (p, content) => void files.set(norm(p), content),
      mkdirp: (p) => void dirs.add(norm(p)),
      exists: (p) => files.has(norm(p)) || dirs.has(norm(p)),
      isDir: (p) => dirs.has(norm(p)),
      list: (p) => {
        const d = norm(p);
        const prefix = d === '.' ? '' : `${d}/`;
        return [...new Set([...files.keys(), ...dirs].filter((f) => f.startsWith(prefix) && f !== d).map((f) => f.slice(prefix.length).split('/')[0]))];
      },
    },
  };
}

async function runPodbook(client: ClusterClient, line: CorpusLine, tree: Map<string, string>, stdin: string | undefined): Promise<RunOutput> {
  const { files, fs } = podbookFiles(tree, stdin);
  const r = await runKubectl(line.command, {
    client,
    namespace: line.context === 'learner' ? 'learner' : 'default',
    files,
    fs,
    stdin,
  });
  return { stdout: r.stdout, stderr: r.stderr, exitCode: line.stopAfterMs !== undefined ? 'stopped' : r.exitCode };
}

type SandboxCtor = new (opts: { kubeconfig?: string; context?: string; namespace?: string }) => ClusterClient;

/** lib/sandbox's client when it exists and exports SandboxClient; else why not. */
async function loadSandboxClient(): Promise<SandboxCtor | string> {
  try {
    const mod = (await import('../../lib/sandbox/client')) as { SandboxClient?: SandboxCtor };
    return mod.SandboxClient ?? 'lib/sandbox/client.ts does not export SandboxClient yet';
  } catch (e) {
    return `lib/sandbox/client.ts cannot be loaded: ${(e as Error).message.split('\n')[0]}`;
  }
}

/**
 * (b)'s client: the sandbox client, except that time is the server's. The sandbox backend waits in
 * real time for a real cluster's controllers; this server's cluster runs on a virtual clock, so a
 * sleep advances it instead, and the client's clock moves with what it slept (wait/rollout
 * deadlines stay consistent). Nothing else is touched.
 */
function withServerTime(client: ClusterClient, cluster: () => Cluster): ClusterClient {
  let slept = 0;
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'sleep') {
        return async (ms: number) => {
          if (ms > 0) {
            cluster().advance(ms);
            slept += ms;
          }
        };
      }
      if (prop === 'now') return () => (target.now() as number) + slept;
      const v = Reflect.get(target, prop, receiver) as unknown;
      return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

// ---- the run -----------------------------------------------------------------------------------

export interface RunOptions {
  corpus?: CorpusLine[];
  /** called after each line */
  onLine?: (r: LineResult) => void;
  /** run (b) too (default true); false reports it as not requested */
  sandbox?: boolean;
}

function same(x: string | undefined, y: string | undefined): boolean | undefined {
  return x === undefined || y === undefined ? undefined : x === y;
}

export async function runDifferential(opts: RunOptions = {}): Promise<Report> {
  const started = Date.now();
  // Loud, not silent: without the referee nothing is compared (tests/support/real-kubectl.ts).
  const bin = realKubectlPath();
  const corpus = opts.corpus ?? loadCorpus();
  const Sandbox = opts.sandbox === false ? '(b) not requested' : await loadSandboxClient();

  const first = createCluster({ seed: SEED, clock: new VirtualClock(Date.now() - CLOCK_LEAD_MS) });
  const hooks = defaultHooks();
  const srv = await startApiServer({
    cluster: first,
    ...hooks,
    // exec/attach/port-forward: lib/apiserver/streams, until defaultHooks wires it itself
    stream:
      (hooks as ApiServerHooks).stream ??
      ((c, req, socket, head, t) => (t.kind === 'portforward' ? handlePortForward(c, req, socket, head, t) : handleExec(c, req, socket, head, { ...t, kind: t.kind }))),
  });
  const learner = srv.namespaceToken('learner');
  const waiting = trackWaiting(srv);

  const dir = mkdtempSync(join(tmpdir(), 'podbook-differential-'));
  const home: RealHome = { dir, work: join(dir, 'work'), kubeconfig: join(dir, 'kubeconfig'), cacheDir: join(dir, 'cache') };
  writeFileSync(home.kubeconfig, srv.kubeconfig([learner]), { mode: 0o600 });
  mkdirSync(home.work);
  cpSync(FILES_DIR, home.work, { recursive: true });
  const sandboxFor = (line: CorpusLine): ClusterClient | undefined => {
    if (typeof Sandbox === 'string') return undefined;
    const base = new Sandbox({ kubeconfig: home.kubeconfig, ...(line.context === 'learner' ? { context: 'learner' } : {}) });
    return withServerTime(base, () => srv.handler.currentCluster);
  };

  const results: LineResult[] = [];
  try {
    for (const line of corpus) {
      const t0 = Date.now();
      if (line.advanceMs > 0) srv.handler.currentCluster.advance(line.advanceMs);
      const s0: ClusterSnapshot = srv.handler.currentCluster.snapshot();
      const tree = readTree(home.work);
      const stdin = line.stdinFile !== undefined ? readFileSync(join(FILES_DIR, line.stdinFile), 'utf8') : undefined;

      // (a) While it holds a watch or a follow open (wait, rollout status, delete's wait, logs -f),
      // drive the virtual clock: it is waiting for the cluster to move. Lines that only read never
      // see time pass, so their output is computed at the same instant as (b)'s and (c)'s.
      let driven = 0;
      const driver = setInterval(() => {
        if (waiting.open > 0 && driven < DRIVE_LIMIT_MS) {
          srv.handler.currentCluster.advance(DRIVE_STEP_MS);
          driven += DRIVE_STEP_MS;
        }
      }, DRIVE_TICK_MS);
      let a: RunOutput;
      try {
        a = await runReal(bin, home, line.argv, { stdin, stopAfterMs: line.stopAfterMs });
      } finally {
        clearInterval(driver);
      }
      const sa = srv.handler.currentCluster.snapshot();

      // (b) same state, same server, Podbook's kubectl over HTTP
      let b: RunOutput | undefined;
      const sandbox = sandboxFor(line);
      if (sandbox) {
        srv.handler.useCluster(Cluster.restore(s0));
        b = await runPodbook(sandbox, line, tree, stdin);
      }

      // (c) same state, in process
      const cCluster = Cluster.restore(s0);
      const simulated = new SimulatedClient(cCluster, { server: srv.url, ...(line.context === 'learner' ? { principal: LEARNER_PRINCIPAL } : {}) });
      const c = await runPodbook(simulated, line, tree, stdin);

      const next = Cluster.restore(sa);
      next.advance(LINE_PAUSE_MS);
      srv.handler.useCluster(next);

      const compareExit = line.stopAfterMs === undefined;
      const text = { a: renderOutput(a, compareExit), b: b && renderOutput(b, compareExit), c: renderOutput(c, compareExit) };
      const ac = text.a === text.c;
      const ab = same(text.a, text.b);
      const bc = same(text.b, text.c);
      const r: LineResult = { line, a, b, c, text, ac, ab, bc, match: ac && ab !== false && bc !== false, ms: Date.now() - t0 };
      results.push(r);
      opts.onLine?.(r);
    }
  } finally {
    await srv.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { realKubectl: bin, bUnavailable: typeof Sandbox === 'string' ? Sandbox : undefined, results, totalMs: Date.now() - started };
}
