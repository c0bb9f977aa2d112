// The differential fidelity suite: every corpus line run by the real kubectl 1.32, by Podbook's
// kubectl through the sandbox backend and by Podbook's kubectl on the simulator, from the same
// cluster state (runner.ts). One run of the corpus, then one test per line against the list of
// known differences: a new mismatch fails, and so does a known one that now matches.
//
// Without the real kubectl the suite fails loudly (realKubectlPath throws): passing without a
// referee would claim fidelity nothing checked.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus';
import { KNOWN_DIFFERENCES, UNSTABLE_LINES } from './known-differences';
import { formatReport, lineDiff, summary } from './report';
import type { LineResult, Report } from './runner';
import { runDifferential } from './runner';

const corpus = loadCorpus();

describe('differential fidelity: real kubectl vs Podbook (sandbox backend and simulator)', () => {
  let report: Report;
  const byKey = new Map<string, LineResult>();

  beforeAll(async () => {
    report = await runDifferential({ corpus });
    for (const r of report.results) byKey.set(r.line.key, r);
  }, 170_000);

  afterAll(() => {
    if (!report) return;
    // The match rates, and where the outputs differ (known or not), for the CI log.
    process.stdout.write('\n' + (process.env.DIFFERENTIAL_FULL ? formatReport(report, { known: { ...KNOWN_DIFFERENCES, ...UNSTABLE_LINES } }) : summary(report)));
  });

  it('has a corpus of at least 150 command lines', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(150);
  });

  it('ran the real kubectl and Podbook’s kubectl over the sandbox backend, not only the simulator', () => {
    expect(report.realKubectl).toMatch(/kubectl/);
    expect(report.bUnavailable, `(b) did not run: ${report.bUnavailable}`).toBeUndefined();
    expect(report.results).toHaveLength(corpus.length);
  });

  it('lists known differences and unstable lines only for lines that are in the corpus', () => {
    const keys = new Set(corpus.map((l) => l.key));
    expect([...Object.keys(KNOWN_DIFFERENCES), ...Object.keys(UNSTABLE_LINES)].filter((k) => !keys.has(k))).toEqual([]);
  });

  for (const line of corpus) {
    const unstable = UNSTABLE_LINES[line.key];
    if (unstable) {
      it(`${line.key} prints the same through both Podbook backends (real kubectl unstable: ${unstable})`, () => {
        const r = byKey.get(line.key);
        expect(r, 'the line did not run').toBeDefined();
        expect(r!.text.b).toBe(r!.text.c);
      });
      continue;
    }
    const known = KNOWN_DIFFERENCES[line.key];
    const name = known ? `${line.key} still differs as recorded (${known})` : `${line.key} prints the same in all three runs`;
    it(name, () => {
      const r = byKey.get(line.key);
      expect(r, 'the line did not run').toBeDefined();
      if (known) {
        expect(r!.match, `now matches: remove it from KNOWN_DIFFERENCES (${known})`).toBe(false);
        return;
      }
      const diffs: string[] = [];
      if (!r!.ac) diffs.push(lineDiff(r!.text.a, r!.text.c, ['(a) real kubectl', '(c) Podbook on the simulator']));
      if (r!.ab === false) diffs.push(lineDiff(r!.text.a, r!.text.b!, ['(a) real kubectl', '(b) Podbook via the sandbox backend']));
      if (r!.bc === false && r!.ac) diffs.push(lineDiff(r!.text.c, r!.text.b!, ['(c) Podbook on the simulator', '(b) Podbook via the sandbox backend']));
      expect(diffs.join('\n'), `corpus.txt:${line.lineNo}`).toBe('');
    });
  }
});
