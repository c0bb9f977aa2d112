// The notebook page body, server-rendered: metadata from the frontmatter, a table of contents,
// prose, highlighted code and captured outputs are all in the HTML before any script runs. The
// client parts (run controls, the live panel, quiz and exercise cards) hydrate around them.
import type { Cell, Notebook } from '@/lib/notebook';
import { highlight } from '@/lib/highlight';
import { Markdown, MarkdownText, prepareMarkdown } from '../markdown';
import { NotebookProvider } from './provider';
import { Toolbar, type ExportSource } from './toolbar';
import { CommandCellView, ManifestCellView } from './code-cell';
import { ClusterPanel } from './cluster-panel';
import { ScratchCell } from './scratch';
import { TocDetails } from './toc';
import { QuizCard } from './quiz';
import { ExerciseCard } from './exercise';
import type { KernelExecution, KernelOutput, RunnableCell } from './api';

function firstLine(source: string): string {
  const l = source.split('\n').find((x) => x.trim() && !x.trim().startsWith('#')) ?? source;
  return l.length > 60 ? `${l.slice(0, 57)}…` : l;
}

function Meta({ nb }: { nb: Notebook }) {
  const m = nb.meta;
  const rows: [string, string][] = [];
  if (m.book) rows.push(['책', m.book]);
  if (m.chapter !== undefined) rows.push(['장', String(m.chapter)]);
  if (m.section) rows.push(['절', m.section]);
  if (m.presenter) rows.push(['발제', m.presenter]);
  if (m.date) rows.push(['일자', m.date]);
  if (m.source) rows.push(['출처', m.source]);
  for (const [k, v] of Object.entries(m.extra ?? {})) rows.push([k, v]);
  return (
    <>
      {rows.length > 0 && (
        <dl className="meta-list" aria-label="노트 정보">
          {rows.map(([k, v]) => (
            <div key={k} style={{ display: 'contents' }}>
              <dt>{k}</dt>
              <dd>{v}</dd>
            </div>
          ))}
        </dl>
      )}
      {m.tags && m.tags.length > 0 && (
        <ul className="tags" aria-label="태그">
          {m.tags.map((t) => (
            <li key={t}>{t}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export async function NotebookView({ notebook, exportSource, progressKey }: { notebook: Notebook; exportSource?: ExportSource; progressKey?: string }) {
  const cells = notebook.cells;
  // The notes open with `# <title>`; the page's h1 already is the title, so that line is not repeated.
  const prose = cells.filter((c) => c.type === 'markdown').map((c) => ({ id: c.id, source: c.source }));
  if (prose[0]) {
    const lines = prose[0].source.split('\n');
    const first = lines.findIndex((l) => l.trim() !== '');
    if (first >= 0 && lines[first].replace(/^#\s+/, '').trim() === notebook.meta.title.trim() && /^#\s/.test(lines[first])) {
      prose[0] = { ...prose[0], source: lines.slice(first + 1).join('\n') };
    }
  }
  const { docs, toc } = prepareMarkdown(prose);
  const runnable: RunnableCell[] = [];
  const initial: Record<string, { outputs: KernelOutput[]; execution?: KernelExecution }> = {};
  for (const c of cells) {
    if (c.type === 'command') {
      runnable.push({ type: 'command', id: c.id, source: c.source, ...(c.interactive ? { interactive: c.interactive } : {}) });
      initial[c.id] = { outputs: c.outputs, execution: c.execution };
    } else if (c.type === 'manifest') {
      runnable.push({ type: 'manifest', id: c.id, file: c.file, source: c.source });
      initial[c.id] = { outputs: c.outputs, execution: c.execution };
    }
  }
  const highlighted = new Map<string, string>(
    await Promise.all(cells.filter((c) => c.type === 'command').map(async (c) => [c.id, await highlight(c.source, 'sh')] as [string, string])),
  );
  const render = (c: Cell) => {
    switch (c.type) {
      case 'markdown':
        return <div className="cell" key={c.id} id={`cell-${c.id}`}><Markdown doc={docs.get(c.id)!} /></div>;
      case 'command':
        return (
          <CommandCellView key={c.id} id={c.id} label={firstLine(c.source)} lang={c.lang} source={c.source} highlighted={highlighted.get(c.id)!} expected={c.expected} />
        );
      case 'manifest':
        return <ManifestCellView key={c.id} id={c.id} file={c.file} source={c.source} />;
      case 'quiz':
        return (
          <QuizCard
            key={c.id}
            quiz={c.quiz as never}
            question={<MarkdownText source={c.quiz.question} />}
            explanation={<MarkdownText source={c.quiz.explanation} />}
          />
        );
      case 'exercise':
        return <ExerciseCard key={c.id} exercise={c.exercise as never} task={<MarkdownText source={c.exercise.task} />} />;
    }
  };
  return (
    <NotebookProvider cells={runnable} initial={initial} progressKey={progressKey}>
      <main id="main" tabIndex={-1} className="notebook-layout">
        <nav className="toc" aria-labelledby="toc-heading">
          <TocDetails>
            <summary id="toc-heading">목차</summary>
            <ol>
              {toc
                .filter((t) => t.depth >= 2 && t.depth <= 3)
                .map((t) => (
                  <li key={t.id} className={`depth-${t.depth}`}>
                    <a href={`#${t.id}`}>{t.text}</a>
                  </li>
                ))}
            </ol>
          </TocDetails>
        </nav>
        <article aria-labelledby="nb-title">
          <header>
            <h1 id="nb-title">{notebook.meta.title}</h1>
            <Meta nb={notebook} />
          </header>
          <Toolbar exportSource={exportSource} />
          {cells.map(render)}
          <ScratchCell />
        </article>
        <aside className="side-panel" aria-label="클러스터 상태">
          <ClusterPanel />
        </aside>
      </main>
    </NotebookProvider>
  );
}
