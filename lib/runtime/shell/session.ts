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
//
// Interactive exec. `kubectl exec -it POD -- sh` (or `-c C -- bash`, `deploy/x`, …) typed at the
// session's terminal (not in a pipe, a `$(…)`, a redirection or with `&`) opens the container's
// shell, as on a real terminal: kubectl resolves the pod and container and prints its own errors
// and notes (`Defaulted container …`) as usual, then every later `run(line)` goes to that shell
// (lib/cluster/kubelet ContainerShellSession) until `exit`, which returns to the host shell;
// kubectl then reports a non-zero exit (`command terminated with exit code N`). `prompt()` is the
// container's (`/ # ` in busybox, `root@pod:/# ` in bash) while inside, the host's otherwise.
// Lines after the exec in the same run() text are read by the container shell, as a pasted block
// would be; they are echoed after the prompt, since the caller showed only the first line. If the
// container stops under the session (pod deleted, `docker container rm -f`), the stream ends as
// kubectl's does (`command terminated with exit code 137`) and the next line runs on the host.
// This needs the simulated cluster; on a sandbox backend exec -it runs without a TTY, as before.

import type { Cluster } from '../../cluster/cluster';
import { parseCommandLine, expandStageAsync } from '../../kubectl/cmdline';
import type { Pipeline, Stage } from '../../kubectl/cmdline';
import type { ClusterClient } from '../../kubectl/client';
import type { KubeObject } from '../../k8s/types';
import { runKubectl } from '../../kubectl';
import type { LocalFs, PortForwardHost, VirtualFiles } from '../../kubectl';
import { ApiError } from '../../k8s/errors';
import { ContainerShellSession, ExecError, clusterNetwork, containerEnv } from '../../cluster/kubelet';
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
  /** the host shell's prompt (`prompt()` outside a container); `$ ` by default */
  prompt?: string;
}

/** An interactive `kubectl exec -it … -- sh` the session is inside. */
export interface ContainerAttachment {
  namespace: string;
  pod: string;
  container: string;
  /** the shell program as given: `sh`, `bash`, `/bin/sh` */
  shell: string;
}

/** The container shell the session is inside; `attach` when it is a `kubectl run -it` main process. */
interface Inside {
  shell: ContainerShellSession;
  attachment: ContainerAttachment;
  containerId: string;
  attach?: { restartPolicy: string; remove: boolean };
}

/** The programs that start an interactive shell when run with a TTY and no arguments. */
const SHELL_PROGRAMS = new Set(['sh', 'ash', 'bash', 'dash']);

function isShellProgram(p: string): boolean {
  return SHELL_PROGRAMS.has(p.slice(p.lastIndexOf('/') + 1));
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
  readonly hostPrompt: string;
  private lastStatus = 0;
  private nextEphemeral = EPHEMERAL_START;
  /** the container shell `kubectl exec -it` opened, while it runs */
  private inside?: Inside;
  /** kubectl's message when the container shell ended under the session, for the next run() */
  private dropped?: string;
  /** set by an exec that opened a container shell during the current run(): where its pipeline ended */
  private openedAt?: number;

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
    this.hostPrompt = opts.prompt ?? '$ ';
  }

  /** The prompt a terminal shows before the next line: the container shell's while inside one. */
  prompt(): string {
    this.checkContainer();
    return this.inside ? this.inside.shell.prompt() : this.hostPrompt;
  }

  /** The container whose shell the next line goes to (`kubectl exec -it`), or undefined on the host. */
  get container(): ContainerAttachment | undefined {
    this.checkContainer();
    return this.inside?.attachment;
  }

  resolve(p: string): string {
    return resolvePath(this.cwd, p, this.home);
  }

  /**
   * Runs a cell's (or a typed line's) commands: in the host shell, or, inside `kubectl exec -it
   * … -- sh`, in the container's shell (line by line, back to the host after `exit`).
   */
  async run(text: string, opts: { stdin?: string } = {}): Promise<ShellResult> {
    this.checkContainer();
    const gone = this.dropped;
    this.dropped = undefined;
    if (gone) {
      // the container stopped under the session (pod deleted, docker rm -f): kubectl's stream
      // ended then, so this line was typed at the host shell again
      const r = await this.run(text, opts);
      return { ...r, stderr: gone + r.stderr };
    }
    if (this.inside) return this.runInside(text.replace(/\r\n/g, '\n').split('\n'), false);
    let stdout = '';
    let stderr = '';
    const out: Sink = { write: (t) => void (stdout += t) };
    const err: Sink = { write: (t) => void (stderr += t) };
    const src = text.replace(/\r\n/g, '\n');
    const parsed = parseCommandLine(src, { env: this.env });
    if (!parsed.ok) {
      this.lastStatus = 2;
      return { stdout: '', stderr: `bash: line ${parsed.line}: ${parsed.error}\n`, exitCode: 2 };
    }
    this.openedAt = undefined;
    const code = await this.runList(parsed.pipelines, out, err, opts.stdin ?? '', opts.stdin === undefined);
    const openedAt = this.openedAt;
    this.openedAt = undefined;
    if (openedAt !== undefined && this.inside) {
      // the rest of the text is typed into the container's shell, as a pasted block would be
      const nl = src.indexOf('\n', openedAt);
      const rest = nl < 0 ? '' : src.slice(nl + 1).replace(/\n$/, '');
      if (rest !== '') {
        const r = await this.runInside(rest.split('\n'), true);
        return { stdout: stdout + r.stdout, stderr: stderr + r.stderr, exitCode: r.exitCode };
      }
    }
    return { stdout, stderr, exitCode: code };
  }

  /**
   * Leaves the container shell when the attached container is no longer the running one; kubectl's
   * last words wait in `dropped` for the next run().
   */
  private checkContainer(): void {
    const inside = this.inside;
    if (!inside) return;
    const { namespace, pod, container } = inside.attachment;
    const c = this.cluster?.kubelet.runtime.podContainer(namespace, pod, container);
    if (c && c.id === inside.containerId && c.state === 'running') return;
    this.inside = undefined;
    this.lastStatus = 137;
    // the shell was killed with its container (SIGKILL): exit code 137, reported as for any exec
    this.dropped = 'command terminated with exit code 137\n';
  }

  /**
   * Lines typed into the container's shell. Each one's output (stderr merged, as on a terminal);
   * `echo` shows the prompt and the line first (lines after the exec in one run() text). After
   * `exit` the remaining lines run in the host shell again.
   */
  private async runInside(lines: string[], echo: boolean): Promise<ShellResult> {
    let stdout = '';
    let stderr = '';
    let code = 0;
    for (let i = 0; i < lines.length; i++) {
      const inside = this.inside;
      if (!inside) {
        const rest = lines.slice(i).join('\n');
        if (rest.trim() === '') break;
        const r = await this.run(rest);
        return { stdout: stdout + r.stdout, stderr: stderr + r.stderr, exitCode: r.exitCode };
      }
      if (echo) stdout += inside.shell.prompt() + lines[i] + '\n';
      const r = inside.shell.run(lines[i]);
      stdout += r.output;
      code = r.exitCode;
      if (r.exited) {
        this.inside = undefined;
        if (inside.attach) {
          const e = await this.attachEnded(inside, code);
          stdout += e.stdout;
          stderr += e.stderr;
          code = e.exitCode;
        } else if (code !== 0) {
          // kubectl exec ends with the shell; a non-zero status is reported as for any exec
          stderr += `command terminated with exit code ${code}\n`;
        }
        this.lastStatus = code;
      }
    }
    return { stdout, stderr, exitCode: code };
  }

  /**
   * The attached main shell of `kubectl run -it` exited: the container's process ends with it,
   * then attach.go / run.go finish as the real kubectl 1.32.5 does against podbook cluster —
   * `Session ended, resume using 'kubectl attach …'` when the pod restarts its containers, the
   * `--rm` deletion, and a failed pod's `pod default/x terminated (Error)` with its exit code.
   */
  private async attachEnded(inside: Inside, code: number): Promise<ShellResult> {
    const a = inside.attach!;
    const { namespace, pod, container } = inside.attachment;
    this.cluster?.kubelet.endMainProcess(namespace, pod, container, code);
    let stdout = '';
    let stderr = '';
    let exitCode = 0;
    // a non-zero exit fails the attach; run.go then falls back to the (here empty) log stream
    if (a.restartPolicy !== 'Always' && code !== 0) stderr += `warning: couldn't attach to pod/${pod}, falling back to streaming logs: command terminated with exit code ${code}\n`;
    if (a.restartPolicy === 'Always') stdout += `Session ended, resume using 'kubectl attach ${pod} -c ${container} -i -t' command when the pod is running\n`;
    if (a.remove) {
      try {
        await this.client.delete('pods', namespace, pod, { propagationPolicy: 'Background' });
        stdout += `pod ${JSON.stringify(pod)} deleted\n`;
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
      }
    }
    if (a.restartPolicy !== 'Always' && code !== 0) {
      stderr += `pod ${namespace}/${pod} terminated (Error)\n`;
      exitCode = code;
    }
    return { stdout, stderr, exitCode };
  }

  /** Closes a port-forward (the learner's Ctrl-C), or all of them. */
  close(id?: number): void {
    for (const f of this.forwards) if (id === undefined || f.id === id) f.open = false;
  }

  /** The open forward listening on a local port. */
  forwardOn(port: number): PortForward | undefined {
    return this.forwards.find((f) => f.open && f.ports.some((p) => p.local === port));
  }

  /** `terminal`: the list reads the session's terminal (a cell's or typed line's top level). */
  private async runList(pipelines: readonly Pipeline[], out: Sink, err: Sink, stdin: string, terminal = false): Promise<number> {
    let status = this.lastStatus;
    for (const p of pipelines) {
      // once a container shell is open, the rest of the text goes to it (run())
      if (this.openedAt !== undefined) break;
      if (p.runIf === 'success' && status !== 0) continue;
      if (p.runIf === 'failure' && status === 0) continue;
      status = await this.runPipeline(p, out, err, stdin, terminal);
      if (this.inside && terminal && this.openedAt === undefined) this.openedAt = p.end;
      if (p.negated) status = status === 0 ? 1 : 0;
      this.lastStatus = status;
    }
    return status;
  }

  private async runPipeline(p: Pipeline, out: Sink, err: Sink, stdin: string, terminal: boolean): Promise<number> {
    let input = stdin;
    let status = 0;
    for (let i = 0; i < p.stages.length; i++) {
      const last = i === p.stages.length - 1;
      let captured = '';
      const stageOut: Sink = last ? out : { write: (t) => void (captured += t) };
      const tty = terminal && p.stages.length === 1 && !p.background;
      status = await this.runStage(p.stages[i], { out: stageOut, err, stdin: input, piped: !last, background: p.background, terminal: tty });
      input = captured;
    }
    return status;
  }

  private async runStage(stage: Stage, io: { out: Sink; err: Sink; stdin: string; piped: boolean; background: boolean; terminal: boolean }): Promise<number> {
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
    // stdin and stdout both the terminal: where `kubectl exec -it … -- sh` opens a session
    const terminal = io.terminal && expanded.redirects.length === 0;
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
          const text = r.target === '/dev/null' ? '' : this.fs.read(this.resolve(r.target));
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
    if (name === 'kubectl' || name.endsWith('/kubectl')) return this.kubectl(ctx, io.background, terminal);
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
  private async kubectl(ctx: CommandContext, background: boolean, terminal: boolean): Promise<number> {
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
    // On the terminal, kubectl's stdin is a TTY: `exec -it … -- sh` opens the container's shell
    // here instead of running it to the end of an empty input.
    let opened: Inside | undefined;
    const client = terminal && this.cluster ? this.attachingClient((o) => void (opened = o)) : this.client;
    const r = await runKubectl(ctx.argv, {
      client,
      namespace: this.namespace,
      files,
      env: ctx.env,
      portForwards: host,
      fs,
      stdin: ctx.stdin,
      stdinIsTerminal: terminal && this.cluster !== undefined ? true : undefined,
      // `kubectl config set-context --current --namespace=x` changes the session's namespace
      context: { namespace: this.namespace, setNamespace: (ns: string) => void (this.namespace = ns) },
      // `kubectl run -it … -- sh` at the terminal: the run's shell holds the next lines
      attachShell:
        terminal && this.cluster
          ? async (req) => {
              const cluster = this.cluster!;
              try {
                const obj = await this.client.get<KubeObject & { spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] } }>('pods', req.namespace, req.pod);
                const shell = new ContainerShellSession(cluster.kubelet.runtime, req.namespace, req.pod, req.container, req.shell, { tty: true, env: containerEnv(obj, req.container), ...clusterNetwork(cluster.store, req.namespace) });
                const containerId = cluster.kubelet.runtime.podContainer(req.namespace, req.pod, req.container)?.id ?? '';
                opened = { shell, attachment: { namespace: req.namespace, pod: req.pod, container: req.container, shell: req.shell }, containerId, attach: { restartPolicy: req.restartPolicy, remove: req.remove } };
                return true;
              } catch (e) {
                if (e instanceof ExecError || e instanceof ApiError) return false;
                throw e;
              }
            }
          : undefined,
    });
    if (r.stderr) ctx.err(r.stderr);
    if (r.stdout) ctx.out(r.stdout);
    if (forward) forward.output = r.stdout + r.stderr;
    if (opened && r.exitCode === 0) this.inside = opened;
    return r.exitCode;
  }

  /**
   * The session's client, except that an exec with a TTY of a bare shell (`-- sh`) opens that
   * shell (handed to `onOpen`) and returns at once, as kubectl's stream would stay attached.
   * A shell the image lacks falls through to the ordinary exec and its error.
   */
  private attachingClient(onOpen: (o: { shell: ContainerShellSession; attachment: ContainerAttachment; containerId: string }) => void): ClusterClient {
    const base = this.client;
    const cluster = this.cluster!;
    const exec: ClusterClient['exec'] = async (namespace, pod, container, argv, opts = {}) => {
      if (opts.tty && argv.length === 1 && isShellProgram(argv[0])) {
        try {
          const obj = await base.get<KubeObject & { spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] } }>('pods', namespace, pod);
          const env = containerEnv(obj, container);
          const shell = new ContainerShellSession(cluster.kubelet.runtime, namespace, pod, container, argv[0], { tty: true, env, ...clusterNetwork(cluster.store, namespace) });
          const containerId = cluster.kubelet.runtime.podContainer(namespace, pod, container)?.id ?? '';
          onOpen({ shell, attachment: { namespace, pod, container, shell: argv[0] }, containerId });
          return { stdout: '', stderr: '', exitCode: 0 };
        } catch (e) {
          if (!(e instanceof ExecError) && !(e instanceof ApiError)) throw e;
        }
      }
      return base.exec(namespace, pod, container, argv, opts);
    };
    return new Proxy(base, {
      get(target, prop) {
        if (prop === 'exec') return exec;
        const v: unknown = Reflect.get(target, prop, target);
        return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
      },
    });
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
