// Test support for lib/notebook and its neighbours: a notebook with every cell type, outputs and
// executions, and the five seed notes (../shared/seeds beside the repository, read through
// Vite's import.meta.glob so the core folder needs no node:fs).

import type { Notebook } from './schema';

export const SAMPLE_NOTEBOOK: Notebook = {
  format: 'podbook/1',
  meta: { title: '2장', book: '쿠버네티스 교과서', chapter: 2, tags: ['pod'], extra: { 장소: '온라인' } },
  cells: [
    { type: 'markdown', id: 'intro', source: '# 2장\n\n> [!NOTE]  \n> 본문' },
    {
      type: 'command',
      id: 'run-hello',
      lang: 'kubectl',
      source: '# 실행\nkubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol',
      expected: 'pod/hello-kiamol created\n',
      outputs: [{ output_type: 'stream', name: 'stdout', text: 'pod/hello-kiamol created\n' }],
      execution: { count: 1, durationMs: 7, exitCode: 0, startedAt: '2026-01-02T03:04:05.000Z' },
    },
    {
      type: 'command',
      id: 'bad',
      lang: 'sh',
      source: 'kubectl get pod nope | cat',
      interactive: ['exit'],
      outputs: [
        { output_type: 'stream', name: 'stderr', text: 'Error from server (NotFound): pods "nope" not found\n' },
        { output_type: 'error', ename: 'ExitCode', evalue: '1', traceback: ['exit code 1'] },
      ],
      execution: { count: 2, durationMs: 3, exitCode: 1 },
    },
    { type: 'command', id: 'not-run', lang: 'kubectl', source: 'kubectl get pods', outputs: [] },
    {
      type: 'manifest',
      id: 'pod-yaml',
      file: 'ch06/nginx-pod.yaml',
      source: 'apiVersion: v1\nkind: Pod\nmetadata:\n\tname: x\n',
      outputs: [{ output_type: 'error', ename: 'YAMLError', evalue: 'tabs', traceback: ['line 4: 탭 대신 공백'] }],
      execution: { count: 3, durationMs: 0, exitCode: 1 },
    },
    { type: 'quiz', id: 'q-cell', quiz: { id: 'phases', kind: 'ordering', question: '순서?', choices: ['Running', 'Pending'], answer: [1, 0], explanation: '설명' } },
    {
      type: 'exercise',
      id: 'lab',
      exercise: {
        id: 'lab',
        title: 'whoami',
        task: '만드세요',
        checks: [{ id: 'ready', kind: 'podsReady', selector: 'app=whoami', count: 2, description: '준비된 파드 2개' }],
      },
    },
  ],
};

const SEED_TEXTS = import.meta.glob('../../../shared/seeds/*.txt', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

/** The seed notes by file name (`001_9b92fec630870e6c.txt` → its text). */
export function seedNotes(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [p, text] of Object.entries(SEED_TEXTS)) out[p.slice(p.lastIndexOf('/') + 1)] = text;
  if (Object.keys(out).length === 0) throw new Error('the seed notes are missing: expected them in ../shared/seeds beside the repository');
  return out;
}
