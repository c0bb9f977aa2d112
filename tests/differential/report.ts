// The differential report: a verdict per line, the match rates of each pair, and a diff for every
// mismatch (real kubectl's output as the `-` side).

import type { LineResult, Report } from './runner';

/** A line diff (longest common subsequence): ` ` same, `-` only in `from`, `+` only in `to`. */
export function lineDiff(from: string, to: string, labels: [string, string]): string {
  const x = from.replace(/\n$/, '').split('\n');
  const y = to.replace(/\n$/, '').split('\n');
  const n = x.length;
  const m = y.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) lcs[i][j] = x[i] === y[j] ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
  const out = [`--- ${labels[0]}`, `+++ ${labels[1]}`];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      out.push(`  ${x[i++]}`);
      j++;
    } else if (j < m && (i >= n || lcs[i][j + 1] >= lcs[i + 1][j])) out.push(`+ ${y[j++]}`);
    else out.push(`- ${x[i++]}`);
  }
  // Trailing spaces matter to byte equality: show them.
  return out.map((l) => l.replace(/ +$/, (s) => '·'.repeat(s.length))).join('\n') + '\n';
}

export interface Rate {
  matched: number;
  compared: number;
}

export function rates(results: LineResult[]): { ac: Rate; ab: Rate; bc: Rate; all: Rate } {
  const rate = (pick: (r: LineResult) => boolean | undefined): Rate => {
    const vs = results.map(pick).filter((v): v is boolean => v !== undefined);
    return { matched: vs.filter(Boolean).length, compared: vs.length };
  };
  return { ac: rate((r) => r.ac), ab: rate((r) => r.ab), bc: rate((r) => r.bc), all: rate((r) => r.match) };
}

export function pct(r: Rate): string {
  return r.compared === 0 ? 'n/a' : `${((100 * r.matched) / r.compared).toFixed(1)} % (${r.matched}/${r.compared})`;
}

export function verdict(r: LineResult): string {
  if (r.match) return 'MATCH';
  const bad: string[] = [];
  if (!r.ac) bad.push('a≠c');
  if (r.ab === false) bad.push('a≠b');
  if (r.bc === false) bad.push('b≠c');
  return `DIFF ${bad.join(' ')}`;
}

export function summary(report: Report): string {
  const rt = rates(report.results);
  const lines = [
    `differential fidelity: ${report.results.length} lines in ${(report.totalMs / 1000).toFixed(1)} s`,
    `  (a) real kubectl: ${report.realKubectl}`,
    `  (b) Podbook kubectl via sandbox backend: ${report.bUnavailable ? `NOT AVAILABLE (${report.bUnavailable})` : 'ran'}`,
    `  (c) Podbook kubectl on the in-process simulator: ran`,
    `  a = c: ${pct(rt.ac)}`,
    `  a = b: ${report.bUnavailable ? 'n/a (b not available)' : pct(rt.ab)}`,
    `  b = c: ${report.bUnavailable ? 'n/a (b not available)' : pct(rt.bc)}`,
    `  all three agree: ${pct(rt.all)}`,
  ];
  return lines.join('\n') + '\n';
}

/** The full report: the summary, every line's verdict, then the diffs of the mismatches. */
export function formatReport(report: Report, opts: { known?: Readonly<Record<string, string>>; show?: boolean } = {}): string {
  const out = [summary(report), ''];
  for (const r of report.results) {
    const known = opts.known?.[r.line.key] !== undefined ? ' (known)' : '';
    out.push(`${verdict(r).padEnd(18)} ${String(r.ms).padStart(5)} ms  ${r.line.key}${known}`);
    if (opts.show) out.push(r.text.a.replace(/^/gm, '    | ').replace(/\| $/, ''));
  }
  const bad = report.results.filter((r) => !r.match);
  if (bad.length > 0) out.push('', `==== diffs (${bad.length}) ====`);
  for (const r of bad) {
    out.push('', `## ${r.line.key}  (corpus.txt:${r.line.lineNo})${opts.known?.[r.line.key] ? `\n   known: ${opts.known[r.line.key]}` : ''}`);
    if (!r.ac) out.push(lineDiff(r.text.a, r.text.c, ['(a) real kubectl', '(c) Podbook on the simulator']));
    if (r.ab === false) out.push(lineDiff(r.text.a, r.text.b!, ['(a) real kubectl', '(b) Podbook via the sandbox backend']));
    else if (r.bc === false && r.ac) out.push(lineDiff(r.text.c, r.text.b!, ['(c) Podbook on the simulator', '(b) Podbook via the sandbox backend']));
  }
  return out.join('\n') + '\n';
}
