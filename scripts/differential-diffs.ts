// Prints (a), (b) and (c) in full for every line where they differ: the working view for fixing
// differences the differential suite finds. `npx tsx scripts/differential-diffs.ts [text]` limits
// the printout to lines containing `text` (all lines still run: each depends on the ones before).
import { runDifferential } from '../tests/differential/runner';

const filter = process.argv[2];
const report = await runDifferential({});
for (const r of report.results) {
  if (r.match) continue;
  if (filter && !r.line.command.includes(filter)) continue;
  console.log(`==== ${r.line.command}`);
  console.log(`-- (a) real kubectl\n${r.text.a}`);
  if (r.text.b !== undefined && r.text.b !== r.text.a) console.log(`-- (b) sandbox\n${r.text.b}`);
  if (r.text.c !== r.text.a) console.log(`-- (c) simulator\n${r.text.c}`);
}
