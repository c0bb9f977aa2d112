// `podbook import <note> [-o out.ipynb|out.md]`: a study note (free-form markdown, Podbook
// markdown or an .ipynb) → notebook. The output format follows the -o file's extension; without
// -o the notebook is printed to stdout as Podbook markdown. Exit status: 0 done, 1 anything the
// user must fix (usage, a missing, unreadable or empty file, a note with nothing in it), as the
// other podbook commands.

import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { formatIssues, readNotebookText, toIpynbText, toMarkdown, type Notebook } from '../../lib/notebook';

export interface ImportIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

const USAGE = 'Usage: podbook import <note.md|notebook.ipynb> [-o out.ipynb|out.md]\n';

function say(io: ImportIO, ko: string, en: string): number {
  io.stderr(`podbook import: ${ko} / ${en}\n`);
  return 1;
}

/** The file's text, or a message in Korean and English saying why there is none. */
export function readNote(path: string): { text: string } | { ko: string; en: string } {
  let bytes: Buffer;
  try {
    if (statSync(path).isDirectory()) return { ko: `${path}은(는) 디렉터리입니다`, en: `${path} is a directory, not a note` };
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { ko: `${path} 파일이 없습니다`, en: `no such file: ${path}` };
    if (code === 'EACCES' || code === 'EPERM') return { ko: `${path} 파일을 읽을 권한이 없습니다`, en: `permission denied reading ${path}` };
    return { ko: `${path} 파일을 읽을 수 없습니다`, en: `cannot read ${path}: ${(e as Error).message}` };
  }
  if (bytes.length === 0) return { ko: `${path} 파일이 비어 있습니다`, en: `${path} is empty` };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ko: `${path}은(는) UTF-8 텍스트가 아닙니다`, en: `${path} is not UTF-8 text` };
  }
  if (text.trim() === '') return { ko: `${path} 파일에 공백뿐입니다`, en: `${path} holds only whitespace` };
  return { text };
}

function summary(nb: Notebook): string {
  const count = (t: string) => nb.cells.filter((c) => c.type === t).length;
  return `셀 ${nb.cells.length}개 (명령 ${count('command')}, 매니페스트 ${count('manifest')}, 마크다운 ${count('markdown')}, 퀴즈 ${count('quiz')}, 실습 ${count('exercise')}) / ${nb.cells.length} cells`;
}

export async function importCommand(argv: string[], io: ImportIO): Promise<number> {
  let input: string | undefined;
  let output: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-o' || a === '--output') {
      const v = argv[++i];
      if (v === undefined || v === '') {
        io.stderr(`podbook import: ${a}에 파일 이름이 필요합니다 / ${a} needs a file name\n${USAGE}`);
        return 1;
      }
      output = v;
    } else if (a.startsWith('--output=') || (a.startsWith('-o') && a.length > 2)) {
      output = a.startsWith('--output=') ? a.slice('--output='.length) : a.slice(a[2] === '=' ? 3 : 2);
    } else if (a.startsWith('-') && a !== '-') {
      io.stderr(`podbook import: unknown flag "${a}"\n${USAGE}`);
      return 1;
    } else if (input === undefined) {
      input = a;
    } else {
      io.stderr(`podbook import: 노트는 하나만 받습니다 / one note at a time (extra argument "${a}")\n${USAGE}`);
      return 1;
    }
  }
  if (input === undefined) {
    io.stderr(`podbook import: 가져올 노트 파일을 주세요 / name the note to import\n${USAGE}`);
    return 1;
  }
  let format: 'ipynb' | 'md' = 'md';
  if (output !== undefined) {
    if (/\.ipynb$/i.test(output)) format = 'ipynb';
    else if (!/\.(md|markdown)$/i.test(output)) {
      return say(io, `출력 형식은 확장자로 정합니다: .ipynb 또는 .md (${output})`, `the output format comes from the extension: .ipynb or .md (${output})`);
    }
  }

  const read = readNote(input);
  if (!('text' in read)) return say(io, read.ko, read.en);
  const r = readNotebookText(read.text, { fileName: input.replace(/^.*[\\/]/, '') });
  if (!r.ok) {
    io.stderr(`podbook import: ${input}을(를) 노트북으로 바꿀 수 없습니다 / cannot import ${input}\n${formatIssues(r.errors)}\n`);
    return 1;
  }
  for (const w of r.warnings) io.stderr(`podbook import: ${input}:${w.line ?? ''}${w.line !== undefined ? ': ' : ' '}${w.message}\n`);
  const nb = r.value;
  const text = format === 'ipynb' ? toIpynbText(nb) : toMarkdown(nb);
  if (output === undefined) {
    io.stdout(text);
    return 0;
  }
  try {
    writeFileSync(output, text);
  } catch (e) {
    return say(io, `${output}에 쓸 수 없습니다`, `cannot write ${output}: ${(e as Error).message}`);
  }
  io.stdout(`${input} → ${output}: ${summary(nb)}\n`);
  return 0;
}
