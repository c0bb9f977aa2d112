// The few file and text commands the notes use, imitating GNU coreutils / grep and bash builtins
// over the session's in-memory filesystem: echo, cat, ls, cd, pwd, mkdir, sleep, clear, head,
// tail, grep, wc, sort, base64, true, false, export. Error texts are GNU's (with its ‘’ quotes
// where GNU uses them).

import type { Command, CommandContext } from './types';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Splits text into lines, keeping whether the last one ended with a newline. */
function lines(text: string): string[] {
  if (text === '') return [];
  const parts = text.split('\n');
  if (parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/** Reads the named files (or stdin when none / `-`), reporting missing ones as `<tool>: x: No such file or directory`. */
function inputs(ctx: CommandContext, tool: string, files: string[]): { text: string; status: number; each: { name: string; text: string }[] } {
  if (files.length === 0) return { text: ctx.stdin, status: 0, each: [{ name: '', text: ctx.stdin }] };
  let status = 0;
  let text = '';
  const each: { name: string; text: string }[] = [];
  for (const f of files) {
    if (f === '-') {
      text += ctx.stdin;
      each.push({ name: '-', text: ctx.stdin });
      continue;
    }
    const p = ctx.shell.resolve(f);
    const e = ctx.shell.fs.stat(p);
    if (!e) {
      ctx.err(`${tool}: ${f}: No such file or directory\n`);
      status = 1;
    } else if (e.type === 'dir') {
      ctx.err(`${tool}: ${f}: Is a directory\n`);
      status = 1;
    } else {
      text += e.content;
      each.push({ name: f, text: e.content });
    }
  }
  return { text, status, each };
}

const echo: Command = async (ctx) => {
  let args = ctx.argv.slice(1);
  let newline = true;
  let escapes = false;
  while (args.length > 0 && /^-[neE]+$/.test(args[0])) {
    for (const c of args[0].slice(1)) {
      if (c === 'n') newline = false;
      else if (c === 'e') escapes = true;
      else escapes = false;
    }
    args = args.slice(1);
  }
  let s = args.join(' ');
  if (escapes) {
    const cut = s.indexOf('\\c');
    if (cut >= 0) {
      s = s.slice(0, cut);
      newline = false;
    }
    s = s.replace(/\\([\\abefnrtv0])/g, (_m, c: string) => ({ '\\': '\\', a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' })[c] ?? c);
  }
  ctx.out(newline ? `${s}\n` : s);
  return 0;
};

const cat: Command = async (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  const r = inputs(ctx, 'cat', files);
  ctx.out(r.text);
  return r.status;
};

const pwd: Command = async (ctx) => {
  ctx.out(`${ctx.shell.cwd}\n`);
  return 0;
};

const cd: Command = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => a !== '--');
  if (args.length > 1) {
    ctx.err('bash: cd: too many arguments\n');
    return 1;
  }
  const target = args[0] ?? ctx.shell.home;
  if (target === '-') {
    const prev = ctx.env.OLDPWD ?? ctx.shell.cwd;
    ctx.out(`${prev}\n`);
    ctx.shell.cwd = prev;
    return 0;
  }
  const p = ctx.shell.resolve(target);
  const e = ctx.shell.fs.stat(p);
  if (!e) {
    ctx.err(`bash: cd: ${target}: No such file or directory\n`);
    return 1;
  }
  if (e.type !== 'dir') {
    ctx.err(`bash: cd: ${target}: Not a directory\n`);
    return 1;
  }
  ctx.shell.cwd = p;
  return 0;
};

const mkdir: Command = async (ctx) => {
  let parents = false;
  const dirs: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a === '-p' || a === '--parents') parents = true;
    else if (/^-[pv]+$/.test(a)) parents = parents || a.includes('p');
    else dirs.push(a);
  }
  if (dirs.length === 0) {
    ctx.err("mkdir: missing operand\nTry 'mkdir --help' for more information.\n");
    return 1;
  }
  let status = 0;
  for (const d of dirs) {
    const err = ctx.shell.fs.mkdir(ctx.shell.resolve(d), { parents });
    if (!err) continue;
    status = 1;
    const why = err === 'EEXIST' ? 'File exists' : err === 'ENOTDIR' ? 'Not a directory' : 'No such file or directory';
    ctx.err(`mkdir: cannot create directory ‘${d}’: ${why}\n`);
  }
  return status;
};

/** GNU ls -C: as many columns as fit in 80, filled top to bottom, two spaces between. */
function columns(names: string[], width = 80): string {
  if (names.length === 0) return '';
  for (let cols = names.length; cols >= 1; cols--) {
    const rows = Math.ceil(names.length / cols);
    if (cols > 1 && Math.ceil(names.length / rows) !== cols) continue;
    const widths: number[] = [];
    for (let c = 0; c < cols; c++) {
      const col = names.slice(c * rows, (c + 1) * rows);
      widths.push(Math.max(...col.map((n) => n.length)));
    }
    const total = widths.reduce((a, b) => a + b, 0) + 2 * (cols - 1);
    if (total > width && cols > 1) continue;
    let out = '';
    for (let r = 0; r < rows; r++) {
      const cells: string[] = [];
      for (let c = 0; c < cols; c++) {
        const n = names[c * rows + r];
        if (n === undefined) continue;
        cells.push(n);
      }
      out += cells.map((n, i) => (i < cells.length - 1 ? n.padEnd(widths[i] + 2) : n)).join('') + '\n';
    }
    return out;
  }
  return names.join('\n') + '\n';
}

function lsTime(ms: number): string {
  const d = new Date(ms);
  return `${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2)} ${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
}

const ls: Command = async (ctx) => {
  let long = false;
  let all = false;
  let one = false;
  const paths: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1) {
      for (const c of a.slice(1)) {
        if (c === 'l') long = true;
        else if (c === 'a') all = true;
        else if (c === '1') one = true;
      }
    } else paths.push(a);
  }
  const fs = ctx.shell.fs;
  const listing = (names: string[], dir: string | null): string => {
    if (long) {
      const entries = names.map((n) => ({ n, e: fs.stat(dir === null ? ctx.shell.resolve(n) : `${dir}/${n}`) }));
      const sizes = entries.map((x) => String(x.e?.type === 'file' ? new TextEncoder().encode(x.e.content).length : 4096));
      const w = Math.max(...sizes.map((s) => s.length), 1);
      let out = '';
      if (dir !== null) {
        const blocks = entries.reduce((sum, x) => sum + (x.e?.type === 'dir' ? 4 : Math.ceil((x.e?.content.length ?? 0) / 4096) * 4), 0);
        out += `total ${blocks}\n`;
      }
      entries.forEach((x, i) => {
        const mode = x.e?.type === 'dir' ? 'drwxr-xr-x 2' : '-rw-r--r-- 1';
        out += `${mode} root root ${sizes[i].padStart(w)} ${lsTime(x.e?.mtime ?? 0)} ${x.n}\n`;
      });
      return out;
    }
    if (one || ctx.stdoutRedirected) return names.map((n) => `${n}\n`).join('');
    return columns(names);
  };
  const targets = paths.length === 0 ? ['.'] : paths;
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const e = fs.stat(ctx.shell.resolve(t));
    if (!e) {
      ctx.err(`ls: cannot access '${t}': No such file or directory\n`);
      status = 2;
    } else if (e.type === 'dir') dirs.push(t);
    else files.push(t);
  }
  let out = files.length > 0 ? listing(files, null) : '';
  dirs.forEach((d, i) => {
    const abs = ctx.shell.resolve(d);
    let names = fs.list(abs) ?? [];
    if (!all) names = names.filter((n) => !n.startsWith('.'));
    else names = ['.', '..', ...names];
    const header = targets.length > 1 || status !== 0;
    if (out !== '' || i > 0) out += '\n';
    if (header) out += `${d}:\n`;
    out += listing(names, abs === '/' ? '' : abs);
  });
  ctx.out(out);
  return status;
};

/** `sleep 10`, `sleep 0.5`, `sleep 1m`: lets virtual time pass on the simulated cluster. */
const sleep: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.length === 0) {
    ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let total = 0;
  for (const a of args) {
    const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(a);
    if (!m) {
      ctx.err(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    total += Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]] * 1000;
  }
  await ctx.shell.client.sleep(total);
  return 0;
};

/** `clear`: the terminal's escape sequences would only be noise in a captured output. */
const clear: Command = async () => 0;

/** `-n N`, `-nN`, `--lines=N`, `-N` for head and tail. */
function countArg(ctx: CommandContext, tool: string): { n: number; fromStart: boolean; files: string[] } | undefined {
  let n = 10;
  let fromStart = false;
  const files: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    let v: string | undefined;
    if (a === '-n' || a === '--lines') v = args[++i];
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (/^-n.+/.test(a)) v = a.slice(2);
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else {
      files.push(a);
      continue;
    }
    if (v === undefined) {
      ctx.err(`${tool}: option requires an argument -- 'n'\nTry '${tool} --help' for more information.\n`);
      return undefined;
    }
    if (v.startsWith('+')) fromStart = true;
    const num = /^[+-]?\d+$/.test(v) ? Math.abs(Number(v)) : NaN;
    if (Number.isNaN(num)) {
      ctx.err(`${tool}: invalid number of lines: ‘${v}’\n`);
      return undefined;
    }
    n = num;
  }
  return { n, fromStart, files };
}

function joinLines(ls: string[], originalEndsWithNewline: boolean, isEnd: boolean): string {
  if (ls.length === 0) return '';
  return ls.join('\n') + (isEnd && !originalEndsWithNewline ? '' : '\n');
}

const head: Command = async (ctx) => {
  const a = countArg(ctx, 'head');
  if (!a) return 1;
  const r = inputs(ctx, 'head', a.files);
  let out = '';
  for (const [i, f] of r.each.entries()) {
    if (r.each.length > 1) out += `${i > 0 ? '\n' : ''}==> ${f.name === '-' ? 'standard input' : f.name} <==\n`;
    const all = lines(f.text);
    const picked = all.slice(0, a.n);
    out += joinLines(picked, f.text.endsWith('\n'), picked.length === all.length);
  }
  ctx.out(out);
  return r.status;
};

const tail: Command = async (ctx) => {
  const a = countArg(ctx, 'tail');
  if (!a) return 1;
  const r = inputs(ctx, 'tail', a.files);
  let out = '';
  for (const [i, f] of r.each.entries()) {
    if (r.each.length > 1) out += `${i > 0 ? '\n' : ''}==> ${f.name === '-' ? 'standard input' : f.name} <==\n`;
    const all = lines(f.text);
    const picked = a.fromStart ? all.slice(Math.max(0, a.n - 1)) : a.n === 0 ? [] : all.slice(-a.n);
    out += joinLines(picked, f.text.endsWith('\n'), true);
  }
  ctx.out(out);
  return r.status;
};

/** A POSIX basic regular expression as a JS one (the common subset: `\(\)`, `\{\}`, `\|`, literal `+?(){}|`). */
function breToJs(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\' && i + 1 < p.length) {
      const n = p[++i];
      out += '(){}|+?'.includes(n) ? n : `\\${n}`;
    } else if ('(){}|+?'.includes(c)) out += `\\${c}`;
    else out += c;
  }
  return out;
}

const grep: Command = async (ctx) => {
  let ignore = false;
  let invert = false;
  let count = false;
  let numbers = false;
  let only = false;
  let word = false;
  let quiet = false;
  let mode: 'basic' | 'extended' | 'fixed' = 'basic';
  const patterns: string[] = [];
  const rest: string[] = [];
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-e') patterns.push(args[++i] ?? '');
    else if (a === '--') {
      rest.push(...args.slice(i + 1));
      break;
    }
    else if (a.startsWith('-') && a.length > 1 && !a.startsWith('--')) {
      for (const c of a.slice(1)) {
        if (c === 'i') ignore = true;
        else if (c === 'v') invert = true;
        else if (c === 'c') count = true;
        else if (c === 'n') numbers = true;
        else if (c === 'o') only = true;
        else if (c === 'w') word = true;
        else if (c === 'q') quiet = true;
        else if (c === 'E') mode = 'extended';
        else if (c === 'F') mode = 'fixed';
      }
    } else if (a === '--ignore-case') ignore = true;
    else if (a === '--invert-match') invert = true;
    else if (a === '--count') count = true;
    else rest.push(a);
  }
  if (patterns.length === 0) {
    if (rest.length === 0) {
      ctx.err("Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n");
      return 2;
    }
    patterns.push(rest.shift()!);
  }
  const sources = patterns.map((p) => (mode === 'fixed' ? p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : mode === 'basic' ? breToJs(p) : p));
  let re: RegExp;
  try {
    const src = sources.map((s) => (word ? `(?<![\\w])(?:${s})(?![\\w])` : `(?:${s})`)).join('|');
    re = new RegExp(src, ignore ? 'gi' : 'g');
  } catch {
    ctx.err('grep: Unmatched ( or \\(\n');
    return 2;
  }
  const r = inputs(ctx, 'grep', rest);
  let matched = 0;
  let out = '';
  for (const f of r.each) {
    let n = 0;
    lines(f.text).forEach((line, idx) => {
      re.lastIndex = 0;
      const hit = re.test(line);
      if (hit === invert) return;
      n++;
      if (count || quiet) return;
      const prefix = (r.each.length > 1 ? `${f.name}:` : '') + (numbers ? `${idx + 1}:` : '');
      if (only && !invert) {
        re.lastIndex = 0;
        for (const m of line.matchAll(re)) if (m[0] !== '') out += `${prefix}${m[0]}\n`;
      } else out += `${prefix}${line}\n`;
    });
    if (count) out += `${r.each.length > 1 ? `${f.name}:` : ''}${n}\n`;
    matched += n;
  }
  if (!quiet) ctx.out(out);
  if (r.status !== 0) return 2;
  return matched > 0 ? 0 : 1;
};

const wc: Command = async (ctx) => {
  let l = false;
  let w = false;
  let c = false;
  const files: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 'l') l = true;
        else if (ch === 'w') w = true;
        else if (ch === 'c' || ch === 'm') c = true;
      }
    } else files.push(a);
  }
  if (!l && !w && !c) l = w = c = true;
  const r = inputs(ctx, 'wc', files);
  const counts = r.each.map((f) => ({
    name: f.name,
    l: (f.text.match(/\n/g) ?? []).length,
    w: f.text.split(/\s+/).filter((x) => x !== '').length,
    c: new TextEncoder().encode(f.text).length,
  }));
  if (counts.length > 1) counts.push({ name: 'total', l: counts.reduce((s, x) => s + x.l, 0), w: counts.reduce((s, x) => s + x.w, 0), c: counts.reduce((s, x) => s + x.c, 0) });
  const selected = (x: (typeof counts)[number]) => [l ? x.l : null, w ? x.w : null, c ? x.c : null].filter((v): v is number => v !== null);
  // GNU wc: one count from stdin is printed bare; several are right-aligned in 7 columns; with
  // files the width is that of the largest count (at least 1).
  const fromStdin = files.length === 0;
  const nCounts = selected(counts[0]).length;
  const width = fromStdin ? (nCounts === 1 ? 1 : 7) : Math.max(...counts.flatMap((x) => selected(x).map((v) => String(v).length)));
  let out = '';
  for (const x of counts) out += selected(x).map((v) => String(v).padStart(width)).join(' ') + (x.name && x.name !== '-' ? ` ${x.name}` : '') + '\n';
  ctx.out(out);
  return r.status;
};

const sort: Command = async (ctx) => {
  let reverse = false;
  let numeric = false;
  let unique = false;
  const files: string[] = [];
  for (const a of ctx.argv.slice(1)) {
    if (a.startsWith('-') && a.length > 1) {
      for (const ch of a.slice(1)) {
        if (ch === 'r') reverse = true;
        else if (ch === 'n') numeric = true;
        else if (ch === 'u') unique = true;
      }
    } else files.push(a);
  }
  const r = inputs(ctx, 'sort', files);
  let ls = lines(r.text);
  ls.sort((a, b) => (numeric ? (parseFloat(a) || 0) - (parseFloat(b) || 0) || (a < b ? -1 : a > b ? 1 : 0) : a < b ? -1 : a > b ? 1 : 0));
  if (reverse) ls.reverse();
  if (unique) ls = ls.filter((x, i) => i === 0 || x !== ls[i - 1]);
  ctx.out(ls.map((x) => `${x}\n`).join(''));
  return r.status;
};

const base64: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  const decode = args.some((a) => a === '-d' || a === '--decode' || a === '-D');
  const r = inputs(
    ctx,
    'base64',
    args.filter((a) => !a.startsWith('-')),
  );
  if (decode) {
    const clean = r.text.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) {
      ctx.err('base64: invalid input\n');
      return 1;
    }
    ctx.out(new TextDecoder().decode(Uint8Array.from(atob(clean), (ch) => ch.charCodeAt(0))));
    return r.status;
  }
  const bytes = new TextEncoder().encode(r.text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  const enc = btoa(bin);
  ctx.out(enc === '' ? '' : (enc.match(/.{1,76}/g) ?? []).join('\n') + '\n');
  return r.status;
};

const trueCmd: Command = async () => 0;
const falseCmd: Command = async () => 1;

export const COREUTILS: Record<string, Command> = {
  echo,
  cat,
  pwd,
  cd,
  mkdir,
  ls,
  sleep,
  clear,
  head,
  tail,
  grep,
  wc,
  sort,
  base64,
  true: trueCmd,
  false: falseCmd,
};
