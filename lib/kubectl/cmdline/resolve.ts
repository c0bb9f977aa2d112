// From kubectl's argv to a command and its parsed flags, the way kubectl 1.32 gets there:
// kubectl's plugin check ("flags cannot be placed before plugin name"), cobra's Command.Find
// (stripFlags / argsMinusFirstX, so `kubectl -n ns get pods` finds `get`), cobra's
// "unknown command ... Did you mean this?" for the root, then pflag parsing of what is left
// with the command's local, global and help flags.

import { goQuote, utf8Bytes } from './go';
import {
  formatFlagError,
  formatUsageError,
  lookupFlag,
  lookupShorthand,
  noOptDefaultOf,
  parseFlags,
  wordSepNormalize,
  type FlagTable,
  type FlagValue,
} from './flags';
import { GLOBAL_FLAGS, KUBECTL_ROOT, commandFlagTable, type KubectlCommand } from './kubectl-flags';

export type KubectlInvocation =
  | {
      /** A modelled command with its flags parsed. */
      kind: 'run';
      command: KubectlCommand;
      /** Command names from the root: `['create', 'deployment']` (also when `deploy` was typed). */
      path: string[];
      /** cobra's CommandPath: `kubectl create deployment`. */
      cmdPath: string;
      flags: Record<string, FlagValue>;
      args: string[];
      dashDashAt: number;
      changed: string[];
      /** Deprecation notices for stderr, one per line, printed before the command runs. */
      warnings: string[];
      /**
       * Set when the command is a group (`kubectl rollout`) given no subcommand: kubectl prints
       * the group's help and exits 1. (A group given unknown words is an `error` instead.)
       */
      groupHelp?: boolean;
    }
  | {
      /** A real kubectl command that Podbook does not model (`kubectl edit`, `kubectl top pod`). */
      kind: 'unsupported';
      path: string[];
      cmdPath: string;
      args: string[];
    }
  | {
      /** kubectl would stop here: print `stderr` and exit with `exitCode`. */
      kind: 'error';
      stderr: string;
      exitCode: number;
    };

const FIND_OPTS = { normalize: wordSepNormalize };

const findTables = new Map<KubectlCommand, FlagTable>();

/** The flags cobra knows while resolving: local and inherited ones, but not yet `--help`. */
function findTable(cmd: KubectlCommand): FlagTable {
  let table = findTables.get(cmd);
  if (!table) {
    const local = cmd.flags ?? [];
    const names = new Set(local.map((f) => f.name));
    table = [...local, ...GLOBAL_FLAGS.filter((f) => !names.has(f.name))];
    findTables.set(cmd, table);
  }
  return table;
}

function hasNoOptDefVal(name: string, table: FlagTable): boolean {
  const spec = lookupFlag(table, name, FIND_OPTS);
  return spec !== undefined && noOptDefaultOf(spec) !== '';
}

function shortHasNoOptDefVal(name: string, table: FlagTable): boolean {
  if (name.length === 0) return false;
  const spec = lookupShorthand(table, name);
  return spec !== undefined && noOptDefaultOf(spec) !== '';
}

/** cobra's stripFlags: the words that are neither flags nor (probably) flag values. */
export function stripFlags(args: readonly string[], table: FlagTable): string[] {
  const commands: string[] = [];
  let rest = [...args];
  while (rest.length > 0) {
    const s = rest[0];
    rest = rest.slice(1);
    if (s === '--') break;
    const longNeedsValue = s.startsWith('--') && !s.includes('=') && !hasNoOptDefVal(s.slice(2), table);
    const shortNeedsValue =
      s.startsWith('-') && !s.includes('=') && s.length === 2 && !shortHasNoOptDefVal(s.slice(1), table);
    if (longNeedsValue || shortNeedsValue) {
      if (rest.length <= 1) break;
      rest = rest.slice(1);
      continue;
    }
    if (s !== '' && !s.startsWith('-')) commands.push(s);
  }
  return commands;
}

/** cobra's argsMinusFirstX: args without the first non-flag occurrence of x. */
function argsMinusFirstX(args: readonly string[], x: string, table: FlagTable): string[] {
  for (let pos = 0; pos < args.length; pos++) {
    const s = args[pos];
    if (s === '--') break;
    const longNeedsValue = s.startsWith('--') && !s.includes('=') && !hasNoOptDefVal(s.slice(2), table);
    const shortNeedsValue =
      s.startsWith('-') && !s.includes('=') && s.length === 2 && !shortHasNoOptDefVal(s.slice(1), table);
    if (longNeedsValue || shortNeedsValue) {
      pos++;
      continue;
    }
    if (!s.startsWith('-') && s === x) return [...args.slice(0, pos), ...args.slice(pos + 1)];
  }
  return [...args];
}

function findNext(cmd: KubectlCommand, next: string): KubectlCommand | undefined {
  return cmd.subcommands?.find((c) => c.name === next || (c.aliases ?? []).includes(next));
}

/** cobra's Command.Find without its error: the deepest command named and the args left for it. */
export function findCommand(argv: readonly string[]): { command: KubectlCommand; path: string[]; args: string[] } {
  let cmd = KUBECTL_ROOT;
  const path: string[] = [];
  let args = [...argv];
  for (;;) {
    const table = findTable(cmd);
    const words = stripFlags(args, table);
    if (words.length === 0) break;
    const sub = findNext(cmd, words[0]);
    if (!sub) break;
    args = argsMinusFirstX(args, words[0], table);
    path.push(sub.name);
    cmd = sub;
  }
  return { command: cmd, path, args };
}

/** cobra's ld(): Levenshtein distance over bytes, ignoring case. */
function levenshtein(a: string, b: string): number {
  const s = utf8Bytes(a.toLowerCase());
  const t = utf8Bytes(b.toLowerCase());
  const d: number[][] = [];
  for (let i = 0; i <= s.length; i++) d.push([i, ...new Array<number>(t.length).fill(0)]);
  for (let j = 0; j <= t.length; j++) d[0][j] = j;
  for (let j = 1; j <= t.length; j++) {
    for (let i = 1; i <= s.length; i++) {
      d[i][j] = s[i - 1] === t[j - 1] ? d[i - 1][j - 1] : Math.min(d[i - 1][j], d[i][j - 1], d[i - 1][j - 1]) + 1;
    }
  }
  return d[s.length][t.length];
}

/** cobra's SuggestionsFor on the root (minimum distance 2, prefix matches, SuggestFor). */
export function suggestCommands(typed: string): string[] {
  const out: string[] = [];
  for (const cmd of KUBECTL_ROOT.subcommands ?? []) {
    if (cmd.unavailable) continue;
    if (levenshtein(typed, cmd.name) <= 2 || cmd.name.toLowerCase().startsWith(typed.toLowerCase())) out.push(cmd.name);
    for (const s of cmd.suggestFor ?? []) if (s.toLowerCase() === typed.toLowerCase()) out.push(cmd.name);
  }
  return out;
}

/** `error: unknown command "foo" for "kubectl"` plus cobra's suggestions, as kubectl prints it. */
export function unknownCommandError(typed: string): string {
  const suggestions = suggestCommands(typed);
  let msg = `error: unknown command ${goQuote(typed)} for "kubectl"`;
  if (suggestions.length > 0) msg += `\n\nDid you mean this?\n${suggestions.map((s) => `\t${s}\n`).join('')}`;
  return msg.endsWith('\n') ? msg : `${msg}\n`;
}

/**
 * Resolves the words after `kubectl` to a command and parses its flags. Flag errors come back
 * as kubectl prints them (`error: unknown flag: --foo\nSee 'kubectl get --help' for usage.\n`).
 * `-h`/`--help` parse like any bool: check `flags.help` and print the command's help.
 */
export function resolveKubectl(argv: readonly string[]): KubectlInvocation {
  const found = findCommand(argv);
  const { command, path } = found;
  const cmdPath = ['kubectl', ...path].join(' ');

  // cobra's legacyArgs: only the root rejects leftover words, before anything is parsed.
  if (path.length === 0) {
    const words = stripFlags(found.args, findTable(command));
    if (words.length > 0) {
      // kubectl's plugin handler looks first; it refuses a flag in front of the plugin name.
      if (argv[0].startsWith('-')) {
        return { kind: 'error', stderr: `Error: flags cannot be placed before plugin name: ${argv[0]}\n`, exitCode: 1 };
      }
      return { kind: 'error', stderr: unknownCommandError(words[0]), exitCode: 1 };
    }
  }

  if (!command.flags) return { kind: 'unsupported', path, cmdPath, args: found.args };

  const parsed = parseFlags(found.args, commandFlagTable(command.flags), FIND_OPTS);
  if (!parsed.ok) return { kind: 'error', stderr: formatFlagError(cmdPath, parsed.error), exitCode: 1 };

  if (command.group && !parsed.flags.help) {
    // cmdutil.DefaultSubCommandRun → RequireNoArguments
    if (parsed.args.length > 0) {
      const msg = `unknown command ${goQuote(parsed.args.join(' '))}`;
      return { kind: 'error', stderr: formatUsageError(cmdPath, msg), exitCode: 1 };
    }
    return { kind: 'run', command, path, cmdPath, ...stripOk(parsed), groupHelp: true };
  }
  return { kind: 'run', command, path, cmdPath, ...stripOk(parsed) };
}

function stripOk<T extends { ok: true }>(r: T): Omit<T, 'ok'> {
  const { ok, ...rest } = r;
  return rest;
}
