import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromIpynb, parseNotebookMarkdown } from '../../lib/notebook';
import { importCommand } from './import';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SEED_003 = path.resolve(root, '../shared/seeds/003_25d536a143654ee9.txt');

function capture() {
  const io = { out: '', err: '', stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

async function run(...argv: string[]) {
  const io = capture();
  const code = await importCommand(argv, io);
  return { code, out: io.out, err: io.err };
}

const tmp = () => mkdtempSync(path.join(tmpdir(), 'podbook-import-'));

describe('podbook import', () => {
  it('prints a note as Podbook markdown on stdout when no -o is given', async () => {
    const r = await run(SEED_003);
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/^---\ntitle: 6\.1 쿠버네티스를 시작하기 전에\nchapter: 6\.1 - 6\.2\npresenter: 유지민\ndate: 24\.09\.28\nsource: 003_25d536a143654ee9\.txt\n---\n/);
    expect(r.out).toContain('```yaml {"file":"nginx-pod.yaml","id":"manifest-1-nginx-pod"}\napiVersion: v1\n');
    const back = parseNotebookMarkdown(r.out);
    expect(back.ok && back.value.cells.filter((c) => c.type === 'command')).toHaveLength(5);
  });

  it('writes an .ipynb when -o names one and says what it wrote', async () => {
    const out = path.join(tmp(), 'seed3.ipynb');
    const r = await run(SEED_003, '-o', out);
    expect(r).toEqual({
      code: 0,
      err: '',
      out: `${SEED_003} → ${out}: 셀 12개 (명령 5, 매니페스트 1, 마크다운 6, 퀴즈 0, 실습 0) / 12 cells\n`,
    });
    const nb = fromIpynb(readFileSync(out, 'utf8'));
    expect(nb.ok && nb.value.meta.presenter).toBe('유지민');
  });

  it('writes Podbook markdown for -o out.md (also spelled --output=)', async () => {
    const out = path.join(tmp(), 'seed3.md');
    expect((await run(`--output=${out}`, SEED_003)).code).toBe(0);
    expect(parseNotebookMarkdown(readFileSync(out, 'utf8')).ok).toBe(true);
  });

  it('reads an .ipynb back and prints it as Podbook markdown', async () => {
    const dir = tmp();
    await run(SEED_003, '-o', path.join(dir, 'a.ipynb'));
    const r = await run(path.join(dir, 'a.ipynb'));
    expect(r.code).toBe(0);
    expect(r.out).toContain('kubectl exec -it my-nginx-pod -- sh');
  });

  it('says in Korean and English when the file is missing, a directory, empty, blank or not UTF-8', async () => {
    const dir = tmp();
    writeFileSync(path.join(dir, 'empty.md'), '');
    writeFileSync(path.join(dir, 'blank.md'), ' \n\n\t\n');
    writeFileSync(path.join(dir, 'latin1.md'), Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const cases: [string, string][] = [
      [path.join(dir, 'nope.md'), `podbook import: ${dir}/nope.md 파일이 없습니다 / no such file: ${dir}/nope.md\n`],
      [dir, `podbook import: ${dir}은(는) 디렉터리입니다 / ${dir} is a directory, not a note\n`],
      [path.join(dir, 'empty.md'), `podbook import: ${dir}/empty.md 파일이 비어 있습니다 / ${dir}/empty.md is empty\n`],
      [path.join(dir, 'blank.md'), `podbook import: ${dir}/blank.md 파일에 공백뿐입니다 / ${dir}/blank.md holds only whitespace\n`],
      [path.join(dir, 'latin1.md'), `podbook import: ${dir}/latin1.md은(는) UTF-8 텍스트가 아닙니다 / ${dir}/latin1.md is not UTF-8 text\n`],
    ];
    for (const [file, err] of cases) expect(await run(file)).toEqual({ code: 1, out: '', err });
  });

  it('refuses a note with nothing in it but frontmatter', async () => {
    const file = path.join(tmp(), 'meta-only.md');
    writeFileSync(file, '---\n발제: 나\n---\n');
    expect(await run(file)).toEqual({
      code: 1,
      out: '',
      err: `podbook import: ${file}을(를) 노트북으로 바꿀 수 없습니다 / cannot import ${file}\n노트에 내용이 없습니다 (frontmatter뿐입니다) / the note has nothing in it but frontmatter\n`,
    });
  });

  it('reports a Podbook markdown error with its line number', async () => {
    const file = path.join(tmp(), 'bad.md');
    writeFileSync(file, '# 퀴즈\n\n```quiz\nid: q\nkind: guess\nquestion: 몇 개\nexplanation: x\n```\n');
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.err).toContain('line 5: 알 수 없는 퀴즈 종류 "guess" / unknown quiz kind "guess"');
  });

  it('explains usage mistakes: no note, two notes, an unknown flag, -o without a file or with an unknown extension', async () => {
    const usage = 'Usage: podbook import <note.md|notebook.ipynb> [-o out.ipynb|out.md]\n';
    expect(await run()).toEqual({ code: 1, out: '', err: `podbook import: 가져올 노트 파일을 주세요 / name the note to import\n${usage}` });
    expect((await run('a.md', 'b.md')).err).toBe(`podbook import: 노트는 하나만 받습니다 / one note at a time (extra argument "b.md")\n${usage}`);
    expect(await run('--frobnicate', 'a.md')).toEqual({ code: 1, out: '', err: `podbook import: unknown flag "--frobnicate"\n${usage}` });
    expect((await run('a.md', '-o')).err).toBe(`podbook import: -o에 파일 이름이 필요합니다 / -o needs a file name\n${usage}`);
    expect(await run(SEED_003, '-o', 'out.txt')).toEqual({
      code: 1,
      out: '',
      err: 'podbook import: 출력 형식은 확장자로 정합니다: .ipynb 또는 .md (out.txt) / the output format comes from the extension: .ipynb or .md (out.txt)\n',
    });
  });

  it('runs through the podbook bin entry', () => {
    const out = path.join(tmp(), 'x.ipynb');
    const r = spawnSync(process.execPath, [path.join(root, 'bin/podbook.mjs'), 'import', SEED_003, '-o', out], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(fromIpynb(readFileSync(out, 'utf8')).ok).toBe(true);
  });
});
