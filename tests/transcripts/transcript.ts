// Golden transcripts: a kubectl session as a text file of commands and the exact output real
// kubectl 1.32 (and the shell shims) print for them, replayed through ShellSession on a seeded
// simulated cluster (Runme's txtar scripts, kwok's input/output files). The format is described
// in README.md next to this file; this module parses it, replays it and writes it back.
//
// Time passes as in `podbook shell --seed N --transcript` (bin/commands/shell.ts): after every
// typed line the cluster's clock moves on by LINE_PAUSE_MS (3 s), so a transcript and that
// command's output agree line for line.

import { createCluster } from '../../lib/cluster/cluster';
import type { Cluster } from '../../lib/cluster/cluster';
import { KIAMOL_DEPLOYMENT, KIAMOL_LAB_POD, KIAMOL_LAB_SOLUTION_DEPLOYMENT, KIAMOL_POD } from '../../lib/kubectl/manifests';
import { ShellSession } from '../../lib/runtime/shell';
import type { ShellResult } from '../../lib/runtime/shell';
import { SimulatedClient } from '../../lib/runtime/simulated-client';

/** Virtual time between two typed lines (bin/commands/shell.ts LINE_PAUSE_MS). */
export const DEFAULT_PAUSE_MS = 3000;

/** File sets a transcript can preload into the session (`# preload: <set> <dir>`). */
export const PRELOADS: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  // sixeyed/kiamol ch02 as bundled in lib/kubectl/manifests.ts (CRLF, byte for byte)
  'kiamol-ch02': {
    'pod.yaml': KIAMOL_POD,
    'deployment.yaml': KIAMOL_DEPLOYMENT,
    'lab/pod.yaml': KIAMOL_LAB_POD,
    'lab/solution/deployment.yaml': KIAMOL_LAB_SOLUTION_DEPLOYMENT,
  },
};

export interface TranscriptHeader {
  /** the header lines as written (comments), kept when the file is rewritten */
  lines: string[];
  seed: number;
  /** the session's working directory (default /root) */
  cwd?: string;
  /** virtual ms after each typed line */
  pauseMs: number;
  preloads: { set: string; dir: string }[];
}

export interface Block {
  /** comment lines written just before the command (kept on rewrite) */
  comments: string[];
  /** ms to let pass before the command (`# advance: 30s` comments) */
  advanceMs: number;
  /** the prompt as written: `$ ` on the host, `/ # ` or `root@pod:/# ` in a container shell */
  prompt: string;
  /** the command text (several lines for here-documents and `\` continuations) */
  command: string;
  /** the block's text as written (prompt line through its last output line) */
  expected: string;
  /** 1-based line of the prompt */
  line: number;
}

export interface Transcript {
  header: TranscriptHeader;
  blocks: Block[];
  /** comments after the last block */
  trailer: string[];
}

/** A container shell's prompt at the start of a line: busybox ash as root, or bash as root. */
const CONTAINER_PROMPT = /^(\/\S* # |root@[A-Za-z0-9.-]+:[^#\s]*# )/;

/** Whether a stdout line must be written as `| line` so that it is not read as something else. */
function needsEscape(line: string): boolean {
  return (
    line.startsWith('$ ') ||
    line === '$' ||
    line.startsWith('#') ||
    line.startsWith('! ') ||
    line === '!' ||
    line.startsWith('> ') ||
    line === '>' ||
    line.startsWith('| ') ||
    line === '|' ||
    line === '%' ||
    /^\[exit \d+\]$/.test(line) ||
    CONTAINER_PROMPT.test(line)
  );
}

/** U+240D SYMBOL FOR CARRIAGE RETURN: how a `\r` in the output is written (CRLF files, TTY output). */
export const CR_MARK = '\u240d';

function streamLines(raw: string, mark: (line: string) => string): string[] {
  if (raw === '') return [];
  const text = raw.replace(/\r/g, CR_MARK);
  const complete = text.endsWith('\n');
  const lines = (complete ? text.slice(0, -1) : text).split('\n').map(mark);
  if (!complete) lines.push('%');
  return lines;
}

/** A command and its result as transcript lines (no trailing newline). */
export function renderBlock(prompt: string, command: string, r: ShellResult): string {
  const [first, ...more] = command.split('\n');
  const lines = [`${prompt}${first}`, ...more.map((l) => (l === '' ? '>' : `> ${l}`))];
  lines.push(...streamLines(r.stdout, (l) => (needsEscape(l) ? `| ${l}` : l)));
  lines.push(...streamLines(r.stderr, (l) => (l === '' ? '!' : `! ${l}`)));
  if (r.exitCode !== 0) lines.push(`[exit ${r.exitCode}]`);
  return lines.join('\n');
}

/** `30s`, `2m`, `1500ms`, `10` (seconds). */
function durationMs(v: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(v.trim());
  if (!m) return undefined;
  const n = Number(m[1]);
  return n * ({ ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[m[2] ?? 's'] ?? 1000);
}

export function parseTranscript(text: string, file = 'transcript'): Transcript {
  if (text.includes('\r')) throw new Error(`${file}: a transcript has LF line endings only; a carriage return in the output is written ${CR_MARK}`);
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  const header: TranscriptHeader = { lines: [], seed: 1, pauseMs: DEFAULT_PAUSE_MS, preloads: [] };
  const blocks: Block[] = [];
  let comments: string[] = [];
  let advanceMs = 0;
  let cur: { block: Block; body: string[]; inCommand: boolean } | undefined;
  const fail = (i: number, why: string): never => {
    throw new Error(`${file}:${i + 1}: ${why}`);
  };
  const close = () => {
    if (!cur) return;
    cur.block.expected = cur.body.join('\n');
    blocks.push(cur.block);
    cur = undefined;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const container = CONTAINER_PROMPT.exec(line);
    if (line.startsWith('$ ') || container) {
      close();
      const prompt = container ? container[1] : '$ ';
      cur = {
        block: { comments, advanceMs, prompt, command: line.slice(prompt.length), expected: '', line: i + 1 },
        body: [line],
        inCommand: true,
      };
      comments = [];
      advanceMs = 0;
      continue;
    }
    if (line.startsWith('#')) {
      if (cur) close();
      if (blocks.length === 0 && comments.length === 0 && !cur) {
        // still in the header until the first command
        header.lines.push(line);
        const d = /^#\s*(seed|cwd|pause|preload):\s*(.*)$/.exec(line);
        if (d) {
          const v = d[2].trim();
          if (d[1] === 'seed') header.seed = /^\d+$/.test(v) ? Number(v) : fail(i, `seed must be a whole number: ${v}`);
          else if (d[1] === 'cwd') header.cwd = v;
          else if (d[1] === 'pause') header.pauseMs = durationMs(v) ?? fail(i, `bad pause: ${v}`);
          else {
            const [set, dir = '.'] = v.split(/\s+/);
            if (!PRELOADS[set]) fail(i, `unknown preload set ${set} (known: ${Object.keys(PRELOADS).join(', ')})`);
            header.preloads.push({ set, dir });
          }
        }
        continue;
      }
      comments.push(line);
      const adv = /^#\s*advance:\s*(\S+)\s*$/.exec(line);
      if (adv) advanceMs += durationMs(adv[1]) ?? fail(i, `bad advance: ${adv[1]}`);
      continue;
    }
    if (!cur) {
      if (blocks.length === 0 && comments.length === 0 && line.trim() === '') {
        header.lines.push(line);
        continue;
      }
      fail(i, `output line outside a command block (comments end a block): ${JSON.stringify(line)}`);
    }
    const c = cur!;
    if (c.inCommand && (line.startsWith('> ') || line === '>')) {
      c.block.command += '\n' + line.slice(2);
      c.body.push(line);
      continue;
    }
    c.inCommand = false;
    c.body.push(line);
  }
  close();
  // comments after the last block
  return { header, blocks, trailer: comments };
}

/** The file text of a transcript whose blocks now read `actual` (same order). */
export function writeTranscript(t: Transcript, actual: string[]): string {
  const out: string[] = [...t.header.lines];
  t.blocks.forEach((b, i) => {
    out.push(...b.comments, actual[i]);
  });
  out.push(...t.trailer);
  return out.join('\n') + '\n';
}

/** A fresh session for a transcript: the seeded cluster, the cwd and the preloaded files. */
export function startSession(h: TranscriptHeader): { cluster: Cluster; session: ShellSession } {
  const cluster = createCluster({ seed: h.seed });
  const client = new SimulatedClient(cluster);
  const session = new ShellSession({ client, cluster, cwd: h.cwd });
  for (const p of h.preloads) {
    const dir = session.resolve(p.dir);
    session.fs.mkdir(dir, { parents: true });
    for (const [path, text] of Object.entries(PRELOADS[p.set])) session.fs.write(`${dir}/${path}`, text);
  }
  return { cluster, session };
}

/**
 * Runs one block in the session as `podbook shell` would: the prompt the session shows, the
 * command, then the pause. Returns the block as the current implementation renders it.
 */
export async function replayBlock(cluster: Cluster, session: ShellSession, b: Block, pauseMs: number): Promise<string> {
  if (b.advanceMs > 0) cluster.advance(b.advanceMs);
  const prompt = session.prompt();
  const r = await session.run(b.command);
  cluster.advance(pauseMs);
  return renderBlock(prompt, b.command, r);
}

/** Replays a whole transcript; the blocks as rendered now, in order. */
export async function replay(t: Transcript): Promise<string[]> {
  const { cluster, session } = startSession(t.header);
  const out: string[] = [];
  for (const b of t.blocks) out.push(await replayBlock(cluster, session, b, t.header.pauseMs));
  return out;
}

/** The name a block's test gets: its command (first line) and where it is. */
export function blockName(b: Block): string {
  const first = b.command.split('\n')[0];
  return `${b.prompt.trim() === '$' ? '' : `[${b.prompt.trim()}] `}${first}${b.command.includes('\n') ? ' …' : ''} (line ${b.line})`;
}
