// Commands run "inside" a container (`kubectl exec`, `kubectl cp`'s tar, an interactive
// `kubectl exec -it … -- sh`). This is a tiny, safe interpreter over the container runtime's
// view of the container (its image's programs and files, its copy-on-write layer, the pod's
// network namespace): it never runs a real shell or a real program.
//
// What it knows is what the books use: `hostname [-i]`, `wget -O - http://localhost` with
// busybox's exact progress lines, `curl localhost`, `cat`, `ls [-l]`, `env`, `echo`, `head`,
// `tail`, `grep`, `wc`, `pwd`, `cd`, `date`, `uname`, `whoami`, `id`, `test -d`, `tar cf -` and
// `tar xf -` (real ustar byte streams as binary strings), `sh -c`/`bash -c` with `;`, `&&`,
// `||`, `|`, `$VAR`, `$(…)`, and `>`/`>>`/`2>`/`2>&1`/`<` redirections, `exit N`.
//
// Which programs exist is the image catalogue's `bins` (images.ts): busybox/alpine images have
// `sh` (ash) and `wget` but no `bash`; ubuntu has bash (sh is dash) and neither curl nor wget;
// alicek106/rr-test:curl has curl. A program the image lacks fails the way the shell or the
// container runtime reports it. A program the image has but Podbook does not model says so.

import type { ContainerRecord, ContainerRuntime } from './runtime';
import { unixDate, NODE_KERNEL } from './runtime';
import { hasProgram } from './images';
import type { ImageEntry } from './images';

export interface ExecOptions {
  /** what the caller writes to the process's stdin (lines of an interactive session) */
  stdin?: string;
  /** a terminal is attached: stderr merges into stdout, shells prompt and echo */
  tty?: boolean;
  /** extra environment (the pod spec's env, service variables) */
  env?: Readonly<Record<string, string>>;
  /** resolves a host name other than localhost to an IP (cluster DNS); undefined: unknown host */
  resolve?: (host: string) => string | undefined;
  /** kube-proxy: a connection to a ClusterIP and port → the endpoint that answers it */
  route?: (ip: string, port: number) => { podIP: string; port: number } | undefined;
}

export interface ExecOutput {
  stdout: string;
  stderr: string;
  exitCode: number;
}

/**
 * The exec could not start: the container is not running (`container not found ("web")`), or
 * the runtime failed before the process ran (containerd's "Internal error occurred: …").
 * kubectl prints `error: <message>`.
 */
export class ExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExecError';
  }
}

/** busybox wget resolves `localhost` from /etc/hosts to IPv4 first on docker-desktop. */
export const LOCALHOST_IP = '127.0.0.1';

type Flavour = 'ash' | 'dash' | 'bash';

interface Chunk {
  fd: 1 | 2;
  text: string;
}

interface Result {
  chunks: Chunk[];
  code: number;
  /** `exit` ran: the shell ends */
  exited?: boolean;
}

/** One process context: the container, its shell flavour, variables and working directory. */
interface Ctx {
  runtime: ContainerRuntime;
  ns: string;
  pod: string;
  container: string;
  c: ContainerRecord;
  image: ImageEntry;
  ip: string;
  vars: Record<string, string>;
  cwd: string;
  tty: boolean;
  resolve?: (host: string) => string | undefined;
  route?: (ip: string, port: number) => { podIP: string; port: number } | undefined;
  /** the script name for error messages: `sh`, `bash` */
  flavour: Flavour;
  /** `-c` script (line numbers in dash/bash messages) vs interactive */
  interactive: boolean;
  lastCode: number;
}

const SHELLS = new Set(['sh', 'ash', 'bash', 'dash']);

function baseName(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function normalize(cwd: string, p: string): string {
  const abs = p.startsWith('/') ? p : `${cwd === '/' ? '' : cwd}/${p}`;
  const parts: string[] = [];
  for (const seg of abs.split('/')) {
    if (!seg || seg === '.') continue;
    if (seg === '..') parts.pop();
    else parts.push(seg);
  }
  return '/' + parts.join('/');
}

/** UTF-8 bytes of a JS string, as a binary string (one char per byte). */
export function utf8Bytes(s: string): string {
  return unescape(encodeURIComponent(s));
}

/** A binary string of UTF-8 bytes back to text (invalid sequences kept byte by byte). */
export function utf8Text(b: string): string {
  try {
    return decodeURIComponent(escape(b));
  } catch {
    return b;
  }
}

function containerFor(runtime: ContainerRuntime, ns: string, pod: string, container: string): { c: ContainerRecord; image: ImageEntry; ip: string } {
  const c = runtime.podContainer(ns, pod, container);
  if (!c || c.state !== 'running') throw new ExecError(`unable to upgrade connection: container not found (${JSON.stringify(container)})`);
  const image = runtime.image(c.id);
  if (!image) throw new ExecError(`unable to upgrade connection: container not found (${JSON.stringify(container)})`);
  const ip = runtime.sandbox(c.sandboxId)?.ip ?? '';
  return { c, image, ip };
}

function baseEnv(image: ImageEntry, pod: string, extra: Readonly<Record<string, string>> = {}): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const e of image.env) {
    const i = e.indexOf('=');
    if (i > 0) vars[e.slice(0, i)] = e.slice(i + 1);
  }
  vars.HOSTNAME = pod;
  Object.assign(vars, extra);
  vars.HOME ??= '/root';
  return vars;
}

/** A short deterministic hex id for runtime messages (`failed to start exec "<id>"`). */
function execId(seed: string): string {
  let out = '';
  for (let round = 0; out.length < 64; round++) {
    let h = (0x811c9dc5 ^ round) >>> 0;
    for (let i = 0; i < seed.length; i++) h = Math.imul(h ^ seed.charCodeAt(i), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 64);
}

/**
 * Runs argv in a container as `kubectl exec` does. Throws ExecError when the exec cannot start
 * (not running; containerd's missing-binary error). A binary missing under Docker is reported
 * on stdout by the daemon (`OCI runtime exec failed: …\r\n`) with exit code 126, as cri-dockerd
 * passes it through (moby `postContainerExecStart` writes the error to the stream).
 */
export function execInContainer(runtime: ContainerRuntime, ns: string, pod: string, container: string, argv: string[], opts: ExecOptions = {}): ExecOutput {
  const { c, image, ip } = containerFor(runtime, ns, pod, container);
  if (argv.length === 0) throw new ExecError('you must specify at least one command for the container');
  const bin = argv[0];
  if (!hasProgram(image, bin)) {
    const inner = `OCI runtime exec failed: exec failed: unable to start container process: exec: ${JSON.stringify(bin)}: ${bin.includes('/') ? `stat ${bin}: no such file or directory` : 'executable file not found in $PATH'}: unknown`;
    if (runtime.kind === 'docker') return { stdout: `${inner}\r\n`, stderr: '', exitCode: 126 };
    throw new ExecError(`Internal error occurred: error executing command in container: failed to exec in container: failed to start exec ${JSON.stringify(execId(`${c.id}:${runtime.now()}:${argv.join(' ')}`))}: ${inner}`);
  }
  const ctx: Ctx = {
    runtime,
    ns,
    pod,
    container,
    c,
    image,
    ip,
    vars: baseEnv(image, pod, opts.env),
    cwd: image.workingDir || '/',
    tty: opts.tty === true,
    resolve: opts.resolve,
    route: opts.route,
    flavour: 'ash',
    interactive: false,
    lastCode: 0,
  };
  const name = baseName(bin);
  // an interactive shell fed by stdin: the session, line by line
  if (SHELLS.has(name) && argv.length === 1) {
    const session = new ContainerShellSession(runtime, ns, pod, container, bin, opts);
    return session.runAll(opts.stdin ?? '');
  }
  const r = runProgram(ctx, argv, opts.stdin ?? '');
  return split(r, ctx.tty);
}

function split(r: Result, tty: boolean): ExecOutput {
  let stdout = '';
  let stderr = '';
  for (const ch of r.chunks) {
    if (ch.fd === 1 || tty) stdout += ch.text;
    else stderr += ch.text;
  }
  return { stdout, stderr, exitCode: r.code };
}

/**
 * An interactive shell in a container (`kubectl exec -it POD -- sh`), driven a line at a time:
 * `prompt()` is what the shell shows, `run(line)` runs one line and says whether it exited.
 */
export class ContainerShellSession {
  private ctx: Ctx;
  private done = false;
  private code = 0;

  constructor(runtime: ContainerRuntime, ns: string, pod: string, container: string, shell: string, opts: ExecOptions = {}) {
    const { c, image, ip } = containerFor(runtime, ns, pod, container);
    if (!hasProgram(image, shell)) throw new ExecError(`OCI runtime exec failed: exec failed: unable to start container process: exec: ${JSON.stringify(shell)}: executable file not found in $PATH: unknown`);
    const name = baseName(shell);
    this.ctx = {
      runtime,
      ns,
      pod,
      container,
      c,
      image,
      ip,
      vars: baseEnv(image, pod, opts.env),
      cwd: image.workingDir || '/',
      tty: opts.tty !== false,
      resolve: opts.resolve,
      route: opts.route,
      flavour: name === 'bash' ? 'bash' : image.shell === 'bash' ? 'dash' : 'ash',
      interactive: true,
      lastCode: 0,
    };
  }

  /** `/ # ` (busybox ash as root), `root@<pod>:/# ` (bash), `# ` (dash). */
  prompt(): string {
    const { flavour, cwd, pod } = this.ctx;
    if (flavour === 'bash') {
      const home = this.ctx.vars.HOME ?? '/root';
      const shown = cwd === home ? '~' : cwd.startsWith(home + '/') ? '~' + cwd.slice(home.length) : cwd;
      return `root@${pod}:${shown}# `;
    }
    if (flavour === 'dash') return '# ';
    return `${cwd} # `;
  }

  get exited(): boolean {
    return this.done;
  }

  /** Runs one input line. The output has stderr merged in (a terminal shows both). */
  run(line: string): { output: string; exited: boolean; exitCode: number } {
    if (this.done) return { output: '', exited: true, exitCode: this.code };
    const r = runScript(this.ctx, line, '');
    this.ctx.lastCode = r.code;
    if (r.exited) {
      this.done = true;
      this.code = r.code;
    }
    return { output: r.chunks.map((c) => c.text).join(''), exited: this.done, exitCode: r.code };
  }

  /**
   * The whole session from stdin. With a terminal: prompt, the echoed line, its output, …; at
   * the end of input without `exit`, the shell sees EOF (Ctrl-D): bash prints `exit`.
   * Without one: no prompts or echo, stdout and stderr apart (a shell reading a script).
   */
  runAll(stdin: string): ExecOutput {
    const lines = stdin === '' ? [] : stdin.replace(/\n$/, '').split('\n');
    let stdout = '';
    let stderr = '';
    for (const line of lines) {
      if (this.done) break;
      if (this.ctx.tty) {
        stdout += this.prompt() + line + '\n';
        stdout += this.run(line).output;
      } else {
        const r = runScript(this.ctx, line, '');
        this.ctx.lastCode = r.code;
        const o = split(r, false);
        stdout += o.stdout;
        stderr += o.stderr;
        if (r.exited) {
          this.done = true;
          this.code = r.code;
        }
      }
    }
    if (!this.done) {
      this.code = this.ctx.lastCode;
      if (this.ctx.tty) stdout += this.prompt() + (this.ctx.flavour === 'bash' ? 'exit\n' : '\n');
      this.done = true;
    }
    return { stdout, stderr, exitCode: this.code };
  }
}

// ---------------------------------------------------------------------------------------------
// the shell: words, pipelines, lists

interface Stage {
  words: string[];
  /** redirections in order: [fd, op, target] */
  redirs: { fd: number; op: '>' | '>>' | '<' | '>&'; target: string }[];
}

type Token = { t: 'word'; v: string } | { t: 'op'; v: ';' | '&&' | '||' | '|' } | { t: 'redir'; fd: number; op: '>' | '>>' | '<' | '>&' };

function syntaxError(ctx: Ctx, near: string): Result {
  const msg =
    ctx.flavour === 'bash'
      ? `bash: ${ctx.interactive ? '' : '-c: line 1: '}syntax error near unexpected token \`${near}'\n`
      : ctx.flavour === 'dash'
        ? `sh: 1: Syntax error: ${JSON.stringify(near)} unexpected\n`
        : `sh: syntax error: unexpected ${JSON.stringify(near)}\n`;
  return { chunks: [{ fd: 2, text: msg }], code: 2 };
}

/** Splits a line into words (quotes, `$VAR`, `$(…)` expanded) and operators. */
function tokenize(ctx: Ctx, line: string): Token[] | { error: string } {
  const out: Token[] = [];
  let cur = '';
  let has = false;
  const push = () => {
    if (has) out.push({ t: 'word', v: cur });
    cur = '';
    has = false;
  };
  const expandVar = (s: string, i: number): [string, number] => {
    // at s[i] === '$'
    const next = s[i + 1];
    if (next === '?') return [String(ctx.lastCode), i + 2];
    if (next === '$') return ['1', i + 2];
    if (next === '(') {
      let depth = 1;
      let j = i + 2;
      while (j < s.length && depth > 0) {
        if (s[j] === '(') depth++;
        else if (s[j] === ')') depth--;
        j++;
      }
      const inner = s.slice(i + 2, j - 1);
      const r = runScript({ ...ctx, interactive: false }, inner, '');
      const text = r.chunks.filter((c) => c.fd === 1).map((c) => c.text).join('').replace(/\n+$/, '');
      return [text, j];
    }
    if (next === '{') {
      const j = s.indexOf('}', i + 2);
      if (j < 0) return ['$', i + 1];
      return [ctx.vars[s.slice(i + 2, j)] ?? '', j + 1];
    }
    const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(s.slice(i + 1));
    if (!m) return ['$', i + 1];
    return [ctx.vars[m[0]] ?? '', i + 1 + m[0].length];
  };
  for (let i = 0; i < line.length; ) {
    const ch = line[i];
    if (ch === "'") {
      const j = line.indexOf("'", i + 1);
      if (j < 0) return { error: 'unterminated quoted string' };
      cur += line.slice(i + 1, j);
      has = true;
      i = j + 1;
    } else if (ch === '"') {
      let j = i + 1;
      has = true;
      while (j < line.length && line[j] !== '"') {
        if (line[j] === '\\' && j + 1 < line.length && '"\\$`'.includes(line[j + 1])) {
          cur += line[j + 1];
          j += 2;
        } else if (line[j] === '$') {
          const [v, k] = expandVar(line, j);
          cur += v;
          j = k;
        } else cur += line[j++];
      }
      if (j >= line.length) return { error: 'unterminated quoted string' };
      i = j + 1;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[i + 1];
      has = true;
      i += 2;
    } else if (ch === '$') {
      const [v, k] = expandVar(line, i);
      cur += v;
      has = has || v !== '' || line[i + 1] === undefined;
      i = k;
    } else if (ch === '`') {
      const j = line.indexOf('`', i + 1);
      if (j < 0) return { error: 'unterminated quoted string' };
      const [v] = expandVar(`$(${line.slice(i + 1, j)})`, 0);
      cur += v;
      has = true;
      i = j + 1;
    } else if (ch === ' ' || ch === '\t') {
      push();
      i++;
    } else if (ch === '#' && !has) {
      break;
    } else if (ch === '~' && !has && (i + 1 === line.length || ' \t/;&|'.includes(line[i + 1]))) {
      cur += ctx.vars.HOME ?? '/root';
      has = true;
      i++;
    } else if (ch === ';' || ch === '\n') {
      push();
      out.push({ t: 'op', v: ';' });
      i++;
    } else if ((ch === '&' || ch === '|') && line[i + 1] === ch) {
      push();
      out.push({ t: 'op', v: ch === '&' ? '&&' : '||' });
      i += 2;
    } else if (ch === '|') {
      push();
      out.push({ t: 'op', v: '|' });
      i++;
    } else if (ch === '&' && line[i + 1] === '>') {
      push();
      out.push({ t: 'redir', fd: 1, op: '>' });
      out.push({ t: 'redir', fd: 2, op: '>&' }, { t: 'word', v: '1' });
      // `&> file`: the file word follows; reorder so stdout goes to the file first
      const last = out.splice(out.length - 2, 2);
      i += 2;
      while (line[i] === ' ') i++;
      let w = '';
      while (i < line.length && !' \t;&|'.includes(line[i])) w += line[i++];
      out.push({ t: 'word', v: w }, ...last);
    } else if (ch === '&') {
      // background: run in the foreground (the output is what a reader expects to see)
      push();
      out.push({ t: 'op', v: ';' });
      i++;
    } else if (ch === '>' || ch === '<') {
      let fd = ch === '<' ? 0 : 1;
      if (has && /^\d$/.test(cur)) {
        fd = Number(cur);
        cur = '';
        has = false;
      } else push();
      if (ch === '>' && line[i + 1] === '>') {
        out.push({ t: 'redir', fd, op: '>>' });
        i += 2;
      } else if (ch === '>' && line[i + 1] === '&') {
        out.push({ t: 'redir', fd, op: '>&' });
        i += 2;
      } else {
        out.push({ t: 'redir', fd, op: ch === '<' ? '<' : '>' });
        i++;
      }
    } else {
      cur += ch;
      has = true;
      i++;
    }
  }
  push();
  return out;
}

/** Runs a command line (a list of pipelines joined by `;`, `&&`, `||`). */
function runScript(ctx: Ctx, line: string, stdin: string): Result {
  const toks = tokenize(ctx, line);
  if ('error' in toks) {
    const msg = ctx.flavour === 'bash' ? `bash: ${ctx.interactive ? '' : '-c: line 1: '}unexpected EOF while looking for matching quote\n` : ctx.flavour === 'dash' ? 'sh: 1: Syntax error: Unterminated quoted string\n' : 'sh: syntax error: unterminated quoted string\n';
    return { chunks: [{ fd: 2, text: msg }], code: 2 };
  }
  const chunks: Chunk[] = [];
  let code = ctx.lastCode;
  let i = 0;
  let skip = false;
  while (i < toks.length) {
    // one pipeline
    const stages: Stage[] = [{ words: [], redirs: [] }];
    let j = i;
    for (; j < toks.length; j++) {
      const t = toks[j];
      if (t.t === 'op' && t.v !== '|') break;
      if (t.t === 'op') {
        if (stages[stages.length - 1].words.length === 0) return { chunks: [...chunks, ...syntaxError(ctx, '|').chunks], code: 2 };
        stages.push({ words: [], redirs: [] });
        continue;
      }
      const st = stages[stages.length - 1];
      if (t.t === 'redir') {
        const target = toks[j + 1];
        if (!target || target.t !== 'word') return { chunks: [...chunks, ...syntaxError(ctx, 'newline').chunks], code: 2 };
        st.redirs.push({ fd: t.fd, op: t.op, target: target.v });
        j++;
        continue;
      }
      st.words.push(t.v);
    }
    const op = toks[j];
    if (!skip && stages.some((s) => s.words.length || s.redirs.length)) {
      const r = runPipeline(ctx, stages, stdin);
      chunks.push(...r.chunks);
      code = r.code;
      ctx.lastCode = code;
      if (r.exited) return { chunks, code, exited: true };
    }
    if (!op) break;
    if (op.t === 'op' && op.v === '&&') skip = code !== 0;
    else if (op.t === 'op' && op.v === '||') skip = code === 0;
    else skip = false;
    i = j + 1;
  }
  return { chunks, code };
}

function runPipeline(ctx: Ctx, stages: Stage[], stdin: string): Result {
  let input = stdin;
  let acc: Chunk[] | undefined;
  let last: Result = { chunks: [], code: 0 };
  for (let k = 0; k < stages.length; k++) {
    const st = stages[k];
    const r = runStage(ctx, st, k === 0 ? input : input);
    if (r.exited && stages.length === 1) return r;
    const piped = k < stages.length - 1;
    let own = r.chunks;
    if (piped) {
      input = own.filter((c) => c.fd === 1).map((c) => c.text).join('');
    }
    if (acc === undefined) {
      acc = own;
    } else {
      // the next stage's output appears where the data it read arrived (after the last write)
      let at = -1;
      for (let q = acc.length - 1; q >= 0; q--) {
        if (acc[q].fd === 1 && acc[q].text !== '') {
          at = q;
          break;
        }
      }
      const before = acc.slice(0, at + 1).filter((c) => c.fd !== 1);
      const after = acc.slice(at + 1).filter((c) => c.fd !== 1);
      acc = [...before, ...own, ...after];
    }
    own = [];
    last = r;
  }
  return { chunks: acc ?? [], code: last.code };
}

function runStage(ctx: Ctx, st: Stage, stdin: string): Result {
  let input = stdin;
  const words = [...st.words];
  // VAR=value prefixes (and bare assignments)
  const assigns: Record<string, string> = {};
  while (words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) {
    const w = words.shift()!;
    const eq = w.indexOf('=');
    assigns[w.slice(0, eq)] = w.slice(eq + 1);
  }
  if (!words.length) {
    Object.assign(ctx.vars, assigns);
    return { chunks: [], code: 0 };
  }
  for (const rd of st.redirs) {
    if (rd.op === '<') {
      const path = normalize(ctx.cwd, rd.target);
      try {
        input = ctx.runtime.readFile(ctx.ns, ctx.pod, ctx.container, path);
      } catch {
        return { chunks: [{ fd: 2, text: `${shellName(ctx)}: can't open '${rd.target}': No such file or directory\n` }], code: 1 };
      }
    }
  }
  const saved = { ...ctx.vars };
  Object.assign(ctx.vars, assigns);
  let r: Result;
  try {
    r = runProgram(ctx, words, input);
  } finally {
    if (Object.keys(assigns).length) {
      for (const k of Object.keys(assigns)) {
        if (k in saved) ctx.vars[k] = saved[k];
        else delete ctx.vars[k];
      }
    }
  }
  if (!st.redirs.some((x) => x.op !== '<')) return r;
  // apply output redirections in order: fd → sink (file path, /dev/null, or another fd)
  type Sink = { kind: 'std'; fd: 1 | 2 } | { kind: 'null' } | { kind: 'file'; path: string; append: boolean };
  const sinks: Record<number, Sink> = { 1: { kind: 'std', fd: 1 }, 2: { kind: 'std', fd: 2 } };
  for (const rd of st.redirs) {
    if (rd.op === '<') continue;
    if (rd.op === '>&') {
      const from = Number(rd.target);
      if (rd.target === '-') sinks[rd.fd] = { kind: 'null' };
      else if (sinks[from]) sinks[rd.fd] = sinks[from];
      continue;
    }
    if (rd.target === '/dev/null') sinks[rd.fd] = { kind: 'null' };
    else if (rd.target === '/dev/stdout') sinks[rd.fd] = { kind: 'std', fd: 1 };
    else if (rd.target === '/dev/stderr') sinks[rd.fd] = { kind: 'std', fd: 2 };
    else sinks[rd.fd] = { kind: 'file', path: normalize(ctx.cwd, rd.target), append: rd.op === '>>' };
  }
  const files = new Map<string, { append: boolean; text: string }>();
  for (const s of Object.values(sinks)) if (s.kind === 'file' && !files.has(s.path)) files.set(s.path, { append: s.append, text: '' });
  const chunks: Chunk[] = [];
  for (const ch of r.chunks) {
    const s = sinks[ch.fd];
    if (!s || s.kind === 'null') continue;
    if (s.kind === 'std') chunks.push({ fd: s.fd, text: ch.text });
    else files.get(s.path)!.text += ch.text;
  }
  for (const [path, f] of files) {
    try {
      let prev = '';
      if (f.append) {
        try {
          prev = ctx.runtime.readFile(ctx.ns, ctx.pod, ctx.container, path);
        } catch {
          prev = '';
        }
      }
      ctx.runtime.writeFile(ctx.ns, ctx.pod, ctx.container, path, prev + f.text);
    } catch {
      return { chunks: [{ fd: 2, text: `${shellName(ctx)}: can't create ${path}: nonexistent directory\n` }], code: ctx.flavour === 'ash' ? 1 : 2 };
    }
  }
  return { chunks, code: r.code, exited: r.exited };
}

function shellName(ctx: Ctx): string {
  if (ctx.flavour === 'bash') return ctx.interactive ? 'bash' : 'bash: line 1';
  if (ctx.flavour === 'dash') return 'sh: 1';
  return 'sh';
}

function notFoundMsg(ctx: Ctx, cmd: string): string {
  if (ctx.flavour === 'bash') return `${ctx.interactive ? 'bash' : 'bash: line 1'}: ${cmd}: command not found\n`;
  if (ctx.flavour === 'dash') return `sh: 1: ${cmd}: not found\n`;
  return `sh: ${cmd}: not found\n`;
}

const out = (text: string): Chunk => ({ fd: 1, text });
const err = (text: string): Chunk => ({ fd: 2, text });
const ok = (...chunks: Chunk[]): Result => ({ chunks, code: 0 });
const fail = (code: number, ...chunks: Chunk[]): Result => ({ chunks, code });

/** Is this a busybox userland (alpine, busybox) rather than GNU coreutils (debian, ubuntu)? */
function busybox(ctx: Ctx): boolean {
  return ctx.image.shell === 'busybox';
}

const BUILTINS = new Set(['cd', 'exit', 'export', 'unset', 'set', 'true', 'false', ':', 'echo', 'pwd', 'test', '[', 'printf', 'type', 'read']);

/** Runs one program or builtin with its arguments. */
function runProgram(ctx: Ctx, argv: string[], stdin: string): Result {
  const [cmd, ...args] = argv;
  const name = baseName(cmd);
  if (!BUILTINS.has(cmd) && !hasProgram(ctx.image, cmd)) return fail(127, err(notFoundMsg(ctx, cmd)));
  switch (name) {
    case 'sh':
    case 'ash':
    case 'dash':
    case 'bash': {
      const flavour: Flavour = name === 'bash' ? 'bash' : ctx.image.shell === 'bash' ? 'dash' : 'ash';
      const c = args.indexOf('-c');
      const sub: Ctx = { ...ctx, vars: { ...ctx.vars }, flavour, interactive: c < 0, lastCode: 0 };
      if (c >= 0) {
        if (c === args.length - 1) return fail(2, err(flavour === 'bash' ? 'bash: -c: option requires an argument\n' : 'sh: -c requires an argument\n'));
        const r = runScript(sub, args[c + 1], stdin);
        return { chunks: r.chunks, code: r.code };
      }
      // `sh` reading a script from stdin
      const r = runScript({ ...sub, interactive: false }, stdin, '');
      return { chunks: r.chunks, code: r.code };
    }
    case 'exit': {
      const code = args[0] !== undefined ? (/^\d+$/.test(args[0]) ? Number(args[0]) & 255 : 2) : ctx.lastCode;
      return { chunks: ctx.interactive && ctx.flavour === 'bash' && ctx.tty ? [out('exit\n')] : [], code, exited: true };
    }
    case 'true':
    case ':':
      return ok();
    case 'false':
      return fail(1);
    case 'cd': {
      const target = normalize(ctx.cwd, args[0] ?? ctx.vars.HOME ?? '/');
      const s = safeStat(ctx, target);
      if (!s || s.type !== 'dir') {
        const m = ctx.flavour === 'bash' ? `bash: cd: ${args[0]}: No such file or directory\n` : ctx.flavour === 'dash' ? `sh: 1: cd: can't cd to ${args[0]}\n` : `sh: cd: can't cd to ${args[0]}: No such file or directory\n`;
        return fail(ctx.flavour === 'dash' ? 2 : 1, err(m));
      }
      ctx.cwd = target;
      return ok();
    }
    case 'pwd':
      return ok(out(ctx.cwd + '\n'));
    case 'export':
    case 'set':
    case 'unset': {
      for (const a of args) {
        const eq = a.indexOf('=');
        if (name === 'unset') delete ctx.vars[a];
        else if (eq > 0) ctx.vars[a.slice(0, eq)] = a.slice(eq + 1);
      }
      return ok();
    }
    case 'echo': {
      let a = args;
      let newline = true;
      while (a[0] === '-n' || a[0] === '-e' || a[0] === '-ne' || a[0] === '-en') {
        if (a[0].includes('n')) newline = false;
        a = a.slice(1);
      }
      return ok(out(a.join(' ') + (newline ? '\n' : '')));
    }
    case 'printf': {
      let i = 1;
      const text = (args[0] ?? '').replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/%[sd]/g, () => args[i++] ?? '');
      return ok(out(text));
    }
    case 'hostname':
      if (args[0] === '-i' || args[0] === '-I') return ok(out(`${ctx.ip}${args[0] === '-I' ? ' ' : ''}\n`));
      return ok(out(`${ctx.pod}\n`));
    case 'whoami':
      return ok(out('root\n'));
    case 'id':
      return ok(out(busybox(ctx) ? 'uid=0(root) gid=0(root) groups=0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)\n' : 'uid=0(root) gid=0(root) groups=0(root)\n'));
    case 'date':
      return ok(out(unixDate(ctx.runtime.now()) + '\n'));
    case 'uname': {
      const parts: string[] = [];
      const all = args.includes('-a');
      const flags = args.join('');
      if (all || flags.includes('s') || args.length === 0) parts.push('Linux');
      if (all || flags.includes('n')) parts.push(ctx.pod);
      if (all || flags.includes('r')) parts.push(NODE_KERNEL.release);
      if (all || flags.includes('v')) parts.push(NODE_KERNEL.version);
      if (all || flags.includes('m')) parts.push(NODE_KERNEL.machine);
      if (all) parts.push(busybox(ctx) ? 'Linux' : 'GNU/Linux');
      return ok(out(parts.join(' ') + '\n'));
    }
    case 'env':
    case 'printenv': {
      const keys = Object.keys(ctx.vars);
      return ok(out(keys.map((k) => `${k}=${ctx.vars[k]}\n`).join('')));
    }
    case 'sleep':
      // the cluster's clock belongs to the caller; a sleep inside an exec returns at once
      return ok();
    case 'cat':
      return cat(ctx, args, stdin);
    case 'head':
    case 'tail':
      return headTail(ctx, name, args, stdin);
    case 'wc':
      return wc(args, stdin);
    case 'grep':
      return grep(ctx, args, stdin);
    case 'ls':
      return ls(ctx, args);
    case 'test':
    case '[':
      return test(ctx, name === '[' ? args.slice(0, -1) : args);
    case 'wget':
      return wget(ctx, args);
    case 'curl':
      return curl(ctx, args);
    case 'tar':
      return tar(ctx, args, stdin);
    case 'touch': {
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        const p = normalize(ctx.cwd, a);
        if (safeStat(ctx, p)) continue;
        try {
          ctx.runtime.writeFile(ctx.ns, ctx.pod, ctx.container, p, '');
        } catch {
          return fail(1, err(`touch: ${a}: No such file or directory\n`));
        }
      }
      return ok();
    }
    case 'rm': {
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        try {
          ctx.runtime.removeFile(ctx.ns, ctx.pod, ctx.container, normalize(ctx.cwd, a));
        } catch {
          if (!args.some((x) => x.startsWith('-') && x.includes('f'))) {
            return fail(1, err(busybox(ctx) ? `rm: can't remove '${a}': No such file or directory\n` : `rm: cannot remove '${a}': No such file or directory\n`));
          }
        }
      }
      return ok();
    }
    case 'tee': {
      for (const a of args.filter((x) => !x.startsWith('-'))) {
        try {
          ctx.runtime.writeFile(ctx.ns, ctx.pod, ctx.container, normalize(ctx.cwd, a), stdin);
        } catch {
          return fail(1, out(stdin), err(`tee: ${a}: No such file or directory\n`));
        }
      }
      return ok(out(stdin));
    }
    default:
      return fail(126, err(`Podbook은 컨테이너 안의 '${name}' 명령을 흉내 내지 않습니다. (Podbook does not simulate '${name}' inside containers.)\n`));
  }
}

function safeStat(ctx: Ctx, path: string) {
  try {
    return ctx.runtime.stat(ctx.ns, ctx.pod, ctx.container, path);
  } catch {
    return undefined;
  }
}

function readOr(ctx: Ctx, path: string): string | undefined {
  try {
    return ctx.runtime.readFile(ctx.ns, ctx.pod, ctx.container, normalize(ctx.cwd, path));
  } catch {
    return undefined;
  }
}

function cat(ctx: Ctx, args: string[], stdin: string): Result {
  const files = args.filter((a) => a !== '-' && !/^-[a-zA-Z]+$/.test(a));
  if (!files.length) return ok(out(stdin));
  const chunks: Chunk[] = [];
  let code = 0;
  for (const f of files) {
    const st = safeStat(ctx, normalize(ctx.cwd, f));
    if (st?.type === 'dir') {
      chunks.push(err(busybox(ctx) ? `cat: read error: Is a directory\n` : `cat: ${f}: Is a directory\n`));
      code = 1;
      continue;
    }
    const text = readOr(ctx, f);
    if (text === undefined) {
      chunks.push(err(busybox(ctx) ? `cat: can't open '${f}': No such file or directory\n` : `cat: ${f}: No such file or directory\n`));
      code = 1;
    } else chunks.push(out(text));
  }
  return { chunks, code };
}

function lineCount(args: string[], def: number): { n: number; rest: string[] } {
  let n = def;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-n' && args[i + 1] !== undefined) n = Number(args[++i].replace(/^\+/, ''));
    else if (/^-n\d+$/.test(a)) n = Number(a.slice(2));
    else if (/^-\d+$/.test(a)) n = Number(a.slice(1));
    else if (a === '-f' || a === '-F') continue;
    else rest.push(a);
  }
  return { n, rest };
}

function splitLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function headTail(ctx: Ctx, name: string, args: string[], stdin: string): Result {
  const { n, rest } = lineCount(args, 10);
  let text = stdin;
  if (rest.length) {
    const t = readOr(ctx, rest[0]);
    if (t === undefined) return fail(1, err(busybox(ctx) ? `${name}: can't open '${rest[0]}': No such file or directory\n` : `${name}: cannot open '${rest[0]}' for reading: No such file or directory\n`));
    text = t;
  }
  const lines = splitLines(text);
  const picked = name === 'head' ? lines.slice(0, n) : n === 0 ? [] : lines.slice(-n);
  return ok(out(picked.map((l) => l + '\n').join('')));
}

function wc(args: string[], stdin: string): Result {
  const lines = (stdin.match(/\n/g) ?? []).length;
  const words = stdin.split(/\s+/).filter(Boolean).length;
  const bytes = utf8Bytes(stdin).length;
  if (args.includes('-l')) return ok(out(`${lines}\n`));
  if (args.includes('-w')) return ok(out(`${words}\n`));
  if (args.includes('-c')) return ok(out(`${bytes}\n`));
  return ok(out(`${String(lines).padStart(7)} ${String(words).padStart(7)} ${String(bytes).padStart(7)}\n`));
}

function grep(ctx: Ctx, args: string[], stdin: string): Result {
  const flags = args.filter((a) => /^-[a-zA-Z]+$/.test(a)).join('');
  const rest = args.filter((a) => !/^-[a-zA-Z]+$/.test(a));
  const pattern = rest[0];
  if (pattern === undefined) return fail(2, err(busybox(ctx) ? 'BusyBox v1.34.1 (2021-11-23 00:57:35 UTC) multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n' : "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n"));
  let text = stdin;
  if (rest[1] !== undefined) {
    const t = readOr(ctx, rest[1]);
    if (t === undefined) return fail(2, err(`grep: ${rest[1]}: No such file or directory\n`));
    text = t;
  }
  let re: RegExp;
  try {
    re = new RegExp(flags.includes('F') ? pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : pattern.replace(/\\\|/g, '|'), flags.includes('i') ? 'i' : '');
  } catch {
    re = new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  }
  const invert = flags.includes('v');
  const matched = splitLines(text).filter((l) => re.test(l) !== invert);
  if (flags.includes('c')) return { chunks: [out(`${matched.length}\n`)], code: matched.length ? 0 : 1 };
  if (flags.includes('q')) return { chunks: [], code: matched.length ? 0 : 1 };
  return { chunks: [out(matched.map((l) => l + '\n').join(''))], code: matched.length ? 0 : 1 };
}

function test(ctx: Ctx, args: string[]): Result {
  if (args.length === 2 && /^-[edfsrwx]$/.test(args[0])) {
    const s = safeStat(ctx, normalize(ctx.cwd, args[1]));
    const f = args[0];
    const yes = !!s && (f === '-d' ? s.type === 'dir' : f === '-f' ? s.type === 'file' : f === '-s' ? s.size > 0 : true);
    return { chunks: [], code: yes ? 0 : 1 };
  }
  if (args.length === 3 && (args[1] === '=' || args[1] === '==' || args[1] === '!=')) return { chunks: [], code: (args[0] === args[2]) === (args[1] !== '!=') ? 0 : 1 };
  if (args.length === 1) return { chunks: [], code: args[0] !== '' ? 0 : 1 };
  if (args.length === 2 && args[0] === '-z') return { chunks: [], code: args[1] === '' ? 0 : 1 };
  if (args.length === 2 && args[0] === '-n') return { chunks: [], code: args[1] !== '' ? 0 : 1 };
  return { chunks: [], code: 1 };
}

// ---------------------------------------------------------------------------------------------
// ls

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function lsTime(ms: number, now: number): string {
  const d = new Date(ms);
  const day = String(d.getUTCDate()).padStart(2, ' ');
  const sixMonths = 182.5 * 86_400_000;
  const tail = now - ms > sixMonths || ms - now > 3_600_000 ? ` ${d.getUTCFullYear()}` : `${String(d.getUTCHours()).padStart(2, '0')}:${String(d.getUTCMinutes()).padStart(2, '0')}`;
  return `${MONTHS[d.getUTCMonth()]} ${day} ${tail.padStart(5, ' ')}`;
}

function modeString(type: 'file' | 'dir', mode: number): string {
  const bits = 'rwxrwxrwx';
  let s = type === 'dir' ? 'd' : '-';
  for (let i = 0; i < 9; i++) s += mode & (1 << (8 - i)) ? bits[i] : '-';
  return s;
}

function ls(ctx: Ctx, args: string[]): Result {
  const flags = args.filter((a) => /^-[a-zA-Z1]+$/.test(a)).join('');
  const targets = args.filter((a) => !/^-[a-zA-Z1]+$/.test(a));
  const long = flags.includes('l');
  const all = flags.includes('a');
  const chunks: Chunk[] = [];
  let code = 0;
  const paths = targets.length ? targets : ['.'];
  const bb = busybox(ctx);
  const now = ctx.runtime.now();
  const longLine = (name: string, st: { type: 'file' | 'dir'; size: number; mode: number; mtime: number }) =>
    bb
      ? `${modeString(st.type, st.mode)}    ${st.type === 'dir' ? 2 : 1} root     root    ${String(st.size).padStart(10)} ${lsTime(st.mtime, now)} ${name}\n`
      : `${modeString(st.type, st.mode)} ${st.type === 'dir' ? 2 : 1} root root ${String(st.size).padStart(4)} ${lsTime(st.mtime, now)} ${name}\n`;
  const multi = paths.length > 1;
  paths.forEach((t, idx) => {
    const p = normalize(ctx.cwd, t);
    const st = safeStat(ctx, p);
    if (!st) {
      chunks.push(err(bb ? `ls: ${t}: No such file or directory\n` : `ls: cannot access '${t}': No such file or directory\n`));
      code = bb ? 1 : 2;
      return;
    }
    if (st.type === 'file') {
      chunks.push(out(long ? longLine(t, st) : `${t}\n`));
      return;
    }
    let entries = ctx.runtime.listDir(ctx.ns, ctx.pod, ctx.container, p).map((e) => e.name);
    if (all) entries = ['.', '..', ...entries];
    let text = multi ? `${idx > 0 ? '\n' : ''}${t}:\n` : '';
    if (long) {
      if (!bb) text += `total ${entries.length * 4}\n`;
      for (const e of entries) {
        const es = e === '.' || e === '..' ? { type: 'dir' as const, size: 4096, mode: 0o755, mtime: st.mtime } : safeStat(ctx, normalize(p, e));
        if (es) text += longLine(e, es);
      }
    } else if (ctx.tty) {
      text += columns(entries, 80);
    } else {
      text += entries.map((e) => e + '\n').join('');
    }
    chunks.push(out(text));
  });
  return { chunks, code };
}

/** `ls -C`: names down columns, as many columns as fit in the width. */
function columns(names: string[], width: number): string {
  if (!names.length) return '';
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const cols = Math.max(1, Math.floor(width / w));
  const rows = Math.ceil(names.length / cols);
  let s = '';
  for (let r = 0; r < rows; r++) {
    let line = '';
    for (let c = 0; c < cols; c++) {
      const i = c * rows + r;
      if (i >= names.length) break;
      const last = (c + 1) * rows + r >= names.length;
      line += last ? names[i] : names[i].padEnd(w);
    }
    s += line + '\n';
  }
  return s;
}

// ---------------------------------------------------------------------------------------------
// HTTP clients

interface Url {
  host: string;
  port: number;
  path: string;
}

function parseUrl(u: string): Url | undefined {
  const m = /^(?:(https?):\/\/)?([^/:?#]+)(?::(\d+))?([^#]*)$/.exec(u);
  if (!m) return undefined;
  return { host: m[2], port: m[3] ? Number(m[3]) : m[1] === 'https' ? 443 : 80, path: m[4] || '/' };
}

function resolveHost(ctx: Ctx, host: string): string | undefined {
  if (host === 'localhost' || host === '127.0.0.1') return LOCALHOST_IP;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(host)) return host;
  if (host === ctx.pod) return ctx.ip;
  return ctx.resolve?.(host);
}

function request(ctx: Ctx, ip: string, url: Url, ua: string, method = 'GET') {
  // a Service's ClusterIP is answered by one of its endpoints, at the target port (kube-proxy)
  const routed = ip === LOCALHOST_IP ? undefined : ctx.route?.(ip, url.port);
  const target = ip === LOCALHOST_IP ? { podIP: ctx.ip } : { podIP: routed?.podIP ?? ip };
  const clientIP = ip === LOCALHOST_IP ? LOCALHOST_IP : ctx.ip;
  return ctx.runtime.http(target, routed?.port ?? url.port, { method, path: url.path, headers: { Host: url.port === 80 ? url.host : `${url.host}:${url.port}`, 'User-Agent': ua, Accept: '*/*' }, clientIP });
}

/** busybox's progress meter, final state: `-                    100% |****…****|   353  0:00:00 ETA` */
function progressLine(name: string, size: number): string {
  // busybox bb_progress_update: "%-20.20s%4u%% |…|%6u%c 0:00:00 ETA" (unit ' ', 'k', 'M')
  const label = name.length > 20 ? name.slice(0, 20) : name.padEnd(20);
  let amount: string;
  if (size < 100_000) amount = `${String(size).padStart(6)} `;
  else if (size < 100_000 * 1024) amount = `${String(Math.floor(size / 1024)).padStart(6)}k`;
  else amount = `${String(Math.floor(size / 1024 / 1024)).padStart(6)}M`;
  return `${label} 100% |${'*'.repeat(32)}|${amount} 0:00:00 ETA\n`;
}

function wget(ctx: Ctx, args: string[]): Result {
  let outFile: string | undefined;
  let quiet = false;
  let url: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-O') outFile = args[++i];
    else if (a.startsWith('-O')) outFile = a.slice(2);
    else if (a === '-q') quiet = true;
    else if (/^-q+O/.test(a)) {
      quiet = true;
      outFile = a.slice(a.indexOf('O') + 1) || args[++i];
    } else if (a === '--spider' || a === '-S' || a === '-T' || a.startsWith('--timeout')) {
      if (a === '-T') i++;
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) return fail(1, err('BusyBox v1.34.1 (2021-11-23 00:57:35 UTC) multi-call binary.\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n'));
  const u = parseUrl(url);
  if (!u) return fail(1, err(`wget: bad address '${url}'\n`));
  const ip = resolveHost(ctx, u.host);
  if (!ip) return fail(1, err(`wget: bad address '${u.host}'\n`));
  const chunks: Chunk[] = [];
  const say = (s: string) => {
    if (!quiet) chunks.push(err(s));
  };
  say(`Connecting to ${u.host} (${ip}:${u.port})\n`);
  const res = request(ctx, ip, u, 'Wget');
  if ('error' in res) {
    chunks.push(err(`wget: can't connect to remote host (${ip}): Connection refused\n`));
    return { chunks, code: 1 };
  }
  if (res.status >= 400) {
    chunks.push(err(`wget: server returned error: HTTP/1.1 ${res.status} ${res.statusText}\n`));
    return { chunks, code: 1 };
  }
  const toStdout = outFile === '-';
  const file = outFile ?? (baseName(u.path.split('?')[0]) || 'index.html');
  const size = utf8Bytes(res.body).length;
  if (toStdout) {
    say('writing to stdout\n');
    chunks.push(out(res.body));
    say(progressLine('-', size));
    say('written to stdout\n');
    return { chunks, code: 0 };
  }
  const path = normalize(ctx.cwd, file);
  if (safeStat(ctx, path) && outFile === undefined) {
    chunks.push(err(`wget: can't open '${file}': File exists\n`));
    return { chunks, code: 1 };
  }
  say(`saving to '${file}'\n`);
  try {
    ctx.runtime.writeFile(ctx.ns, ctx.pod, ctx.container, path, res.body);
  } catch {
    chunks.push(err(`wget: can't open '${file}': No such file or directory\n`));
    return { chunks, code: 1 };
  }
  say(progressLine(baseName(file), size));
  say(`'${file}' saved\n`);
  return { chunks, code: 0 };
}

/** curl's version per image (its User-Agent). */
function curlVersion(ctx: Ctx): string {
  const repo = ctx.image.repo;
  if (repo.endsWith('alicek106/rr-test')) return '7.47.0';
  if (repo.endsWith('kiamol/ch02-hello-kiamol') || repo.endsWith('kiamol/ch02-whoami')) return '7.80.0';
  if (ctx.image.shell === 'busybox') return '8.12.1';
  return '7.88.1';
}

function curl(ctx: Ctx, args: string[]): Result {
  let url: string | undefined;
  let include = false;
  let head = false;
  let outFile: string | undefined;
  let method = 'GET';
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '--output') outFile = args[++i];
    else if (a === '-X' || a === '--request') method = args[++i] ?? 'GET';
    else if (a === '-H' || a === '--header' || a === '-m' || a === '--max-time' || a === '--connect-timeout' || a === '-w') i++;
    else if (a === '-i' || a === '--include') include = true;
    else if (a === '-I' || a === '--head') {
      head = true;
      method = 'HEAD';
    } else if (/^-[a-zA-Z]+$/.test(a)) {
      if (a.includes('i')) include = true;
      if (a.includes('I')) {
        head = true;
        method = 'HEAD';
      }
    } else if (!a.startsWith('-')) url = a;
  }
  if (!url) return fail(2, err("curl: try 'curl --help' or 'curl --manual' for more information\n"));
  const u = parseUrl(url);
  if (!u) return fail(3, err(`curl: (3) URL using bad/illegal format or missing URL\n`));
  const ip = resolveHost(ctx, u.host);
  if (!ip) return fail(6, err(`curl: (6) Could not resolve host: ${u.host}\n`));
  const res = request(ctx, ip, u, `curl/${curlVersion(ctx)}`, method);
  if ('error' in res) return fail(7, err(`curl: (7) Failed to connect to ${u.host} port ${u.port}${curlVersion(ctx) >= '7.8' ? ` after 0 ms: Couldn't connect to server` : ': Connection refused'}\n`));
  let text = '';
  if (include || head) {
    text += `HTTP/1.1 ${res.status} ${res.statusText}\r\n`;
    for (const [k, v] of Object.entries(res.headers)) text += `${k}: ${v}\r\n`;
    text += '\r\n';
  }
  if (!head) text += res.body;
  if (outFile && outFile !== '-') {
    try {
      ctx.runtime.writeFile(ctx.ns, ctx.pod, ctx.container, normalize(ctx.cwd, outFile), text);
    } catch {
      return fail(23, err(`curl: (23) Failed writing body\n`));
    }
    return ok();
  }
  return ok(out(text));
}

// ---------------------------------------------------------------------------------------------
// tar (ustar), for kubectl cp

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function field(s: string, width: number): string {
  const b = utf8Bytes(s).slice(0, width);
  return b + '\0'.repeat(width - b.length);
}

/** One ustar header block (512 bytes) as a binary string. */
export function tarHeader(name: string, size: number, mode: number, mtimeSec: number, type: '0' | '5'): string {
  let prefix = '';
  let n = name;
  if (utf8Bytes(n).length > 100) {
    const cut = n.lastIndexOf('/', n.length - 2);
    if (cut > 0) {
      prefix = n.slice(0, cut);
      n = n.slice(cut + 1);
    }
  }
  let h =
    field(n, 100) +
    octal(mode, 8) +
    octal(0, 8) +
    octal(0, 8) +
    octal(size, 12) +
    octal(mtimeSec, 12) +
    '        ' +
    type +
    field('', 100) +
    'ustar\0' +
    '00' +
    field('root', 32) +
    field('root', 32) +
    field('', 8) +
    field('', 8) +
    field(prefix, 155);
  h += '\0'.repeat(512 - h.length);
  let sum = 0;
  for (let i = 0; i < h.length; i++) sum += h.charCodeAt(i);
  const chk = sum.toString(8).padStart(6, '0') + '\0 ';
  return h.slice(0, 148) + chk + h.slice(156);
}

export interface TarEntry {
  name: string;
  type: 'file' | 'dir';
  /** file content as a binary string */
  data: string;
  mode: number;
  mtime: number;
}

/** A tar stream (binary string) of entries, ending with two zero blocks. */
export function makeTar(entries: TarEntry[]): string {
  let s = '';
  for (const e of entries) {
    s += tarHeader(e.type === 'dir' && !e.name.endsWith('/') ? e.name + '/' : e.name, e.type === 'dir' ? 0 : e.data.length, e.mode, Math.floor(e.mtime / 1000), e.type === 'dir' ? '5' : '0');
    if (e.type === 'file') s += e.data + '\0'.repeat((512 - (e.data.length % 512)) % 512);
  }
  return s + '\0'.repeat(1024);
}

/** Reads a tar stream (binary string); undefined when it is not one. */
export function parseTar(s: string): TarEntry[] | undefined {
  const entries: TarEntry[] = [];
  let off = 0;
  while (off + 512 <= s.length) {
    const h = s.slice(off, off + 512);
    if (/^\0*$/.test(h)) break;
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : h.charCodeAt(i);
    const chk = parseInt(h.slice(148, 156).replace(/[\0 ]/g, ''), 8);
    if (chk !== sum) return undefined;
    const str = (a: number, b: number) => {
      const f = h.slice(a, b);
      const z = f.indexOf('\0');
      return utf8Text(z < 0 ? f : f.slice(0, z));
    };
    const prefix = str(345, 500);
    const name = (prefix ? prefix + '/' : '') + str(0, 100);
    const size = parseInt(str(124, 136).trim() || '0', 8);
    const mode = parseInt(str(100, 108).trim() || '644', 8);
    const mtime = parseInt(str(136, 148).trim() || '0', 8) * 1000;
    const type = h[156] === '5' ? 'dir' : 'file';
    off += 512;
    const data = s.slice(off, off + size);
    off += Math.ceil(size / 512) * 512;
    entries.push({ name: type === 'dir' ? name.replace(/\/$/, '') : name, type, data, mode, mtime });
  }
  return entries;
}

function tar(ctx: Ctx, args: string[], stdin: string): Result {
  // flags: `cf -`, `-cf -`, `-xmf -`, `xf - -C dir`, `--no-same-owner` …
  let mode: 'c' | 'x' | 't' | undefined;
  let file: string | undefined;
  let dir = ctx.cwd;
  const paths: string[] = [];
  let i = 0;
  const takeFlags = (f: string) => {
    for (let k = 0; k < f.length; k++) {
      const ch = f[k];
      if (ch === 'c' || ch === 'x' || ch === 't') mode = ch;
      else if (ch === 'f') file = args[++i];
      else if (ch === 'C') dir = normalize(ctx.cwd, args[++i] ?? '.');
    }
  };
  for (; i < args.length; i++) {
    const a = args[i];
    if (i === 0 && !a.startsWith('-')) takeFlags(a);
    else if (a.startsWith('--')) continue;
    else if (a === '-C') dir = normalize(ctx.cwd, args[++i] ?? '.');
    else if (a.startsWith('-')) takeFlags(a.slice(1));
    else paths.push(a);
  }
  const bb = busybox(ctx);
  if (!mode) return fail(1, err(bb ? 'tar: need to specify one of -c/-x/-t\n' : 'tar: You must specify one of the \'-Acdtrux\', \'--delete\' or \'--test-label\' options\nTry \'tar --help\' or \'tar --usage\' for more information.\n'));
  if (mode === 'c') {
    if (file !== '-') return fail(1, err(`Podbook은 tar를 표준 출력(-)으로만 만듭니다. (Podbook's tar only writes to stdout: use 'f -'.)\n`));
    const entries: TarEntry[] = [];
    const chunks: Chunk[] = [];
    let warned = false;
    let code = 0;
    const add = (abs: string, name: string) => {
      const st = safeStat(ctx, abs);
      if (!st) return;
      if (st.type === 'dir') {
        entries.push({ name, type: 'dir', data: '', mode: st.mode, mtime: st.mtime });
        for (const e of ctx.runtime.listDir(ctx.ns, ctx.pod, ctx.container, abs)) add(normalize(abs, e.name), `${name.replace(/\/$/, '')}/${e.name}`);
      } else {
        entries.push({ name, type: 'file', data: utf8Bytes(ctx.runtime.readFile(ctx.ns, ctx.pod, ctx.container, abs)), mode: st.mode, mtime: st.mtime });
      }
    };
    for (const p of paths) {
      const abs = normalize(dir, p);
      if (!safeStat(ctx, abs)) {
        chunks.push(err(bb ? `tar: ${p}: No such file or directory\n` : `tar: ${p}: Cannot stat: No such file or directory\n`));
        code = bb ? 1 : 2;
        continue;
      }
      let name = p.replace(/^\.\//, '');
      if (name.startsWith('/')) {
        if (!warned) chunks.push(err(bb ? "tar: removing leading '/' from member names\n" : "tar: Removing leading `/' from member names\n"));
        warned = true;
        name = name.replace(/^\/+/, '');
      }
      add(abs, name || '.');
    }
    if (!bb && code) chunks.push(err('tar: Exiting with failure status due to previous errors\n'));
    chunks.push(out(makeTar(entries)));
    return { chunks, code };
  }
  const entries = parseTar(file === '-' || file === undefined ? stdin : '');
  if (!entries) return fail(1, err(bb ? 'tar: invalid tar magic\n' : 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n'));
  if (mode === 't') return ok(out(entries.map((e) => e.name + (e.type === 'dir' ? '/' : '') + '\n').join('')));
  for (const e of entries) {
    if (e.type === 'dir') continue;
    try {
      ctx.runtime.writeFile(ctx.ns, ctx.pod, ctx.container, normalize(dir, e.name), utf8Text(e.data));
    } catch {
      return fail(1, err(bb ? `tar: can't open '${e.name}': No such file or directory\n` : `tar: ${e.name}: Cannot open: No such file or directory\ntar: Exiting with failure status due to previous errors\n`));
    }
  }
  return ok();
}

