'use client';
// A scratch cell at the end of every notebook: any command, on the same kernel, not saved.
import { useState, type KeyboardEvent } from 'react';
import { useRuntime } from './provider';
import { useCellState } from './runtime';
import { OutputText } from './output';
import { ContainerPrompt } from './code-cell';

let seq = 0;

export function ScratchCell() {
  const rt = useRuntime();
  const [id, setId] = useState('scratch-0');
  const [text, setText] = useState('');
  const s = useCellState(rt, id);
  const run = () => {
    if (!text.trim()) return;
    // a new id per run keeps each run's output apart in the kernel's event stream
    const next = `scratch-${++seq}`;
    setId(next);
    rt.run({ type: 'command', id: next, source: text, allowError: true });
  };
  const onKey = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (e.key === 'Enter' && (e.shiftKey || e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      run();
    }
  };
  return (
    <section className="code-cell cell scratch" aria-labelledby="scratch-heading" data-cell-focus tabIndex={-1}>
      <div className="code-cell-head">
        <span className="exec-count">{s.status === 'running' ? '[*]' : s.execution ? `[${s.execution.count}]` : '[ ]'}</span>
        <h2 id="scratch-heading" style={{ fontSize: '0.95rem', margin: 0 }}>
          연습장
        </h2>
        <button type="button" className="primary" onClick={run} disabled={s.status === 'running' || s.status === 'queued'}>
          실행
        </button>
        <span className="muted">아무 명령이나 실행해 볼 수 있습니다 (Shift+Enter). 노트에는 저장되지 않습니다.</span>
      </div>
      <label htmlFor="scratch-src" className="visually-hidden">
        연습장 명령
      </label>
      <textarea
        id="scratch-src"
        className="code"
        rows={3}
        value={text}
        placeholder="kubectl get pods -o wide"
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        onChange={(e) => setText(e.currentTarget.value)}
        onKeyDown={onKey}
      />
      {(s.outputs.length > 0 || s.status === 'done') && (
        <pre className="terminal" aria-live="polite">
          {s.outputs.length > 0 ? <OutputText outputs={s.outputs} forward={s.forward} /> : '(출력 없음)'}
        </pre>
      )}
      <ContainerPrompt id={id} />
    </section>
  );
}
