// The contract between the shell session and its commands (the shims).

import type { ClusterClient } from '../../kubectl/client';
import type { Cluster } from '../../cluster/cluster';
import type { VirtualFS } from './fs';

export interface ShellResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/** One running command: its words, its standard input and where its output goes. */
export interface CommandContext {
  argv: string[];
  stdin: string;
  out(text: string): void;
  err(text: string): void;
  /** stdout is a pipe or a file, not the terminal (ls prints one name a line, curl shows its meter) */
  stdoutRedirected: boolean;
  /** the variables this command sees (the session's plus `X=1 cmd` assignments) */
  env: Readonly<Record<string, string>>;
  shell: ShellHost;
}

/** What commands may use of the session. */
export interface ShellHost {
  readonly client: ClusterClient;
  readonly cluster?: Cluster;
  readonly fs: VirtualFS;
  cwd: string;
  readonly home: string;
  /** absolute path of `p` against the cwd, `~` as home */
  resolve(p: string): string;
  /** an HTTP request to localhost:port through an open port-forward (curl, wget) */
  localHttp(port: number, req: { method?: string; path?: string; headers?: Record<string, string> }): Promise<LocalHttpResult>;
}

export type LocalHttpResult =
  | { kind: 'response'; status: number; statusText: string; headers: Record<string, string>; body: string }
  /** nothing listens on the local port */
  | { kind: 'refused' }
  /** the forward accepted the connection but the pod side failed: curl sees an empty reply */
  | { kind: 'empty' };

export type Command = (ctx: CommandContext) => Promise<number>;
