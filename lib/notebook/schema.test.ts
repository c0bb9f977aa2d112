import { describe, expect, it } from 'vitest';
import {
  CheckSchema,
  QuizSchema,
  isCommandCell,
  isNotebook,
  isRunnableCell,
  validateNotebook,
  formatIssues,
  type Cell,
  type Notebook,
} from './schema';

const nb = (cells: Cell[]): Notebook => ({ format: 'podbook/1', meta: { title: 't' }, cells });
const md = (id: string): Cell => ({ type: 'markdown', id, source: 'x' });

describe('the notebook schema', () => {
  it('accepts a minimal notebook and rejects duplicate cell ids with the offending path', () => {
    expect(isNotebook(nb([md('a'), md('b')]))).toBe(true);
    expect(validateNotebook(nb([md('a'), md('a')]))).toEqual({ ok: false, errors: [{ line: undefined, message: 'cells.1.id: duplicate cell id "a"' }] });
  });

  it('allows only nbformat 4.5 cell ids: ASCII letters, digits, - and _, at most 64', () => {
    expect(isNotebook(nb([md('cmd-1-get_pods')]))).toBe(true);
    expect(isNotebook(nb([md('파드')]))).toBe(false);
    expect(isNotebook(nb([md('a b')]))).toBe(false);
    expect(isNotebook(nb([md('x'.repeat(65))]))).toBe(false);
  });

  it('keeps manifest files relative and inside the notebook folder', () => {
    const m = (file: string): Cell => ({ type: 'manifest', id: 'm', file, source: '', outputs: [] });
    expect(isNotebook(nb([m('ch02/pod.yaml')]))).toBe(true);
    expect(isNotebook(nb([m('/etc/passwd')]))).toBe(false);
    expect(isNotebook(nb([m('../x.yaml')]))).toBe(false);
  });

  it('checks quiz answers against their kind', () => {
    const base = { id: 'q', question: '?', explanation: 'e' };
    expect(QuizSchema.safeParse({ ...base, kind: 'single', choices: ['a', 'b'], answer: 1 }).success).toBe(true);
    expect(QuizSchema.safeParse({ ...base, kind: 'single', choices: ['a', 'b'], answer: 2 }).success).toBe(false);
    expect(QuizSchema.safeParse({ ...base, kind: 'multiple', choices: ['a', 'b', 'c'], answer: [0, 2] }).success).toBe(true);
    expect(QuizSchema.safeParse({ ...base, kind: 'ordering', choices: ['a', 'b', 'c'], answer: [2, 0, 1] }).success).toBe(true);
    expect(QuizSchema.safeParse({ ...base, kind: 'ordering', choices: ['a', 'b', 'c'], answer: [0, 0, 1] }).success).toBe(false);
    expect(QuizSchema.safeParse({ ...base, kind: 'short', answer: ['Running', 'running'] }).success).toBe(true);
    expect(QuizSchema.safeParse({ ...base, kind: 'short', answer: 3 }).success).toBe(false);
    expect(QuizSchema.safeParse({ ...base, kind: 'predict', command: 'kubectl get pods' }).success).toBe(true);
    expect(QuizSchema.safeParse({ ...base, kind: 'predict', command: 'kubectl get pods', answer: 'x' }).success).toBe(false);
    expect(QuizSchema.safeParse({ ...base, kind: 'predict' }).success).toBe(false);
  });

  it('knows the six exercise check kinds and their fields', () => {
    const d = { id: 'c', description: '설명' };
    expect(CheckSchema.safeParse({ ...d, kind: 'exists', resource: 'pods', name: 'x' }).success).toBe(true);
    expect(CheckSchema.safeParse({ ...d, kind: 'jsonpath', resource: 'deploy', name: 'x', path: '{.spec.replicas}', op: 'ge', value: 2 }).success).toBe(true);
    expect(CheckSchema.safeParse({ ...d, kind: 'jsonpath', resource: 'deploy', name: 'x', path: '{.a}', op: 'approx', value: 2 }).success).toBe(false);
    expect(CheckSchema.safeParse({ ...d, kind: 'podsReady', selector: 'app=web', count: 2 }).success).toBe(true);
    expect(CheckSchema.safeParse({ ...d, kind: 'selectorMatches', resource: 'pods', selector: 'app=web', count: 0 }).success).toBe(true);
    expect(CheckSchema.safeParse({ ...d, kind: 'http', target: 'deploy/web', port: 8080, contains: 'Hello' }).success).toBe(true);
    expect(CheckSchema.safeParse({ ...d, kind: 'hostnameIsPod', target: 'deploy/whoami', port: 80, path: '/' }).success).toBe(true);
    expect(CheckSchema.safeParse({ ...d, kind: 'http', target: 'web', port: 8080, contains: 'x' }).success).toBe(false);
    expect(CheckSchema.safeParse({ ...d, kind: 'teleport' }).success).toBe(false);
  });

  it('guards tell runnable cells from the rest', () => {
    const cmd: Cell = { type: 'command', id: 'c', lang: 'kubectl', source: 'kubectl get pods', outputs: [] };
    expect(isCommandCell(cmd) && isRunnableCell(cmd)).toBe(true);
    expect(isRunnableCell(md('m'))).toBe(false);
  });

  it('formats issues one per line with their line numbers', () => {
    expect(formatIssues([{ line: 3, message: 'a' }, { message: 'b' }])).toBe('line 3: a\nb');
  });
});
