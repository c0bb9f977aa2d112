// The differential corpus: kubectl command lines run in order against one evolving cluster, with
// directives written as comments just before a line. The format is described in README.md.

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface CorpusLine {
  /** 0-based position in the corpus */
  index: number;
  /** 1-based line in corpus.txt */
  lineNo: number;
  /** the line as written (`kubectl …`), what Podbook's kubectl is given */
  command: string;
  /** the words after `kubectl`, what the real kubectl is given */
  argv: string[];
  /**
   * A stable name for the known-differences list: the command, and `#2`, `#3` … for its second
   * and later occurrences (`kubectl get pods` runs many times).
   */
  key: string;
  /** virtual ms to let pass before the line (`# advance: 30s`) */
  advanceMs: number;
  /** the command runs until interrupted (port-forward, logs -f): stop it after this many real ms */
  stopAfterMs?: number;
  /** a file (in files/) given as the command's stdin (`# stdin: pod.yaml`) */
  stdinFile?: string;
  /** the kubeconfig context the line uses: `--context learner` picks the learner's namespace token */
  context: 'admin' | 'learner';
}

const HERE = dirname(fileURLToPath(import.meta.url));
export const CORPUS_FILE = join(HERE, 'corpus.txt');
export const FILES_DIR = join(HERE, 'files');

/** `30s`, `2m`, `1500ms`, `10` (seconds). */
export function durationMs(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) return undefined;
  return Number(m[1]) * { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's']!;
}

/**
 * Splits a command line into words the way bash does for the simple lines the corpus uses:
 * single quotes, double quotes (with `\"` and `\\`), backslash escapes. Written here rather than
 * borrowed from lib/kubectl/cmdline so that a tokenizer bug in Podbook shows up as a difference
 * instead of being fed to both sides.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let cur = '';
  let has = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated single quote in: ${line}`);
      cur += line.slice(i + 1, end);
      has = true;
      i = end;
    } else if (ch === '"') {
      has = true;
      for (i++; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && (line[i + 1] === '"' || line[i + 1] === '\\' || line[i + 1] === '$')) i++;
        cur += line[i];
      }
      if (i >= line.length) throw new Error(`unterminated double quote in: ${line}`);
    } else if (ch === '\\') {
      cur += line[++i] ?? '';
      has = true;
    } else if (ch === ' ' || ch === '\t') {
      if (has) words.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (has) words.push(cur);
  return words;
}

export function parseCorpus(text: string, file = 'corpus.txt'): CorpusLine[] {
  const out: CorpusLine[] = [];
  const seen = new Map<string, number>();
  let advanceMs = 0;
  let stopAfterMs: number | undefined;
  let stdinFile: string | undefined;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const fail = (why: string): never => {
      throw new Error(`${file}:${i + 1}: ${why}`);
    };
    if (line === '') return;
    if (line.startsWith('#')) {
      const d = /^#\s*(advance|stop|stdin):?\s+(\S+)\s*$/.exec(line);
      if (d) {
        if (d[1] === 'advance') advanceMs += durationMs(d[2]) ?? fail(`bad duration ${d[2]}`);
        else if (d[1] === 'stop') stopAfterMs = durationMs(d[2]) ?? fail(`bad duration ${d[2]}`);
        else stdinFile = d[2];
      }
      return;
    }
    const words = shellWords(line);
    if (words[0] !== 'kubectl') fail(`not a kubectl line: ${line}`);
    const n = (seen.get(line) ?? 0) + 1;
    seen.set(line, n);
    const ctxAt = words.indexOf('--context');
    const ctxValue = ctxAt >= 0 ? words[ctxAt + 1] : words.find((w) => w.startsWith('--context='))?.slice('--context='.length);
    if (ctxValue !== undefined && ctxValue !== 'learner') fail(`unknown context ${ctxValue} (only learner exists)`);
    out.push({
      index: out.length,
      lineNo: i + 1,
      command: line,
      argv: words.slice(1),
      key: n === 1 ? line : `${line} #${n}`,
      advanceMs,
      stopAfterMs,
      stdinFile,
      context: ctxValue === 'learner' ? 'learner' : 'admin',
    });
    advanceMs = 0;
    stopAfterMs = undefined;
    stdinFile = undefined;
  });
  return out;
}

export function loadCorpus(): CorpusLine[] {
  return parseCorpus(readFileSync(CORPUS_FILE, 'utf8'));
}
