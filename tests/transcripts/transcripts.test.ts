// Replays every golden transcript (tests/transcripts/*.txt, format in README.md) through a fresh
// ShellSession on createCluster({ seed }) and compares each command's prompt, stdout, stderr and
// exit status with the file, exactly. One test per command block, in file order, sharing the
// session (a failed block does not stop the ones after it). Regenerate with
// `UPDATE_GOLDENS=1 npx tsx scripts/update-transcripts.ts`, then review the diff by eye.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { blockName, parseTranscript, renderBlock, replayBlock, startSession, writeTranscript } from './transcript';
import type { Transcript } from './transcript';

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.txt'))
  .sort();

function load(file: string): { text: string; t: Transcript } {
  const text = readFileSync(path.join(dir, file), 'utf8');
  return { text, t: parseTranscript(text, file) };
}

for (const file of files) {
  const { t } = load(file);
  describe(`transcript ${file}`, () => {
    let state: ReturnType<typeof startSession> | undefined;
    for (const b of t.blocks) {
      it(blockName(b), async () => {
        state ??= startSession(t.header);
        const actual = await replayBlock(state.cluster, state.session, b, t.header.pauseMs);
        expect(actual).toBe(b.expected);
      });
    }
  });
}

describe('the golden transcripts', () => {
  it('kiamol-ch02 runs the publisher’s 47 chapter-2 commands in order', () => {
    const { t } = load('kiamol-ch02.txt');
    const excerpt = readFileSync(path.join(dir, '../../lib/kubectl/cmdline/testdata/gilbut-2-14-commands-ch02-excerpt.txt'), 'utf8');
    const book = excerpt
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^(kubectl|docker|cd|mkdir|cat|hostname|wget|exit)\b/.test(l));
    expect(book).toHaveLength(48); // the 47 numbered commands plus `cd ch02`
    const typed = t.blocks.map((b) => b.command.trim());
    let at = 0;
    for (const cmd of book) {
      const i = typed.indexOf(cmd, at);
      expect(i, `"${cmd}" after block ${at}`).toBeGreaterThanOrEqual(0);
      at = i + 1;
    }
  });

  it('the kiamol lab shows one pod name from curl, custom-columns and hostname', async () => {
    const { t } = load('kiamol-ch02.txt');
    const { cluster, session } = startSession(t.header);
    const out = new Map<string, string>();
    for (const b of t.blocks) {
      const r = await replayBlock(cluster, session, b, t.header.pauseMs);
      out.set(b.command, r);
    }
    const curl = /"I'm (\S+) running on Linux [^"]+"/.exec(out.get('curl http://localhost:8080') ?? '')?.[1];
    const listed = (out.get('kubectl get pods -o custom-columns=NAME:metadata.name') ?? '').split('\n').slice(2);
    const hostname = (out.get("kubectl exec deploy/whoami -- sh -c 'hostname'") ?? '').split('\n')[1];
    expect(curl).toMatch(/^whoami-[0-9a-z]+-[0-9a-z]{5}$/);
    expect(listed).toEqual([curl]);
    expect(hostname).toBe(curl);
  });

  it('parsing and writing a transcript back gives the same text', () => {
    for (const file of files) {
      const { text, t } = load(file);
      expect(writeTranscript(t, t.blocks.map((b) => b.expected))).toBe(text);
    }
  });

  it('renders stderr with `! `, a missing final newline as `%`, escapes and the exit status', () => {
    expect(renderBlock('$ ', 'x', { stdout: '$ a\n# b\n\n| c\n%\nplain\nno newline', stderr: 'oops\n\nlast', exitCode: 3 })).toBe(
      ['$ x', '| $ a', '| # b', '', '| | c', '| %', 'plain', 'no newline', '%', '! oops', '!', '! last', '%', '[exit 3]'].join('\n'),
    );
    expect(renderBlock('/ # ', 'echo', { stdout: '/ # nested\n', stderr: '', exitCode: 0 })).toBe('/ # echo\n| / # nested');
    const t = parseTranscript('# seed: 7\n$ cat <<EOF\n> a\n>\n> EOF\na\n\n/ # hostname\nx\n# advance: 30s\n$ true\n');
    expect(t.header.seed).toBe(7);
    expect(t.blocks.map((b) => [b.prompt, b.command, b.advanceMs])).toEqual([
      ['$ ', 'cat <<EOF\na\n\nEOF', 0],
      ['/ # ', 'hostname', 0],
      ['$ ', 'true', 30_000],
    ]);
    expect(t.blocks[0].expected).toBe('$ cat <<EOF\n> a\n>\n> EOF\na\n');
  });

  it('the regenerate script refuses to run under CI=true', () => {
    const script = path.join(dir, '../../scripts/update-transcripts.ts');
    const r = spawnSync(process.execPath, ['--import', 'tsx', script], { env: { ...process.env, CI: 'true', UPDATE_GOLDENS: '1' }, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('refusing to rewrite goldens under CI=true');
  });
});
