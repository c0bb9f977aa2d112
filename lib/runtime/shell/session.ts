// A shell session for command cells: the text is parsed the way bash parses it (lib/kubectl/
// cmdline) and then interpreted here, never by a real shell. `kubectl …` goes to runKubectl; the
// few other commands the notes use are imitated (coreutils.ts, docker.ts, http.ts); anything
// else prints a Korean + English note and exits 127.
//
// Supported: lists (`;`, newline, `&&`, `||`), pipelines (each stage's stdout is the next one's
// stdin), `$(…)` substitution (run in this session, its stdout spliced in), variables and
// `X=1` assignments, redirections (`>`, `>>`, `<`, `2>&1`, `&>`, `/dev/null`, here-strings and
// here-documents). A trailing `&` runs the command like any other: nothing a notebook runs
// blocks, so there is no job table and no `[1] 12345` line.
//
// Port-forwards. `kubectl port-forward` returns after printing its `Forwarding from` lines; the
// session keeps its listeners (`session.forwards`) and answers later `curl`/`wget` of
// localhost:N through the pod, appending `Handling connection for N` to that forward's own output
// (`forward.output`, reported through `onForwardOutput` so a notebook can grow the port-forward
// cell's output). A forward run in the foreground stands for a terminal the learner must Ctrl-C
// before typing again, so a later command that binds the same local port replaces it; one run
// with `&` keeps the port, and a second forward to it fails with kubectl's "address already in
// use". A forward closes when its pod is gone (`error: lost connection to pod`) or on close().

import type { Cluster } from '../../cluster/cluster';
import { parseCommandLine, expandStageAsync } from '../../kubectl/cmdline';
import type { Pipeline, Stage } from '../../kubectl/cmdline';
import type { ClusterClient } from '../../kubectl/client';
import type { KubeObject } from '../../k8s/types';
import { runKubectl } from '../../kubectl';
import type { LocalFs, PortForwardHost, VirtualFiles } from '../../kubectl';
import { ApiError } from '../../k8s/errors';
import { COREUTILS } from './coreutils';
import { docker } from './docker';
import { VirtualFS, dirname, resolvePath } from './fs';
import { curl, wget } from './http';
import { notRunMessage } from './messages';
import type { Command, CommandContext, LocalHttpResult, ShellHost, ShellResult } from './types';

export interface PortForward {
  /** 1, 2, … in the order the session opened them */
  id: number;
  namespace: string;
  pod: string;
  ports: { local: number; remote: number }[];
  /** started with `&`: it keeps its ports until closed */
  background: boolean;
  open: boolean;
  /** what the port-forward command has printed so far (stdout and stderr, in order) */
  output: string;
}

export interface ShellSessionOptions {
  client: ClusterClient;
  /** the simulated cluster, for the docker shim (absent on a sandbox backend) */
  cluster?: Cluster;
  cwd?: string;
  home?: string;
  env?: Record<string, string>;
  fs?: VirtualFS;
  /** the kubeconfig context's namespace */
  namespace?: string;
  /** called when a forward's output grows (`Handling connection for 8080`) */
  onForwardOutput?: (forward: PortForward, text: string) => void;
}

/** A place output goes: the terminal (the result), a pipe, a file, or nowhere. */
interface Sink {
  write(text: string): void;
}

/** klog's header for kubectl's port-forward errors: `E0326 02:43:20.000000   48213 portforward.go:424] `. */
function klogHeader(ms: number): string {
  const d = new Date(ms);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `E${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}.${p(d.getUTCMilliseconds() * 1000, 6)}   48213 portforward.go:424] `;
}

const COMMANDS: Record<string, Command> = {
  ...COREUTILS,
  docker,
  curl,
  wget,
};

/** Linux's first ephemeral port: where `kubectl port-forward pod/x :80` lands. */
const EPHEMERAL_START = 32768;

export class ShellSession implements ShellHost {
  readonly client: ClusterClient;
  readonly cluster?: Cluster;
  readonly fs: VirtualFS;
  readonly home: string;
  cwd: string;
  namespace: string;
  readonly env: Record<string, string>;
  readonly forwards: PortForward[] = [];
  onForwardOutput?: (forward: PortForward, text: string) => void;
  private lastStatus = 0;
  private nextEphemeral = EPHEMERAL_START;

  constructor(opts: ShellSessionOptions) {
    this.client = opts.client;
    this.cluster = opts.cluster;
    this.fs = opts.fs ?? new VirtualFS(() => opts.client.now());
    this.home = opts.home ?? '/root';
    this.cwd = opts.cwd ?? this.home;
    this.fs.mkdir(this.cwd, { parents: true });
    this.namespace = opts.namespace ?? 'default';
    this.env = { HOME: this.home, PWD: this.cwd, ...(opts.env ?? {}) };
    this.onForwardOutput = opts.onForwardOutput;
  }

  resolve(p: string): string {
    return resolvePath(this.cwd, p, this.home);
  }

  /** Runs a cell's (or a typed line's) commands. */
  async run(text: string, opts: { stdin?: string } = {}): Promise<ShellResult> {
    let stdout = '';
    let stderr = '';
    const out: Sink = { write: (t) => void (stdout += t) };
    const err: Sink = { write: (t) => void (stderr += t) };
    const parsed = parseCommandLine(text, { env: this.env });
    if (!parsed.ok) {
      this.lastStatus = 2;
      return { stdout: '', stderr: `bash: line ${parsed.line}: ${parsed.error}\n`, exitCode: 2 };
    }
    const code = await this.runList(parsed.pipelines, out, err, opts.stdin ?? '');
    return { stdout, stderr, exitCode: code };
  }

  /** Closes a port-forward (the learner's Ctrl-C), or all of them. */
  close(id?: number): void {
    for (const f of this.forwards) if (id === undefined || f.id === id) f.open = false;
  }

  /** The open forward listening on a local port. */
  forwardOn(port: number): PortForward | undefined {
    return this.forwards.find((f) => f.open && f.ports.some((p) => p.local === port));
  }

  private async runList(pipelines: readonly Pipeline[], out: Sink, err: Sink, stdin: string): Promise<number> {
    let status = this.lastStatus;
    for (const p of pipelines) {
      if (p.runIf === 'success' && status !== 0) continue;
      if (p.runIf === 'failure' && status === 0) continue;
      status = await this.runPipeline(p, out, err, stdin);
      if (p.negated) status = status === 0 ? 1 : 0;
      this.lastStatus = status;
    }
    return status;
  }

  private async runPipeline(p: Pipeline, out: Sink, err: Sink, stdin: string): Promise<number> {
    let input = stdin;
    let status = 0;
    for (let i = 0; i < p.stages.length; i++) {
      const last = i === p.stages.length - 1;
      let captured = '';
      const stageOut: Sink = last ? out : { write: (t) => void (captured += t) };
      status = await this.runStage(p.stages[i], { out: stageOut, err, stdin: input, piped: !last, background: p.background });
      input = captured;
    }
    return status;
  }

  private async runStage(stage: Stage, io: { out: Sink; err: Sink; stdin: string; piped: boolean; background: boolean }): Promise<number> {
    const expanded = await expandStageAsync(stage, {
      env: { ...this.env, '?': String(this.lastStatus) },
      substitute: async (part) => {
        // $(…) runs in a subshell: its cd does not stick
        const cwd = this.cwd;
        let captured = '';
        const saved = this.lastStatus;
        await this.runList(part.pipelines, { write: (t) => void (captured += t) }, io.err, '');
        this.cwd = cwd;
        this.lastStatus = saved;
        return captured;
      },
    });
    const { argv, assignments } = expanded;

    // file descriptors: 1 and 2, then the redirections in order
    let fd1: Sink = io.out;
    let fd2: Sink = io.err;
    let stdin = io.stdin;
    let redirected = io.piped;
    const nullSink: Sink = { write: () => undefined };
    const fileSink = (target: string, append: boolean): Sink | string => {
      if (target === '/dev/null') return nullSink;
      if (target === '/dev/stdout') return fd1;
      if (target === '/dev/stderr') return fd2;
      const path = this.resolve(target);
      const e = this.fs.stat(path);
      if (e?.type === 'dir') return `bash: ${target}: Is a directory\n`;
      if (!this.fs.isDir(dirname(path))) return `bash: ${target}: No such file or directory\n`;
      if (!append || !e) this.fs.write(path, '');
      return { write: (t) => void this.fs.write(path, t, { append: true }) };
    };
    for (const r of expanded.redirects) {
      let sink: Sink | string | undefined;
      switch (r.op) {
        case '>':
        case '>|':
        case '>>':
          sink = fileSink(r.target, r.op === '>>');
          if (typeof sink === 'string') {
            io.err.write(sink);
            return 1;
          }
          if (r.fd === 1) {
            fd1 = sink;
            redirected = true;
          } else if (r.fd === 2) fd2 = sink;
          break;
        case '&>':
        case '&>>':
          sink = fileSink(r.target, r.op === '&>>');
          if (typeof sink === 'string') {
            io.err.write(sink);
            return 1;
          }
          fd1 = fd2 = sink;
          redirected = true;
          break;
        case '>&':
          if (r.target === '1') {
            if (r.fd === 2) fd2 = fd1;
          } else if (r.target === '2') {
            if (r.fd === 1) {
              fd1 = fd2;
              redirected = true;
            }
          } else if (r.target === '-') {
            if (r.fd === 1) fd1 = nullSink;
            if (r.fd === 2) fd2 = nullSink;
          } else {
            sink = fileSink(r.target, false);
            if (typeof sink === 'string') {
              io.err.write(sink);
              return 1;
            }
            fd1 = fd2 = sink;
            redirected = true;
          }
          break;
        case '<': {
          const text = this.fs.read(this.resolve(r.target));
          if (text === undefined) {
            io.err.write(`bash: ${r.target}: ${this.fs.isDir(this.resolve(r.target)) ? 'Is a directory' : 'No such file or directory'}\n`);
            return 1;
          }
          stdin = text;
          break;
        }
        case '<<':
        case '<<-':
          stdin = r.target;
          break;
        case '<<<':
          stdin = `${r.target}\n`;
          break;
        default:
          break;
      }
    }

    if (argv.length === 0) {
      Object.assign(this.env, assignments);
      return 0;
    }
    const env = { ...this.env, ...assignments };
    const ctx: CommandContext = {
      argv,
      stdin,
      out: (t) => fd1.write(t),
      err: (t) => fd2.write(t),
      stdoutRedirected: redirected,
      env,
      shell: this,
    };
    const name = argv[0];
    const oldCwd = this.cwd;
    if (name === 'kubectl' || name.endsWith('/kubectl')) return this.kubectl(ctx, io.background);
    if (name === 'export') {
      for (const a of argv.slice(1)) {
        const eq = a.indexOf('=');
        if (eq > 0) this.env[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return 0;
    }
    const cmd = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (!cmd) {
      ctx.err(notRunMessage(name));
      return 127;
    }
    const code = await cmd(ctx);
    if (this.cwd !== oldCwd) {
      this.env.OLDPWD = oldCwd;
      this.env.PWD = this.cwd;
    }
    return code;
  }

  /** `kubectl …` with the session's files, namespace and port-forward listeners. */
  private async kubectl(ctx: CommandContext, background: boolean): Promise<number> {
    const files: VirtualFiles & { resolve(p: string): string } = {
      read: (p) => this.fs.read(this.resolve(p)),
      resolve: (p) => this.resolve(p),
    };
    let forward: PortForward | undefined;
    const host: PortForwardHost = {
      open: (namespace, pod, localPort, remotePort) => {
        let port = localPort;
        if (port === 0) {
          while (this.forwardOn(this.nextEphemeral)) this.nextEphemeral++;
          port = this.nextEphemeral++;
        }
        const holder = this.forwardOn(port);
        if (holder && holder !== forward) {
          if (holder.background) return undefined;
          // the foreground forward's terminal was Ctrl-C'd before this command was typed
          holder.open = false;
        }
        if (!forward) {
          forward = { id: this.forwards.length + 1, namespace, pod, ports: [], background, open: true, output: '' };
          this.forwards.push(forward);
        }
        forward.ports.push({ local: port, remote: remotePort });
        return port;
      },
    };
    const fs: LocalFs = {
      read: (p) => this.fs.read(this.resolve(p)),
      write: (p, content) => void this.fs.write(this.resolve(p), content),
      mkdirp: (p) => void this.fs.mkdir(this.resolve(p), { parents: true }),
      exists: (p) => this.fs.stat(this.resolve(p)) !== undefined,
      isDir: (p) => this.fs.isDir(this.resolve(p)),
      list: (p) => this.fs.list(this.resolve(p)) ?? [],
    };
    const r = await runKubectl(ctx.argv, { client: this.client, namespace: this.namespace, files, env: ctx.env, portForwards: host, fs, stdin: ctx.stdin });
    if (r.stderr) ctx.err(r.stderr);
    if (r.stdout) ctx.out(r.stdout);
    if (forward) forward.output = r.stdout + r.stderr;
    return r.exitCode;
  }

  private appendForward(f: PortForward, text: string): void {
    f.output += text;
    this.onForwardOutput?.(f, text);
  }

  /** A connection to localhost:port: through the forward listening there, to its pod. */
  async localHttp(port: number, req: { method?: string; path?: string; headers?: Record<string, string> }): Promise<LocalHttpResult> {
    const f = this.forwardOn(port);
    if (!f) return { kind: 'refused' };
    const remote = f.ports.find((p) => p.local === port)!.remote;
    this.appendForward(f, `Handling connection for ${port}\n`);
    // the forward is bound to one pod: if it is gone, kubectl loses its connection and exits
    let running = false;
    try {
      const pod = await this.client.get<{ status?: { phase?: string } } & KubeObject>('pods', f.namespace, f.pod);
      running = pod.status?.phase === 'Running' && !pod.metadata.deletionTimestamp;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
    if (!running) {
      this.appendForward(f, 'error: lost connection to pod\n');
      f.open = false;
      return { kind: 'empty' };
    }
    try {
      const res = await this.client.podHttp(f.namespace, f.pod, remote, req);
      return { kind: 'response', ...res };
    } catch {
      const sandbox = this.sandboxOf(f);
      this.appendForward(
        f,
        `${klogHeader(this.client.now())}"Unhandled Error" err="an error occurred forwarding ${port} -> ${remote}: error forwarding port ${remote} to pod ${sandbox}, uid : exit status 1: ${new Date(this.client.now()).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/')} socat[1234] E connect(5, AF=2 127.0.0.1:${remote}, 16): Connection refused"\n`,
      );
      return { kind: 'empty' };
    }
  }

  /** The pod's sandbox id as docker's port-forward error names it (the pod's name without a runtime view). */
  private sandboxOf(f: PortForward): string {
    const rt = this.cluster?.kubelet.runtime;
    if (!rt) return f.pod;
    const c = rt.podContainer(f.namespace, f.pod);
    return c?.sandboxId ?? f.pod;
  }
}
