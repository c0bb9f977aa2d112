// Reading command blocks the way study notes write them: a command, sometimes `#` comment lines
// above it, sometimes its output under a `# 결과` line; or a terminal transcript with prompts
// (`$ `, `PS C:\…> `, `user@host ~ % `) where unprompted lines are output. The importer turns each
// command with its output into one segment: the command becomes runnable, the output becomes the
// cell's `expected`. Nothing here runs anything.

/** Programs a command block may start with: kubectl and the shims lib/runtime/shell imitates. */
export const COMMAND_WORDS = [
  'kubectl',
  'docker',
  'curl',
  'wget',
  'cat',
  'cd',
  'ls',
  'echo',
  'sleep',
  'pwd',
  'mkdir',
  'head',
  'tail',
  'grep',
  'wc',
  'sort',
  'base64',
  'clear',
] as const;

/** Words that alone make an unlabeled block a command block (others need a labeled fence or a `Cmd` marker). */
const STRONG_WORDS = ['kubectl', 'docker'];

// The prompts notes copy in front of commands (the same family lib/kubectl/cmdline's stripPrompt
// knows; lib/notebook may not import lib/kubectl, and here a prompt also decides what is output).
const PROMPTS: RegExp[] = [
  /^\s*PS(?: [^>\n]*)?> ?/, // PowerShell: `PS C:\Users\me> `
  /^\s*[A-Za-z]:\\[^>\n]*> ?/, // cmd.exe: `C:\Users\me>`
  /^\s*(?:\([\w.-]+\)\s+)?[\w.-]+@[\w.-]+:[^\s$#%]*[$#%] /, // `user@host:~/dir$ `
  /^\s*(?:\([\w.-]+\)\s+)?[\w.-]+@[\w.-]+ \S+ [%$#] /, // zsh: `me@MacBook-Pro ~ % `
  /^\s*\[[^\]\n]+\][$#] /, // `[user@host dir]$ `
  /^\s*➜\s+\S+\s+(?:git:\([^)]*\)\s+(?:✗\s+)?)?/, // oh-my-zsh
  /^\s*❯\s+/, // starship
  /^\s*[$%] /, // bare `$ ` or zsh's `% `
];

/** The line without its prompt, or undefined when it has none. */
export function promptedCommand(line: string): string | undefined {
  for (const re of PROMPTS) {
    const m = re.exec(line);
    if (m) return line.slice(m[0].length);
  }
  return undefined;
}

export function firstWord(line: string): string {
  return line.trim().split(/\s+/)[0] ?? '';
}

export function isCommandLine(line: string, words: readonly string[] = COMMAND_WORDS): boolean {
  const w = firstWord(line);
  return words.includes(w) || /^[A-Z_][A-Z0-9_]*=\S*$/.test(w);
}

const OUTPUT_MARKER = /^\s*#+\s*(?:결과|출력|실행\s*결과|출력\s*결과|output|result|results)\s*:?\s*$/i;

export function isOutputMarker(line: string): boolean {
  return OUTPUT_MARKER.test(line);
}

const isComment = (l: string) => l.trim().startsWith('#');
const isBlank = (l: string) => l.trim() === '';
const continues = (l: string) => /(^|[^\\])(\\\\)*\\$/.test(l);

export interface Segment {
  /** the command lines as written, with their `#` comments (prompts removed) */
  source: string;
  /** the output the note shows for it, if any */
  expected?: string;
  /** lines typed inside `kubectl exec -it … -- sh`, as the note's transcript shows them */
  interactive?: string[];
}

function trimLines(lines: string[]): string[] {
  let s = 0;
  let e = lines.length;
  while (s < e && isBlank(lines[s])) s++;
  while (e > s && isBlank(lines[e - 1])) e--;
  return lines.slice(s, e);
}

/**
 * The output as the cell's `expected`: a final newline as the real command printed one, except
 * when zsh's PROMPT_EOL_MARK (`%`) shows that the output had none — `-o jsonpath=…` prints no
 * newline, and zsh marks that with a `%` (`docker://fb5a…%`). A `%` after a digit is kept
 * unless the command prints without a newline, because `kubectl top` columns end in `12%`.
 */
export function expectedText(lines: string[], command: string): string | undefined {
  const out = trimLines(lines);
  if (out.length === 0) return undefined;
  const text = out.join('\n');
  const noNewline = /jsonpath|template|\becho\s+-n\b|\bprintf\b/.test(command);
  if (text.endsWith('%') && (noNewline || !/[\d\s]%$/.test(text))) return text.slice(0, -1);
  return text + '\n';
}

function segment(src: string[], out: string[] | undefined): Segment {
  const source = trimLines(src).join('\n');
  const expected = out ? expectedText(out, source) : undefined;
  return expected === undefined ? { source } : { source, expected };
}

/** A prompt transcript: prompted lines are commands, the unprompted lines after each are its output. */
function transcriptSegments(lines: string[]): Segment[] {
  const segs: Segment[] = [];
  let src: string[] = [];
  let out: string[] | undefined;
  let inContinuation = false;
  for (const line of lines) {
    if (inContinuation) {
      const cont = line.replace(/^\s*>\s?/, '');
      src.push(cont);
      inContinuation = continues(cont);
      continue;
    }
    const cmd = promptedCommand(line);
    if (cmd !== undefined && cmd.trim() !== '') {
      if (out !== undefined) {
        segs.push(segment(src, out));
        src = [];
        out = undefined;
      }
      src.push(cmd);
      inContinuation = continues(cmd);
      out = [];
      continue;
    }
    if (out === undefined) src.push(line); // comments before the first prompt
    else if (!isOutputMarker(line)) out.push(line);
  }
  if (src.length > 0) segs.push(segment(src, out));
  return segs;
}

/** Does the text after a blank line in an output start the next command (maybe behind comments)? */
function startsNextCommand(lines: string[], i: number): boolean {
  for (let j = i; j < lines.length; j++) {
    const l = lines[j];
    if (isBlank(l)) return false;
    if (isOutputMarker(l)) return false;
    if (isComment(l)) continue;
    return isCommandLine(l);
  }
  return false;
}

// The prompts of a shell inside a container: busybox's `/ # ` (`/usr/share/nginx/html # `, `~ $ `)
// and bash's `root@my-nginx-pod:/# `.
const CONTAINER_PROMPTS: RegExp[] = [/^\s*(?:\/[\w./-]*|~[\w./-]*) [#$](?: |$)/, /^\s*[\w.-]+@[\w.-]+:[^\s$#]*[#$](?: |$)/];

function containerCommand(line: string): string | undefined {
  for (const re of CONTAINER_PROMPTS) {
    const m = re.exec(line);
    if (m) return line.slice(m[0].length).trim();
  }
  return undefined;
}

/** `kubectl exec -it POD -- sh` (or bash, ash, /bin/sh): a command that opens the container's shell. */
const EXEC_SHELL = /^kubectl\s+exec\b(?=.*\s(?:-[a-z]*[it][a-z]*|--stdin|--tty)\b).*\s--\s+(?:\/bin\/)?(?:sh|bash|ash)\s*$/;

/**
 * A transcript of an interactive exec: the exec line, then lines at the container's prompt (they
 * become the cell's `interactive` lines) and their output (its `expected`), up to `exit`. The
 * `#` comments just above the exec line stay with it.
 */
function execSession(lines: string[]): { start: number; end: number; segment: Segment } | undefined {
  for (let i = 0; i < lines.length; i++) {
    const cmd = (promptedCommand(lines[i]) ?? lines[i]).trim();
    if (!EXEC_SHELL.test(cmd)) continue;
    const interactive: string[] = [];
    const out: string[] = [];
    let j = i + 1;
    for (; j < lines.length; j++) {
      const typed = containerCommand(lines[j]);
      if (typed === undefined && lines[j].trim() !== 'exit') {
        out.push(lines[j]);
        continue;
      }
      const t = typed ?? 'exit';
      if (t !== '') interactive.push(t);
      if (t === 'exit') {
        j++;
        break;
      }
    }
    if (interactive.length === 0) continue; // an exec with no session shown
    let k = i;
    while (k > 0 && isComment(lines[k - 1])) k--;
    const expected = expectedText(out, '');
    const segment: Segment = { source: [...lines.slice(k, i), cmd].join('\n'), interactive };
    if (expected !== undefined) segment.expected = expected;
    return { start: k, end: j, segment };
  }
  return undefined;
}

/**
 * Splits a code block into command segments. `strict` (an unlabeled block with no `Cmd` marker)
 * accepts the block only when every line before an output is a command, a comment or a
 * continuation and at least one runs kubectl or docker; otherwise the block is prose and this
 * returns []. A labeled shell block is always commands.
 */
export function commandSegments(body: string, strict: boolean): Segment[] {
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const session = execSession(lines);
  if (session) {
    const around = (part: string[]) => (part.some((l) => !isBlank(l)) ? commandSegments(part.join('\n'), false) : []);
    return [...around(lines.slice(0, session.start)), session.segment, ...around(lines.slice(session.end))];
  }
  const prompted = lines.filter((l) => {
    const c = promptedCommand(l);
    return c !== undefined && isCommandLine(c);
  });
  if (prompted.length > 0) {
    const segs = transcriptSegments(lines);
    return strict && !prompted.some((l) => isCommandLine(promptedCommand(l) ?? '', STRONG_WORDS)) ? [] : segs;
  }

  const segs: { src: string[]; out?: string[] }[] = [{ src: [] }];
  let cur = segs[0];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (cur.out === undefined) {
      if (isOutputMarker(line)) cur.out = [];
      else cur.src.push(line);
      continue;
    }
    const prevBlank = cur.out.length > 0 && isBlank(cur.out[cur.out.length - 1]);
    if (!isBlank(line) && prevBlank && startsNextCommand(lines, i)) {
      cur = { src: [line] };
      segs.push(cur);
      continue;
    }
    cur.out.push(line);
  }

  if (strict) {
    let strong = false;
    for (const s of segs) {
      let continuation = false;
      for (const l of s.src) {
        if (continuation) {
          continuation = continues(l);
          continue;
        }
        if (isBlank(l) || isComment(l)) continue;
        if (!isCommandLine(l)) return [];
        if (isCommandLine(l, STRONG_WORDS)) strong = true;
        continuation = continues(l);
      }
    }
    if (!strong) return [];
  }
  return segs.map((s) => segment(s.src, s.out)).filter((s) => s.source.split('\n').some((l) => !isBlank(l) && !isComment(l)));
}

/** `kubectl` when every command line runs kubectl, else `sh` (the shell with its shims). */
export function commandLang(source: string): 'kubectl' | 'sh' {
  let continuation = false;
  for (const l of source.split('\n')) {
    if (continuation) {
      continuation = continues(l);
      continue;
    }
    continuation = continues(l);
    if (isBlank(l) || isComment(l)) continue;
    if (firstWord(l) !== 'kubectl' || /[|;&<>`$]/.test(l.replace(/'[^']*'|"[^"]*"/g, ''))) return 'sh';
  }
  return 'kubectl';
}
