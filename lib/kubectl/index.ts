// Podbook's kubectl: one command line in, kubectl's stdout, stderr and exit code out.
//
//   const r = await runKubectl('kubectl get pods -o wide', { client });
//   r.stdout, r.stderr, r.exitCode
//
// The line is tokenized like bash (one simple command; pipes, redirections and `$(…)` belong to
// the kernel), resolved like cobra (resolveKubectl: flag errors and unknown commands come back
// exactly as kubectl prints them), then dispatched to the verb registered for the command path
// in verbs/index.ts. Commands that kubectl has but Podbook does not run print a Korean + English
// note and exit 1.

import { parseCommandLine, resolveKubectl } from './cmdline';
import type { ClusterClient } from './client';
import { NO_FILES, printError } from './invocation';
import type { Invocation, KubeconfigContext, LocalFs, PortForwardHost, VirtualFiles } from './invocation';
import { VERBS } from './verbs';
import { notSupportedMessage } from './verbs/unsupported';

export type { ClusterClient } from './client';
export type { AttachShellRequest, Invocation, KubeconfigContext, LocalFs, PortForwardHost, Verb, VirtualFiles } from './invocation';
export { KubectlError, errorText, printError } from './invocation';
export { notSupportedMessage } from './verbs/unsupported';

export interface KubectlContext {
  client: ClusterClient;
  /** the kubeconfig context's namespace; `default` when unset */
  namespace?: string;
  files?: VirtualFiles;
  env?: Readonly<Record<string, string>>;
  /** the kernel's port-forward listeners; without it `port-forward` prints its lines and forwards nothing */
  portForwards?: PortForwardHost;
  /** kubectl's stdin (lines for `kubectl exec -i`), see Invocation.stdin */
  stdin?: string;
  /** the stdin is a terminal (an interactive session): `exec -t` gets a TTY */
  stdinIsTerminal?: boolean;
  /** the writable local filesystem for `kubectl cp` */
  fs?: LocalFs;
  /** the session's kubeconfig context: its namespace (overrides `namespace`) and `config set-context --namespace` */
  context?: KubeconfigContext;
  /** see Invocation.attachShell */
  attachShell?: Invocation['attachShell'];
}

export interface KubectlResult {
  stdout: string;
  stderr: string;
  exitCode: number;
}

function isKubectlWord(w: string): boolean {
  return w === 'kubectl' || w.endsWith('/kubectl');
}

/** The words after `kubectl`, or an error for lines that are not one plain kubectl command. */
function argvOf(commandLine: string | readonly string[], env: Readonly<Record<string, string>>): { argv: string[] } | { error: string } {
  if (typeof commandLine !== 'string') {
    const words = [...commandLine];
    return { argv: words.length > 0 && isKubectlWord(words[0]) ? words.slice(1) : words };
  }
  const parsed = parseCommandLine(commandLine, { env });
  if (!parsed.ok) return { error: `bash: syntax error: ${parsed.error}\n` };
  const stages = parsed.pipelines.flatMap((p) => p.stages);
  if (parsed.pipelines.length !== 1 || stages.length !== 1 || stages[0].argv === null || stages[0].redirects.length > 0) {
    return { error: 'runKubectl: expected a single kubectl command (pipes, redirections and substitutions are run by the kernel)\n' };
  }
  const argv = stages[0].argv;
  if (argv.length === 0 || !isKubectlWord(argv[0])) return { error: `runKubectl: not a kubectl command: ${commandLine}\n` };
  return { argv: argv.slice(1) };
}

export async function runKubectl(commandLine: string | readonly string[], ctx: KubectlContext): Promise<KubectlResult> {
  let stdout = '';
  let stderr = '';
  const env = ctx.env ?? {};
  const a = argvOf(commandLine, env);
  if ('error' in a) return { stdout: '', stderr: a.error, exitCode: 1 };

  const resolved = resolveKubectl(a.argv);
  if (resolved.kind === 'error') return { stdout: '', stderr: resolved.stderr, exitCode: resolved.exitCode };
  if (resolved.kind === 'unsupported') return { stdout: '', stderr: notSupportedMessage(resolved.cmdPath), exitCode: 1 };

  for (const w of resolved.warnings) stderr += w.endsWith('\n') ? w : `${w}\n`;
  if (resolved.flags.help === true || resolved.groupHelp) {
    return { stdout: '', stderr: stderr + notSupportedMessage(`${resolved.cmdPath} --help`), exitCode: resolved.groupHelp ? 1 : 0 };
  }
  const verb = VERBS[resolved.path.join(' ')];
  if (!verb) return { stdout: '', stderr: stderr + notSupportedMessage(resolved.cmdPath), exitCode: 1 };

  const nsFlag = typeof resolved.flags.namespace === 'string' ? resolved.flags.namespace : '';
  const inv: Invocation = {
    path: resolved.path,
    flags: resolved.flags,
    changed: new Set(resolved.changed),
    args: resolved.args,
    dashDashAt: resolved.dashDashAt,
    client: ctx.client,
    namespace: nsFlag || ctx.context?.namespace || ctx.namespace || 'default',
    namespaceExplicit: nsFlag !== '',
    allNamespaces: resolved.flags['all-namespaces'] === true,
    out: (text) => {
      stdout += text;
    },
    err: (text) => {
      stderr += text;
    },
    files: ctx.files ?? NO_FILES,
    env,
    portForwards: ctx.portForwards,
    stdin: ctx.stdin,
    stdinIsTerminal: ctx.stdinIsTerminal,
    fs: ctx.fs,
    context: ctx.context,
    attachShell: ctx.attachShell,
  };
  let exitCode: number;
  try {
    exitCode = await verb(inv);
  } catch (e) {
    exitCode = printError(inv, e);
  }
  return { stdout, stderr, exitCode };
}
