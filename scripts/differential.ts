// Runs the differential fidelity corpus (tests/differential) and prints the full report: per line
// a verdict, the a=c / a=b / b=c match rates, and a diff for every mismatch.
//
//   npx tsx scripts/differential.ts                    the committed corpus
//   npx tsx scripts/differential.ts --corpus FILE      another corpus file (same format)
//   npx tsx scripts/differential.ts --no-sandbox       skip (b)
//   npx tsx scripts/differential.ts --only TEXT        print only lines whose key contains TEXT (all still run)
//   npx tsx scripts/differential.ts --show             also print every line's output as compared (real kubectl's)
//
// Exits 1 when a line mismatches, 2 when the real kubectl is missing.

import { readFileSync } from 'node:fs';
import { parseCorpus } from '../tests/differential/corpus';
import { KNOWN_DIFFERENCES, UNSTABLE_LINES } from '../tests/differential/known-differences';
import { formatReport, verdict } from '../tests/differential/report';
import { runDifferential } from '../tests/differential/runner';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const opt = (name: string): string | undefined => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const file = opt('--corpus');
  const only = opt('--only');
  const corpus = file ? parseCorpus(readFileSync(file, 'utf8'), file) : undefined;
  let report;
  try {
    report = await runDifferential({
      corpus,
      sandbox: !args.includes('--no-sandbox'),
      onLine: (r) => process.stderr.write(`${verdict(r).padEnd(18)} ${r.line.key}\n`),
    });
  } catch (e) {
    if (/real kubectl not found/.test((e as Error).message)) {
      process.stderr.write(`\n!!! ${(e as Error).message}\n!!! THE DIFFERENTIAL SUITE DID NOT RUN: nothing was compared.\n`);
      return 2;
    }
    throw e;
  }
  if (only) report = { ...report, results: report.results.filter((r) => r.line.key.includes(only)) };
  process.stdout.write(formatReport(report, { known: { ...KNOWN_DIFFERENCES, ...UNSTABLE_LINES }, show: args.includes('--show') }));
  return report.results.every((r) => r.match) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exit(1);
  },
);
