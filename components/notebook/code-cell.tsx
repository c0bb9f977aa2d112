'use client';
// Command and manifest cells. The code itself is highlighted on the server (shiki) and arrives as
// HTML; this component adds the run controls, the execution count and the outputs.
//
// Keyboard: Tab reaches every button; Shift+Enter anywhere in a cell runs it and moves focus to
// the next cell, as in Jupyter.
import { useRef, useState, type KeyboardEvent } from 'react';
import { useRuntime } from './provider';
import { useCellState, useGlobalState, usePromptLines, type CellState, type PromptLine } from './runtime';
import { OutputText } from './output';
import { previewUrl } from './api';

const STATUS_TEXT: Record<CellState['status'], string> = {
  idle: '',
  queued: '대기 중',
  running: '실행 중…',
  done: '완료',
  error: '오류',
};

function countLabel(s: CellState): string {
  if (s.status === 'running') return '[*]';
  if (s.status === 'queued') return '[ ]';
  return s.execution ? `[${s.execution.count}]` : '[ ]';
}

function focusNextCell(from: HTMLElement): void {
  const all = Array.from(document.querySelectorAll<HTMLElement>('[data-cell-focus]'));
  const i = all.indexOf(from);
  all[i + 1]?.focus();
}

function StateBadge({ s }: { s: CellState }) {
  if (s.stale) return <span className="state state-stale">지난 실행 (재시작 전)</span>;
  if (s.captured && s.status === 'idle') return <span className="state">저장된 출력</span>;
  if (s.status === 'idle') return null;
  return <span className={`state state-${s.status}`}>{STATUS_TEXT[s.status]}</span>;
}

function CellHead({ id, s, kind }: { id: string; s: CellState; kind: string }) {
  const rt = useRuntime();
  const busy = s.status === 'running' || s.status === 'queued';
  return (
    <div className="code-cell-head">
      <span className="exec-count" aria-label="실행 순서">
        {countLabel(s)}
      </span>
      <button type="button" className="primary" onClick={() => rt.run(id)} disabled={busy} title="이 셀 실행 (Shift+Enter)">
        실행
      </button>
      <button type="button" onClick={() => rt.runUpTo(id)} disabled={busy} title="위에서 아직 실행하지 않은 셀부터 이 셀까지 차례로 실행">
        여기까지 실행
      </button>
      <StateBadge s={s} />
      <span className="spacer" />
      <span className="muted">{kind}</span>
    </div>
  );
}

function Outputs({ s, expected }: { s: CellState; expected?: string }) {
  const has = s.outputs.length > 0 || s.forward !== '';
  if (!has && expected === undefined) return null;
  const ours = (
    <div className="output-pane">
      <p className="output-label">{s.captured && s.status === 'idle' ? 'Podbook 출력 (저장됨)' : 'Podbook 출력'}</p>
      {has ? (
        <pre className="terminal" data-testid="cell-output">
          <OutputText outputs={s.outputs} forward={s.forward} />
        </pre>
      ) : (
        <pre className="terminal empty" data-testid="cell-output">
          {s.status === 'running' ? '실행 중…' : s.status === 'done' ? '(출력 없음)' : '아직 실행하지 않았습니다'}
        </pre>
      )}
    </div>
  );
  if (expected === undefined) return <div className="outputs" aria-live="polite">{ours}</div>;
  return (
    <div className="outputs with-expected" aria-live="polite">
      {ours}
      <div className="output-pane">
        <p className="output-label">책의 출력</p>
        <pre className="terminal">{expected}</pre>
      </div>
    </div>
  );
}

function PromptRun({ l }: { l: PromptLine }) {
  const rt = useRuntime();
  const s = useCellState(rt, l.runId);
  return (
    <>
      {l.prompt}
      {l.line}
      {'\n'}
      <OutputText outputs={s.outputs.filter((o) => o.output_type === 'stream')} />
      {s.status === 'running' || s.status === 'queued' ? '…\n' : null}
    </>
  );
}

/**
 * `kubectl exec -it … -- sh` leaves the shell inside the container: the cell then shows the
 * container's prompt and an input line, as a terminal would, until `exit`.
 */
export function ContainerPrompt({ id }: { id: string }) {
  const rt = useRuntime();
  const g = useGlobalState(rt);
  const lines = usePromptLines(rt, id);
  const [text, setText] = useState('');
  const active = g.container?.cellId === id;
  if (!active && lines.length === 0) return null;
  return (
    <div className="container-prompt">
      {lines.length > 0 && (
        <pre className="terminal" aria-live="polite">
          {lines.map((l) => (
            <PromptRun key={l.runId} l={l} />
          ))}
        </pre>
      )}
      {active && (
        <form
          className="prompt-line"
          onSubmit={(e) => {
            e.preventDefault();
            if (!text.trim()) return;
            rt.typeLine(id, text);
            setText('');
          }}
        >
          <label htmlFor={`prompt-${id}`} className="terminal-prompt">
            <span className="visually-hidden">컨테이너 안 셸 입력, 프롬프트 </span>
            {g.container?.prompt}
          </label>
          <input
            id={`prompt-${id}`}
            className="code"
            value={text}
            autoComplete="off"
            autoCapitalize="off"
            spellCheck={false}
            onChange={(e) => setText(e.currentTarget.value)}
            onKeyDown={(e) => e.stopPropagation()}
          />
          <button type="submit">입력</button>
        </form>
      )}
    </div>
  );
}

/** `kubectl port-forward … 8080:80` → 8080 (the local port), else undefined. */
export function forwardedPort(source: string): number | undefined {
  const m = /\bport-forward\b[^\n]*?\s(\d{1,5})(?::\d{1,5})?(?=\s|$)/.exec(source);
  return m ? Number(m[1]) : undefined;
}

/** What the forwarded app serves, framed (the hello-kiamol page, whoami's text). */
function Preview({ port }: { port: number }) {
  const rt = useRuntime();
  const g = useGlobalState(rt);
  const [shown, setShown] = useState(false);
  const [nonce, setNonce] = useState(0);
  if (!g.kernelId) return null;
  return (
    <div className="preview">
      <button type="button" aria-expanded={shown} onClick={() => setShown(!shown)}>
        {shown ? '미리 보기 닫기' : `localhost:${port} 미리 보기`}
      </button>{' '}
      {shown && (
        <>
          <button type="button" onClick={() => setNonce(nonce + 1)}>
            새로 고침
          </button>
          <iframe key={nonce} title={`localhost:${port}에서 응답하는 앱`} src={previewUrl(g.kernelId, port)} sandbox="" />
        </>
      )}
    </div>
  );
}

export function CommandCellView({
  id,
  label,
  lang,
  source,
  highlighted,
  expected,
}: {
  id: string;
  label: string;
  lang: string;
  source: string;
  highlighted: string;
  expected?: string;
}) {
  const rt = useRuntime();
  const s = useCellState(rt, id);
  const port = forwardedPort(source);
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && e.shiftKey) {
      e.preventDefault();
      rt.run(id);
      focusNextCell(e.currentTarget);
    }
  };
  return (
    <section
      className="code-cell cell"
      id={`cell-${id}`}
      aria-label={`명령 셀: ${label}`}
      data-cell-id={id}
      data-status={s.status}
      data-stale={s.stale}
      data-cell-focus
      tabIndex={-1}
      onKeyDown={onKey}
    >
      <CellHead id={id} s={s} kind={lang} />
      {/* shiki's <pre tabindex="0"> is the keyboard stop: focus it and press Shift+Enter to run */}
      <div className="code" title="Shift+Enter로 실행" dangerouslySetInnerHTML={{ __html: highlighted }} />
      <Outputs s={s} expected={expected} />
      <ContainerPrompt id={id} />
      {port !== undefined && s.status === 'done' && !s.stale && <Preview port={port} />}
    </section>
  );
}

/** Where the kernel's YAML error points: "(3번째 줄, 5번째 칸)" in its first traceback line. */
function errorLocation(s: CellState): { line: number; column?: number } | undefined {
  for (const o of s.outputs) {
    if (o.output_type !== 'error') continue;
    const m = /\((\d+)번째 줄(?:, (\d+)번째 칸)?\)/.exec(o.traceback[0] ?? '');
    if (m) return { line: Number(m[1]), column: m[2] ? Number(m[2]) : undefined };
  }
  return undefined;
}

export function ManifestCellView({ id, file, source }: { id: string; file: string; source: string }) {
  const rt = useRuntime();
  const s = useCellState(rt, id);
  const area = useRef<HTMLTextAreaElement>(null);
  const where = errorLocation(s);
  const onKey = (e: KeyboardEvent<HTMLElement>) => {
    if (e.key === 'Enter' && e.shiftKey) {
      e.preventDefault();
      rt.run(id);
      focusNextCell(e.currentTarget);
    }
  };
  const jump = () => {
    const ta = area.current;
    if (!ta || !where) return;
    const lines = ta.value.split('\n');
    const start = lines.slice(0, where.line - 1).reduce((n, l) => n + l.length + 1, 0) + Math.max(0, (where.column ?? 1) - 1);
    ta.focus();
    ta.setSelectionRange(start, start + 1);
  };
  const lines = source.split('\n').length;
  return (
    <section
      className="code-cell cell"
      id={`cell-${id}`}
      aria-label={`매니페스트 셀: ${file}`}
      data-cell-id={id}
      data-status={s.status}
      data-stale={s.stale}
      data-cell-focus
      tabIndex={-1}
      onKeyDown={onKey}
    >
      <CellHead id={id} s={s} kind={`${file} (YAML)`} />
      <label className="visually-hidden" htmlFor={`src-${id}`}>
        {file} 편집 (실행하면 이 내용이 파일로 저장됩니다)
      </label>
      <textarea
        id={`src-${id}`}
        ref={area}
        className="code"
        defaultValue={source}
        rows={Math.min(30, lines + 1)}
        spellCheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        onChange={(e) => rt.setSource(id, e.currentTarget.value)}
      />
      {s.status === 'error' ? (
        <div role="alert" className="yaml-error" data-testid="manifest-error">
          {s.outputs.map((o, i) =>
            o.output_type === 'error' ? (
              <span key={i}>
                {o.traceback.length > 0 ? o.traceback.join('\n') : `${o.ename}: ${o.evalue}`}
                {'\n'}
              </span>
            ) : (
              <span key={i}>{o.text}</span>
            ),
          )}
          {where && (
            <button type="button" onClick={jump}>
              {where.line}번째 줄{where.column ? `, ${where.column}번째 칸` : ''}으로 이동
            </button>
          )}
        </div>
      ) : s.status === 'done' && !s.stale ? (
        <p className="output-label">{file} 파일로 저장했습니다.</p>
      ) : null}
    </section>
  );
}
