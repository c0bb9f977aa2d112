// The docker CLI (27.x, as Docker Desktop ships it) over the simulated node's container runtime,
// for the book's self-healing demo: `docker container ls [-a] [-q] [--filter label=k=v]`,
// `docker container rm [-f] ID…`, `docker container logs [--tail N] ID` and their short forms
// (`docker ps`, `docker rm`, `docker logs`). Output formats follow docker/cli's formatter: a
// tabwriter with minwidth 10 and padding 3, `CREATED`/`STATUS` from go-units HumanDuration, the
// command quoted and cut to 20 characters with `…`, ids cut to 12 hex digits.

import type { ContainerInfo } from '../../cluster/kubelet';
import { RuntimeError } from '../../cluster/kubelet';
import { noDockerMessage, notRunMessage } from './messages';
import type { Command, CommandContext } from './types';

/** go-units HumanDuration. */
export function dockerHumanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.round(ms / 3_600_000);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** formatter.Ellipsis: at most `max` characters, the last one `…` when cut. */
function ellipsis(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : chars.slice(0, max - 1).join('') + '…';
}

/** text/tabwriter with minwidth 10, padding 3 (docker's table formatter). */
function table(rows: string[][]): string {
  const n = rows[0].length;
  const widths: number[] = [];
  for (let c = 0; c < n - 1; c++) widths.push(Math.max(10, ...rows.map((r) => [...r[c]].length + 3)));
  return rows.map((r) => r.map((cell, c) => (c < n - 1 ? cell + ' '.repeat(widths[c] - [...cell].length) : cell)).join('') + '\n').join('');
}

function status(info: ContainerInfo, now: number): string {
  if (info.state === 'running') return `Up ${dockerHumanDuration(now - (info.startedAt ?? info.createdAt))}`;
  if (info.state === 'created') return 'Created';
  return `Exited (${info.exitCode ?? 0}) ${dockerHumanDuration(now - (info.finishedAt ?? info.createdAt))} ago`;
}

function requiresArgs(ctx: CommandContext, cmd: string, exactly: boolean, usage: string, what: string): number {
  ctx.err(
    `"docker ${cmd}" requires ${exactly ? 'exactly' : 'at least'} 1 argument.\nSee 'docker ${cmd} --help'.\n\nUsage:  docker ${cmd} ${usage}\n\n${what}\n`,
  );
  return 1;
}

/** Splits `--flag=value` and gathers flag values; returns positional args. */
function parseFlags(
  args: string[],
  spec: Record<string, { takesValue: boolean; short?: string }>,
): { flags: Record<string, string[]>; args: string[]; unknown?: string } {
  const flags: Record<string, string[]> = {};
  const pos: string[] = [];
  const byShort = new Map(Object.entries(spec).filter(([, s]) => s.short).map(([k, s]) => [s.short!, k]));
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      pos.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const s = spec[name];
      if (!s) return { flags, args: pos, unknown: a.slice(0, eq < 0 ? undefined : eq) };
      const v = s.takesValue ? (eq < 0 ? args[++i] ?? '' : a.slice(eq + 1)) : 'true';
      (flags[name] ??= []).push(v);
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const name = byShort.get(a[j]);
        if (!name) return { flags, args: pos, unknown: `-${a[j]}` };
        if (spec[name].takesValue) {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i] ?? '';
          (flags[name] ??= []).push(v);
          break;
        }
        (flags[name] ??= []).push('true');
      }
    } else pos.push(a);
  }
  return { flags, args: pos };
}

function unknownFlag(ctx: CommandContext, cmd: string, flag: string): number {
  const shown = flag.startsWith('--') ? flag.slice(2) : flag.slice(1);
  ctx.err(`unknown ${flag.startsWith('--') ? 'flag' : 'shorthand flag'}: ${flag.startsWith('--') ? flag : `'${shown}' in ${flag}`}\nSee 'docker ${cmd} --help'.\n`);
  return 125;
}

async function ls(ctx: CommandContext, args: string[], cmd: string): Promise<number> {
  const cluster = ctx.shell.cluster!;
  const p = parseFlags(args, {
    all: { takesValue: false, short: 'a' },
    quiet: { takesValue: false, short: 'q' },
    filter: { takesValue: true, short: 'f' },
    'no-trunc': { takesValue: false },
    latest: { takesValue: false, short: 'l' },
  });
  if (p.unknown) return unknownFlag(ctx, cmd, p.unknown);
  const label: Record<string, string | undefined> = {};
  const names: string[] = [];
  const ids: string[] = [];
  const statuses: string[] = [];
  for (const f of p.flags.filter ?? []) {
    const eq = f.indexOf('=');
    const key = eq < 0 ? f : f.slice(0, eq);
    const value = eq < 0 ? '' : f.slice(eq + 1);
    if (eq < 0) {
      ctx.err(`invalid argument "${f}" for "-f, --filter" flag: bad format of filter (expected name=value)\nSee 'docker ${cmd} --help'.\n`);
      return 125;
    }
    if (key === 'label') {
      const e = value.indexOf('=');
      if (e < 0) label[value] = undefined;
      else label[value.slice(0, e)] = value.slice(e + 1);
    } else if (key === 'name') names.push(value);
    else if (key === 'id') ids.push(value);
    else if (key === 'status') statuses.push(value);
    else {
      ctx.err(`Error response from daemon: invalid filter '${key}'\n`);
      return 1;
    }
  }
  const all = p.flags.all !== undefined || statuses.length > 0;
  // docker sees the kubelet's containers only when the node runs on docker (cri-dockerd)
  let list = cluster.config.runtime === 'docker' ? cluster.kubelet.runtime.listContainers({ label, all }) : [];
  if (names.length > 0) list = list.filter((c) => names.some((n) => c.name.includes(n)));
  if (ids.length > 0) list = list.filter((c) => ids.some((i) => c.id.startsWith(i)));
  if (statuses.length > 0) list = list.filter((c) => statuses.includes(c.state));
  if (p.flags.latest !== undefined) list = list.slice(0, 1);
  const noTrunc = p.flags['no-trunc'] !== undefined;
  const id = (c: ContainerInfo) => (noTrunc ? c.id : c.id.slice(0, 12));
  if (p.flags.quiet !== undefined) {
    ctx.out(list.map((c) => `${id(c)}\n`).join(''));
    return 0;
  }
  const now = cluster.now();
  const rows = [['CONTAINER ID', 'IMAGE', 'COMMAND', 'CREATED', 'STATUS', 'PORTS', 'NAMES']];
  for (const c of list) {
    const image = c.image.startsWith('sha256:') && !noTrunc ? c.image.slice(7, 19) : c.image;
    rows.push([id(c), image, JSON.stringify(noTrunc ? c.command : ellipsis(c.command, 20)), `${dockerHumanDuration(now - c.createdAt)} ago`, status(c, now), '', c.name]);
  }
  ctx.out(table(rows));
  return 0;
}

async function rm(ctx: CommandContext, args: string[], cmd: string): Promise<number> {
  const cluster = ctx.shell.cluster!;
  const p = parseFlags(args, { force: { takesValue: false, short: 'f' }, volumes: { takesValue: false, short: 'v' }, link: { takesValue: false, short: 'l' } });
  if (p.unknown) return unknownFlag(ctx, cmd, p.unknown);
  if (p.args.length === 0) return requiresArgs(ctx, cmd, false, '[OPTIONS] CONTAINER [CONTAINER...]', 'Remove one or more containers');
  let code = 0;
  for (const target of p.args) {
    try {
      if (cluster.config.runtime !== 'docker') throw new RuntimeError(`Error response from daemon: No such container: ${target}`);
      cluster.kubelet.runtime.removeContainer(target, p.flags.force !== undefined);
      ctx.out(`${target}\n`);
    } catch (e) {
      if (!(e instanceof RuntimeError)) throw e;
      ctx.err(`${e.message}\n`);
      code = 1;
    }
  }
  return code;
}

async function logs(ctx: CommandContext, args: string[], cmd: string): Promise<number> {
  const cluster = ctx.shell.cluster!;
  const p = parseFlags(args, {
    tail: { takesValue: true, short: 'n' },
    timestamps: { takesValue: false, short: 't' },
    follow: { takesValue: false, short: 'f' },
    details: { takesValue: false },
  });
  if (p.unknown) return unknownFlag(ctx, cmd, p.unknown);
  if (p.args.length !== 1) return requiresArgs(ctx, cmd, true, '[OPTIONS] CONTAINER', 'Fetch the logs of a container');
  const rt = cluster.kubelet.runtime;
  try {
    if (cluster.config.runtime !== 'docker') throw new RuntimeError(`Error response from daemon: No such container: ${p.args[0]}`);
    const info = rt.inspect(p.args[0]);
    const rec = info.sandbox ? undefined : rt.container(info.id);
    let lines = rec ? rt.logLines(rec) : [];
    const tail = p.flags.tail?.[p.flags.tail.length - 1];
    if (tail !== undefined && tail !== 'all') {
      const n = Number(tail);
      if (!/^-?\d+$/.test(tail)) {
        ctx.err(`invalid value "${tail}" for flag --tail: strconv.Atoi: parsing "${tail}": invalid syntax\n`);
        return 1;
      }
      if (n >= 0) lines = n === 0 ? [] : lines.slice(-n);
    }
    // docker logs writes what the container wrote to each stream back to the same stream
    for (const [, stream, text] of lines) (stream === 1 ? ctx.err : ctx.out)(`${text}\n`);
    return 0;
  } catch (e) {
    if (!(e instanceof RuntimeError)) throw e;
    ctx.err(`${e.message}\n`);
    return 1;
  }
}

export const docker: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let sub: string[];
  let rest: string[];
  if (args[0] === 'container' && args.length >= 2) {
    sub = args.slice(0, 2);
    rest = args.slice(2);
  } else {
    sub = args.slice(0, 1);
    rest = args.slice(1);
  }
  const verb = sub[sub.length - 1];
  const inContainer = sub.length === 2;
  const kind =
    verb === 'ps' && !inContainer ? 'ls' : (verb === 'ls' || verb === 'list' || verb === 'ps') && inContainer ? 'ls' : verb === 'rm' || verb === 'remove' ? 'rm' : verb === 'logs' ? 'logs' : undefined;
  if (!kind || (!inContainer && verb === 'remove')) {
    ctx.err(notRunMessage(['docker', ...sub].join(' ')));
    return 127;
  }
  if (!ctx.shell.cluster) {
    ctx.err(noDockerMessage());
    return 1;
  }
  const cmd = sub.join(' ');
  if (kind === 'ls') return ls(ctx, rest, cmd);
  if (kind === 'rm') return rm(ctx, rest, cmd);
  return logs(ctx, rest, cmd);
};
