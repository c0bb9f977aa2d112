// One remote command (`exec`, `attach`) run against the simulated kubelet, independent of the
// wire protocol (WebSocket channels or SPDY streams) that carries it.
//
// Non-interactive commands gather stdin until the client closes it, then run to completion
// (lib/cluster/kubelet/exec.ts `execInContainer` is a function of its whole input), write stdout
// and stderr, then the status. A TTY with stdin on a bare shell (`-it … -- sh`) runs a
// ContainerShellSession behind a small line discipline: echo, backspace, Ctrl-C, Ctrl-D, Enter.

import { StringDecoder } from 'node:string_decoder';
import type { Cluster } from '../../cluster/cluster';
import { ContainerShellSession, ExecError, clusterNetwork, containerEnv, execInContainer } from '../../cluster/kubelet';
import type { KubeObject } from '../../k8s/types';

/** metav1.Status as the kubelet and apiserver write it on the error stream (Go field order). */
export interface StreamStatus {
  metadata: Record<string, never>;
  status: 'Success' | 'Failure';
  message?: string;
  reason?: string;
  details?: { causes: { reason?: string; message: string }[] };
  code?: number;
}

export const SUCCESS: StreamStatus = { metadata: {}, status: 'Success' };

/**
 * Who writes the status the client reads. `translator`: kube-apiserver's StreamTranslator, which
 * serves every `v5.channel.k8s.io` WebSocket in 1.30+ by running its own SPDY client against the
 * kubelet (apiserver pkg/util/proxy/streamtranslator.go); `kubelet`: the kubelet itself, reached
 * through the apiserver's plain proxy (SPDY, and WebSocket v4 and older).
 */
export type StatusWriter = 'translator' | 'kubelet';

/**
 * The NonZeroExitCode status. The kubelet's message wraps the runtime's error (cri-dockerd
 * `Error executing in Docker Container: N`, containerd `error executing command [argv], exit
 * code N`); the translator decodes that into client-go's `command terminated with exit code N`
 * and wraps it again (codeExitToStatusError). kubectl reads only the ExitCode cause.
 */
export function exitStatus(code: number, argv: string[], runtimeKind: 'docker' | 'containerd', writer: StatusWriter): StreamStatus {
  const inner =
    writer === 'translator'
      ? `command terminated with exit code ${code}`
      : runtimeKind === 'docker'
        ? `Error executing in Docker Container: ${code}`
        : `error executing command [${argv.join(' ')}], exit code ${code}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: ${inner}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/**
 * apierrors.NewInternalError(err) for an exec that could not run. The kubelet writes it around
 * the runtime's error (`Internal error occurred: error executing command in container: …`, which
 * is ExecError's message already). The translator decodes the kubelet's status into a plain
 * error (client-go errorDecoderV4 returns `fmt.Errorf(status.Message)`) and wraps it once more
 * (streamtranslator.go), so through v5 the prefix appears twice; an upgrade the kubelet refused
 * (`unable to upgrade connection: container not found ("web")`) gets it once.
 */
export function internalError(message: string, writer: StatusWriter): StreamStatus {
  const full = writer === 'translator' || !message.startsWith('Internal error occurred: ') ? `Internal error occurred: ${message}` : message;
  const cause = full.slice('Internal error occurred: '.length);
  return { metadata: {}, status: 'Failure', message: full, reason: 'InternalError', details: { causes: [{ message: cause }] }, code: 500 };
}

export interface ExecRequest {
  namespace: string;
  pod: string;
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  stderr: boolean;
  tty: boolean;
  kind: 'exec' | 'attach';
}

/** Parses the exec/attach query (`command=…&command=…&container=…&stdin=true…`). */
export function parseExecQuery(q: URLSearchParams, target: { namespace: string; pod: string; kind: 'exec' | 'attach' }): Omit<ExecRequest, 'container'> & { container?: string } {
  const flag = (k: string) => ['true', '1'].includes((q.get(k) ?? '').toLowerCase());
  return {
    namespace: target.namespace,
    pod: target.pod,
    container: q.get('container') ?? undefined,
    command: q.getAll('command'),
    stdin: flag('stdin'),
    stdout: flag('stdout'),
    stderr: flag('stderr'),
    tty: flag('tty'),
    kind: target.kind,
  };
}

type PodLike = KubeObject & { spec?: { containers?: { name: string; env?: { name: string; value?: string }[] }[] } };

/**
 * The container the request names, or the pod's only one. A pod with several containers and no
 * `container` gets the apiserver's 400 (pkg/registry/core/pod/strategy.go `validateContainer`).
 */
export function resolveContainer(cluster: Cluster, namespace: string, pod: string, container: string | undefined): { ok: true; container: string } | { ok: false; message: string } {
  const obj = cluster.store.get<PodLike>('pods', namespace, pod);
  const names = (obj.spec?.containers ?? []).map((c) => c.name);
  if (container) {
    if (!names.includes(container)) return { ok: false, message: `container ${container} is not valid for pod ${pod}` };
    return { ok: true, container };
  }
  if (names.length === 1) return { ok: true, container: names[0] };
  return { ok: false, message: `a container name must be specified for pod ${pod}, choose one of: [${names.join(' ')}]` };
}

/** Whether the container runs now; the kubelet refuses the upgrade otherwise. */
export function containerRunning(cluster: Cluster, namespace: string, pod: string, container: string): boolean {
  return cluster.kubelet.runtime.podContainer(namespace, pod, container)?.state === 'running';
}

/** What the kubelet answers when the container is not running (server.go → GetExec). */
export function notRunningMessage(container: string): string {
  return `container not found (${JSON.stringify(container)})`;
}

/**
 * The environment every process in the pod sees besides the image's: the `kubernetes` service
 * variables and the container's literal `env` values (as lib/runtime/simulated-client.ts exec).
 */
export function processEnv(cluster: Cluster, namespace: string, pod: string, container: string): Record<string, string> {
  return containerEnv(cluster.store.get<PodLike>('pods', namespace, pod), container);
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

function isBareShell(argv: string[]): boolean {
  return argv.length === 1 && SHELLS.has(argv[0].slice(argv[0].lastIndexOf('/') + 1));
}

/**
 * Commands whose stdin/stdout are byte streams (kubectl cp's `tar`): the simulated interpreter
 * carries them as latin1 "byte strings" (exec.ts `makeTar`/`parseTar`). Everything else is
 * text, carried as UTF-8.
 */
export function isBinaryCommand(argv: string[]): boolean {
  return argv.some((a) => /(^|[\s/;|&(])tar(\s|$)/.test(a) || a === 'tar');
}

function isByteString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0xff) return false;
  return true;
}

/** A terminal's output processing (ONLCR): `\n` goes out as `\r\n`. */
function onlcr(s: string): string {
  return s.replace(/\r?\n/g, '\r\n');
}

export interface ProcessOutput {
  stdout(b: Buffer): void;
  stderr(b: Buffer): void;
  /** the end: write the status (null: write none) and close */
  finish(status: StreamStatus | null): void;
}

/** A started remote command; the transport feeds it input events. */
export class RemoteProcess {
  private input: Buffer[] = [];
  private ended = false;
  private shell?: ContainerShellSession;
  private line = '';
  private decoder = new StringDecoder('utf8');
  private escape = 0;
  private bash = false;

  constructor(
    private readonly cluster: Cluster,
    private readonly req: ExecRequest,
    private readonly out: ProcessOutput,
    private readonly writer: StatusWriter,
  ) {}

  /** Starts the command: runs it now when no stdin is coming, or opens the shell. */
  start(): void {
    const { req } = this;
    if (req.kind === 'attach') {
      this.startAttach();
      return;
    }
    if (req.tty && req.stdin && isBareShell(req.command)) {
      this.openShell(req.command[0]);
      return;
    }
    if (!req.stdin) this.run(Buffer.alloc(0));
  }

  stdin(b: Buffer): void {
    if (this.ended) return;
    if (this.shell) {
      this.terminalInput(b);
      return;
    }
    if (this.req.tty && b.includes(0x04)) {
      // Ctrl-D on a terminal: end of input for a program reading it
      this.input.push(b.subarray(0, b.indexOf(0x04)));
      this.stdinEnd();
      return;
    }
    this.input.push(b);
  }

  /** The client closed stdin (v5 CLOSE signal, SPDY FIN). */
  stdinEnd(): void {
    if (this.ended) return;
    if (this.shell) {
      this.eof();
      return;
    }
    if (!this.req.stdin || this.req.kind === 'attach') return;
    this.run(Buffer.concat(this.input));
  }

  /** The connection is gone: whatever was gathered runs for its side effects (tar x). */
  clientGone(): void {
    if (this.ended) return;
    if (this.shell || !this.req.stdin || this.req.kind === 'attach') {
      this.ended = true;
      return;
    }
    this.run(Buffer.concat(this.input));
  }

  /**
   * The exec could not run. ExecError carries the runtime's words; anything else is a bug in the
   * simulation, reported the same way rather than taking the server down with the connection.
   */
  private fail(e: unknown): void {
    const message = e instanceof ExecError ? e.message : `error executing command in container: ${e instanceof Error ? e.message : String(e)}`;
    this.end(internalError(message, this.writer));
  }

  private end(status: StreamStatus | null): void {
    if (this.ended) return;
    this.ended = true;
    this.out.finish(status);
  }

  private run(stdinBytes: Buffer): void {
    const { req, cluster } = this;
    const binary = isBinaryCommand(req.command);
    let r;
    try {
      r = execInContainer(cluster.kubelet.runtime, req.namespace, req.pod, req.container, req.command, {
        stdin: stdinBytes.toString(binary ? 'latin1' : 'utf8'),
        tty: req.tty,
        // the pod may be gone by now (deleted while stdin was still arriving)
        env: processEnv(cluster, req.namespace, req.pod, req.container),
        ...clusterNetwork(cluster.store, req.namespace),
      });
    } catch (e) {
      this.fail(e);
      return;
    }
    const enc = (s: string) => (binary && isByteString(s) ? Buffer.from(s, 'latin1') : Buffer.from(req.tty ? onlcr(s) : s, 'utf8'));
    // stderr first: the interpreter returns each stream whole, and a client that finishes on its
    // stdout's end (kubectl cp reading a tar) must still see what was said on stderr (tar's
    // "removing leading '/'", written before the archive); real tar writes it first too.
    if (r.stderr && req.stderr) this.out.stderr(enc(r.stderr));
    if (r.stdout && req.stdout) this.out.stdout(enc(r.stdout));
    this.end(r.exitCode === 0 ? SUCCESS : exitStatus(r.exitCode, req.command, cluster.kubelet.runtime.kind, this.writer));
  }

  // --- attach ---------------------------------------------------------------------------------

  /**
   * `kubectl attach`: the container's main process. A shell started with stdin and a TTY
   * (`kubectl run -it … -- sh`) is driven like `exec -it … -- sh`; anything else has nothing
   * new to say until the client leaves (its earlier output is `kubectl logs`).
   */
  private startAttach(): void {
    const { req, cluster } = this;
    const c = cluster.kubelet.runtime.podContainer(req.namespace, req.pod, req.container);
    if (req.stdin && c && isBareShell(c.argv)) {
      this.openShell(c.argv[0], false);
    }
  }

  // --- interactive shell ----------------------------------------------------------------------

  private openShell(shell: string, showPrompt = true): void {
    const { req, cluster } = this;
    try {
      this.shell = new ContainerShellSession(cluster.kubelet.runtime, req.namespace, req.pod, req.container, shell, {
        tty: true,
        env: processEnv(cluster, req.namespace, req.pod, req.container),
        ...clusterNetwork(cluster.store, req.namespace),
      });
    } catch (e) {
      this.fail(e);
      return;
    }
    this.bash = this.shell.prompt().startsWith('root@');
    // attach shows no prompt until Enter: kubectl prints "If you don't see a command prompt, try pressing enter."
    if (showPrompt) this.write(this.shell.prompt());
  }

  private write(s: string): void {
    if (s) this.out.stdout(Buffer.from(s, 'utf8'));
  }

  /** A terminal in canonical mode with echo, as the pty the runtime allocates. */
  private terminalInput(b: Buffer): void {
    const text = this.decoder.write(b);
    let echo = '';
    for (const ch of text) {
      if (this.ended) return;
      // skip escape sequences (arrow keys: ESC [ A)
      if (this.escape === 1) {
        this.escape = ch === '[' || ch === 'O' ? 2 : 0;
        continue;
      }
      if (this.escape === 2) {
        if (ch >= '@' && ch <= '~') this.escape = 0;
        continue;
      }
      if (ch === '\x1b') {
        this.escape = 1;
        continue;
      }
      if (ch === '\r' || ch === '\n') {
        this.write(echo + '\r\n');
        echo = '';
        const line = this.line;
        this.line = '';
        this.enter(line);
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = [...this.line].slice(0, -1).join('');
          echo += '\b \b';
        }
      } else if (ch === '\x03') {
        this.write(echo + '^C\r\n');
        echo = '';
        this.line = '';
        this.write(this.shell!.prompt());
      } else if (ch === '\x04') {
        if (this.line === '') {
          this.write(echo);
          echo = '';
          this.eof();
          return;
        }
      } else if (ch === '\x15') {
        // Ctrl-U: kill the line
        echo += '\b \b'.repeat([...this.line].length);
        this.line = '';
      } else if (ch >= ' ' || ch === '\t') {
        this.line += ch;
        echo += ch;
      }
    }
    this.write(echo);
  }

  private enter(line: string): void {
    const r = this.shell!.run(line);
    this.write(onlcr(r.output));
    if (r.exited) {
      this.shellExited(r.exitCode);
      return;
    }
    this.write(this.shell!.prompt());
  }

  /** The shell exited: an attached one was the container's main process, which ends with it. */
  private shellExited(code: number): void {
    const { req } = this;
    if (req.kind === 'attach') this.cluster.kubelet.endMainProcess(req.namespace, req.pod, req.container, code);
    this.end(code === 0 ? SUCCESS : exitStatus(code, req.command, this.cluster.kubelet.runtime.kind, this.writer));
  }

  /** End of input (Ctrl-D on an empty line, or stdin closed): the shell exits; bash says `exit`. */
  private eof(): void {
    if (this.ended) return;
    this.write(this.bash ? 'exit\r\n' : '\r\n');
    const r = this.shell!.run('exit');
    this.shellExited(r.exitCode);
  }
}
