// Rewrites the expected outputs of the golden transcripts (tests/transcripts/*.txt) from the
// current implementation: headers, comments and commands stay as written, every block's output
// becomes what Podbook prints now.
//
//   UPDATE_GOLDENS=1 npx tsx scripts/update-transcripts.ts [file.txt ...]
//
// Goldens are regenerated only on purpose (docs/architecture.md, "Golden transcripts"): without
// UPDATE_GOLDENS=1 this does nothing, and it refuses to run under CI=true. Read the diff by eye
// against the books' outputs (kiamol-ch02-commands.md) before keeping it: a golden must be what
// real kubectl prints, not whatever Podbook printed today.

import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseTranscript, replay, writeTranscript } from '../tests/transcripts/transcript';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'tests', 'transcripts');

async function main(args: string[]): Promise<number> {
  if (process.env.CI === 'true') {
    console.error('update-transcripts: refusing to rewrite goldens under CI=true (regenerate them locally and review the diff).');
    return 1;
  }
  if (process.env.UPDATE_GOLDENS !== '1') {
    console.error('update-transcripts: set UPDATE_GOLDENS=1 to rewrite the golden transcripts:\n  UPDATE_GOLDENS=1 npx tsx scripts/update-transcripts.ts [file.txt ...]');
    return 2;
  }
  const files = args.length > 0 ? args.map((a) => path.resolve(a)) : readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => path.join(dir, f));
  for (const file of files) {
    const before = readFileSync(file, 'utf8');
    const t = parseTranscript(before, path.relative(process.cwd(), file));
    const after = writeTranscript(t, await replay(t));
    if (after === before) console.log(`unchanged  ${path.relative(process.cwd(), file)}`);
    else {
      writeFileSync(file, after);
      console.log(`rewritten  ${path.relative(process.cwd(), file)} (${t.blocks.length} commands): review the diff`);
    }
  }
  return 0;
}

process.exitCode = await main(process.argv.slice(2));
