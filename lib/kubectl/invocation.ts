// The contract between runKubectl and the verb modules (lib/kubectl/verbs/*). A verb gets the
// resolved command (path, parsed flags, positional args), the client, the namespace and two
// output sinks; it returns kubectl's exit code. Verbs never throw for kubectl-level failures:
// they print the way kubectl's cmdutil.CheckErr would (printError) and return 1.

import type { FlagValue } from './cmdline';
import type { ClusterClient } from './client';
import { ApiError, goQuote } from '../k8s/errors';
import type { Status } from '../k8s/types';

/** Read-only manifest files the notebook provides (`kubectl apply -f pod.yaml`). */
export interface VirtualFiles {
  /** The file's text, or undefined when there is no such file. Paths are as typed (relative to the cell's cwd). */
  read(path: string): string | undefined;
}

export const NO_FILES: VirtualFiles = { read: () => undefined };

/**
 * The notebook's writable local filesystem, for `kubectl cp` (both directions). Paths are as
 * typed (relative to the cell's cwd); contents are text.
 */
export interface LocalFs {
  /** the file's text; undefined when there is no such file (or it is a directory) */
  read(path: string): string | undefined;
  write(path: string, content: string): void;
  mkdirp(path: string): void;
  exists(path: string): boolean;
  /** true for a directory (kubectl cp copies a local directory recursively) */
  isDir?(path: string): boolean;
  /** entries of a directory (names only), for copying a local directory into a pod */
  list?(path: string): string[];
}

export interface Invocation {
  /** Command names from the root: `['get']`, `['create', 'deployment']`. */
  path: string[];
  /** Every flag of the command (local, global, help), defaults filled in. */
  flags: Record<string, FlagValue>;
  /** Names of the flags given on the command line. */
  changed: ReadonlySet<string>;
  /** Positional arguments (after flags were removed), including those after `--`. */
  args: string[];
  /** Index into args where `--` appeared, or -1 (cobra's ArgsLenAtDash). */
  dashDashAt: number;
  client: ClusterClient;
  /** `-n`/`--namespace`, else the context's namespace (`default`). */
  namespace: string;
  /** Whether -n/--namespace was given (some verbs word messages differently). */
  namespaceExplicit: boolean;
  /** `-A`/`--all-namespaces` for the verbs that have it. */
  allNamespaces: boolean;
  out(text: string): void;
  err(text: string): void;
  files: VirtualFiles;
  env: Readonly<Record<string, string>>;
  /** Where `port-forward` keeps its listeners open after the verb returns (the shell session). */
  portForwards?: PortForwardHost;
  /** What the caller feeds kubectl's stdin (`kubectl exec -i`: the session's lines); undefined: none. */
  stdin?: string;
  /** Whether that stdin is a terminal (an interactive notebook session): `exec -t` then gets a TTY. */
  stdinIsTerminal?: boolean;
  /** The local filesystem `kubectl cp` reads and writes; undefined: cp to/from local fails. */
  fs?: LocalFs;
  /** The session's kubeconfig context, for `kubectl config set-context --current --namespace=x`; undefined: not writable. */
  context?: KubeconfigContext;
  /**
   * Opens an attached interactive shell in a container for the lines typed next (the terminal's
   * `kubectl run -it … -- sh`); present only where a session can hold one. Resolves false when it
   * cannot; the session prints the attach epilogue when the shell exits.
   */
  attachShell?: (req: AttachShellRequest) => Promise<boolean>;
}

export interface AttachShellRequest {
  namespace: string;
  pod: string;
  container: string;
  /** the shell program, e.g. `sh` */
  shell: string;
  restartPolicy: string;
  /** `--rm`: delete the pod when the session ends */
  remove: boolean;
}

/**
 * The writable part of the session's kubeconfig (Podbook has one context, docker-desktop): its
 * namespace. The kernel keeps it so later commands without -n use the namespace set.
 */
export interface KubeconfigContext {
  /** the context's namespace; '' when unset (commands then use `default`) */
  readonly namespace: string;
  setNamespace(ns: string): void;
}

/**
 * Listeners for `kubectl port-forward`, kept by the kernel: the verb returns after printing the
 * `Forwarding from` lines and the host answers later `curl localhost:N` through the pod.
 */
export interface PortForwardHost {
  /** Listens on localPort (0: any free port) for the pod's remotePort; the port bound, or undefined when it is in use. */
  open(namespace: string, pod: string, localPort: number, remotePort: number): number | undefined;
}

/** A kubectl verb: runs, prints through `inv.out`/`inv.err`, returns the exit code. */
export type Verb = (inv: Invocation) => Promise<number>;

/** A client-side error kubectl prints as `error: <message>` (or verbatim when `raw`). */
export class KubectlError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
    /** print the message as is, without the `error: ` prefix */
    readonly raw = false,
  ) {
    super(message);
    this.name = 'KubectlError';
  }
}

/** cmdutil.StandardErrorMessage for API errors: `Error from server (NotFound): pods "x" not found`. */
export function apiErrorMessage(status: Status): string {
  if (status.reason === 'Unauthorized') return `error: You must be logged in to the server (${status.message ?? ''})`;
  if (status.reason) return `Error from server (${status.reason}): ${status.message ?? ''}`;
  return `Error from server: ${status.message ?? ''}`;
}

/** messageForError: the one-line form of any error (StandardErrorMessage, else err.Error()). */
export function messageForError(e: unknown): string {
  if (e instanceof ApiError) return apiErrorMessage(e.status);
  if (e instanceof KubectlError) return e.raw ? e.message : e.message.startsWith('error: ') ? e.message : `error: ${e.message}`;
  if (e instanceof Error) return e.message;
  return String(e);
}

/**
 * kubectl's cmdutil.CheckErr as text (without printing): what goes to stderr for `e`.
 * * Invalid with details: `The Pod "x" is invalid: <field>: <msg>` (one cause) or the multi-line
 *   `The Pod "x" is invalid: \n* a: b\n* c: d\n` (MultilineError over the causes, deduplicated);
 * * other API errors: `Error from server (<Reason>): <message>`;
 * * several errors (an aggregate): each one's message on its own line;
 * * anything else: `error: <message>`.
 */
export function errorText(e: unknown): string {
  if (Array.isArray(e)) {
    if (e.length === 1) return errorText(e[0]);
    return e.map((x) => `${messageForError(x)}\n`).join('');
  }
  if (e instanceof ApiError && e.status.reason === 'Invalid') {
    const st = e.status;
    const details = st.details;
    let s = 'The request is invalid';
    if (!details) {
      if (st.message) s += `: ${st.message}`;
      return withNewline(s);
    }
    const causes = details.causes ?? [];
    if (details.kind || details.name) s = `The ${details.kind ?? ''} ${goQuote(details.name ?? '')} is invalid`;
    else if (st.message && causes.length === 0) s += `: ${st.message}`;
    if (causes.length === 0) return withNewline(s);
    const seen = new Set<string>();
    const msgs: string[] = [];
    for (const c of causes) {
      const m = `${c.field ?? ''}: ${c.message ?? ''}`;
      if (seen.has(m)) continue;
      seen.add(m);
      msgs.push(m);
    }
    if (msgs.length === 1) return `${s}: ${msgs[0]}\n`;
    return `${s}: \n${msgs.map((m) => `* ${m}\n`).join('')}`;
  }
  if (e instanceof KubectlError && e.raw) return withNewline(e.message);
  const msg = messageForError(e);
  if (e instanceof ApiError) return withNewline(msg);
  return withNewline(msg.startsWith('error: ') ? msg : `error: ${msg}`);
}

function withNewline(s: string): string {
  return s === '' || s.endsWith('\n') ? s : `${s}\n`;
}

/** Prints `e` as kubectl's CheckErr does and returns the exit code (1, or a KubectlError's own). */
export function printError(inv: Pick<Invocation, 'err'>, e: unknown): number {
  inv.err(errorText(e));
  if (e instanceof KubectlError) return e.exitCode;
  return 1;
}
