import { describe, expect, it } from 'vitest';
import { fromIpynb, toIpynb, toIpynbText, toLines } from './ipynb';
import { SAMPLE_NOTEBOOK } from './testing';

const NB = SAMPLE_NOTEBOOK;

describe('toIpynb', () => {
  it('writes nbformat 4.5 with the Podbook kernelspec and the meta under metadata.podbook', () => {
    const j = toIpynb(NB);
    expect(j.nbformat).toBe(4);
    expect(j.nbformat_minor).toBe(5);
    expect(j.metadata).toEqual({
      kernelspec: { name: 'podbook', display_name: 'Podbook (kubectl)', language: 'shell' },
      language_info: { name: 'shell' },
      podbook: { format: 'podbook/1', meta: NB.meta },
    });
  });

  it('maps commands and manifests to code cells, quizzes and exercises to raw cells, keeping ids', () => {
    const j = toIpynb(NB);
    expect(j.cells.map((c) => [c.cell_type, c.id, c.metadata.podbook && (c.metadata.podbook as { type: string }).type])).toEqual([
      ['markdown', 'intro', undefined],
      ['code', 'run-hello', 'command'],
      ['code', 'bad', 'command'],
      ['code', 'not-run', 'command'],
      ['code', 'pod-yaml', 'manifest'],
      ['raw', 'q-cell', 'quiz'],
      ['raw', 'lab', 'exercise'],
    ]);
    expect(j.cells[1]).toEqual({
      cell_type: 'code',
      id: 'run-hello',
      metadata: { podbook: { type: 'command', lang: 'kubectl', expected: 'pod/hello-kiamol created\n', execution: { durationMs: 7, exitCode: 0, startedAt: '2026-01-02T03:04:05.000Z' } } },
      source: ['# 실행\n', 'kubectl run hello-kiamol --image=kiamol/ch02-hello-kiamol'],
      outputs: [{ output_type: 'stream', name: 'stdout', text: ['pod/hello-kiamol created\n'] }],
      execution_count: 1,
    });
    expect(j.cells[3].execution_count).toBeNull();
    expect(j.cells[4].metadata).toEqual({ podbook: { type: 'manifest', file: 'ch06/nginx-pod.yaml', execution: { durationMs: 0, exitCode: 1 } } });
    expect(j.cells[5].source).toEqual(['id: phases\n', 'kind: ordering\n', 'question: 순서?\n', 'choices:\n', '  - Running\n', '  - Pending\n', 'answer:\n', '  - 1\n', '  - 0\n', 'explanation: 설명']);
  });

  it('splits text into Jupyter line lists that join back to the same text', () => {
    for (const t of ['', 'a', 'a\n', 'a\nb', 'a\n\nb\n\n']) expect(toLines(t).join('')).toBe(t);
    expect(toLines('a\nb')).toEqual(['a\n', 'b']);
  });
});

describe('fromIpynb', () => {
  it('restores the model exactly from its own export, as an object and as text', () => {
    expect(fromIpynb(toIpynb(NB))).toEqual({ ok: true, value: NB, warnings: [] });
    expect(fromIpynb(toIpynbText(NB))).toEqual({ ok: true, value: NB, warnings: [] });
  });

  it('reads a notebook Podbook did not write: code cells become commands, raw cells markdown, missing ids derived', () => {
    const r = fromIpynb({
      nbformat: 4,
      nbformat_minor: 4,
      metadata: {},
      cells: [
        { cell_type: 'markdown', metadata: {}, source: ['# 제목\n', '본문'] },
        {
          cell_type: 'code',
          metadata: {},
          source: 'kubectl get pods',
          execution_count: 4,
          outputs: [{ output_type: 'execute_result', data: { 'text/plain': ['No resources found\n'] }, metadata: {}, execution_count: 4 }],
        },
        { cell_type: 'raw', metadata: {}, source: 'raw text' },
      ],
    });
    expect(r).toEqual({
      ok: true,
      warnings: [],
      value: {
        format: 'podbook/1',
        meta: { title: '제목' },
        cells: [
          { type: 'markdown', id: 'md-1', source: '# 제목\n본문' },
          {
            type: 'command',
            id: 'cmd-1-get-pods',
            lang: 'kubectl',
            source: 'kubectl get pods',
            outputs: [{ output_type: 'stream', name: 'stdout', text: 'No resources found\n' }],
            execution: { count: 4, durationMs: 0, exitCode: 0 },
          },
          { type: 'markdown', id: 'md-2', source: 'raw text' },
        ],
      },
    });
  });

  it('refuses what is not an nbformat 4 notebook, with a reason', () => {
    expect(fromIpynb('{not json')).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/^\.ipynb가 올바른 JSON이 아닙니다/) }] });
    expect(fromIpynb({ cells: 3 })).toMatchObject({ ok: false, errors: [{ message: expect.stringMatching(/^\.ipynb 형식이 아닙니다 \/ not an nbformat notebook/) }] });
    expect(fromIpynb({ nbformat: 3, cells: [] })).toEqual({ ok: false, errors: [{ message: 'nbformat 3은 지원하지 않습니다 / only nbformat 4 is supported' }] });
    expect(fromIpynb({ nbformat: 4, cells: [{ cell_type: 'code', source: 'ls', execution_count: -1, outputs: [] }] })).toEqual({
      ok: false,
      errors: [{ message: 'cells[0]: execution: count: Too small: expected number to be >=0' }],
    });
  });

  it('reports a quiz raw cell whose YAML is broken, naming the cell', () => {
    const j = toIpynb(NB);
    j.cells[5].source = 'id: phases\nkind: [';
    const r = fromIpynb(j);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].message).toMatch(/^cells\[5\]: line 2: quiz 본문이 올바른 YAML이 아닙니다/);
  });
});

