// Server-side markdown for prose cells: mdast (remark + GFM) straight to React elements, so no
// HTML string is ever trusted. Raw HTML in a note is shown as text, not injected.
//
// Extras the study notes use:
// * Obsidian callouts: a blockquote opening with `[!NOTE]`, `[!TIP] 제목` (the title is the rest
//   of that first line; `+`/`-` fold markers are accepted and ignored), as Obsidian renders them.
// * `[[wikilinks]]` and `![[image.png]]` embeds: shown as their text (the linked vault is not here).
// * Headings get GitHub-style ids (lowercase, punctuation dropped, spaces → "-", "-1", "-2" for
//   repeats) so the table of contents can link to them; ids are assigned once for the whole page.
import type { ReactNode } from 'react';
import type { Blockquote, Heading, ListItem, PhrasingContent, Root, RootContent, Text } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { highlight } from '@/lib/highlight';

const processor = unified().use(remarkParse).use(remarkGfm);

export interface TocEntry {
  id: string;
  depth: number;
  text: string;
}

export interface PreparedMarkdown {
  tree: Root;
}

/** Plain text of a node (headings → TOC text and ids). */
export function plainText(node: RootContent | Root): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as RootContent[]).map(plainText).join('');
  return '';
}

/** GitHub's heading slug: lowercase, drop punctuation (Hangul and other letters stay), spaces to "-". */
export function slug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

/** Parses every prose cell once and numbers headings across the page; returns the TOC too. */
export function prepareMarkdown(sources: { id: string; source: string }[]): {
  docs: Map<string, PreparedMarkdown>;
  toc: TocEntry[];
} {
  const used = new Map<string, number>();
  const toc: TocEntry[] = [];
  const docs = new Map<string, PreparedMarkdown>();
  for (const { id, source } of sources) {
    const tree = processor.parse(source);
    const visit = (node: Root | RootContent) => {
      if (node.type === 'heading') {
        const text = stripWikilinks(plainText(node));
        const base = slug(text) || 'section';
        const n = used.get(base) ?? 0;
        used.set(base, n + 1);
        const hid = n === 0 ? base : `${base}-${n}`;
        node.data = { ...(node.data ?? {}), hProperties: { id: hid } };
        toc.push({ id: hid, depth: node.depth, text });
      }
      if ('children' in node) for (const c of node.children as RootContent[]) visit(c);
    };
    visit(tree);
    docs.set(id, { tree });
  }
  return { docs, toc };
}

function stripWikilinks(s: string): string {
  return s.replace(/!?\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g, (_m, target: string, alias?: string) => alias ?? target);
}

function headingId(h: Heading): string | undefined {
  const props = (h.data as { hProperties?: { id?: string } } | undefined)?.hProperties;
  return props?.id;
}

const CALLOUT = /^\[!([A-Za-z]+)\][+-]?[ \t]*/;

const CALLOUT_LABEL: Record<string, string> = {
  note: '참고',
  tip: '팁',
  info: '정보',
  warning: '주의',
  caution: '주의',
  important: '중요',
  danger: '위험',
  example: '예시',
  question: '질문',
  summary: '요약',
  quote: '인용',
};

/** Splits a callout's first paragraph into [type, title inlines, body inlines] or undefined. */
function calloutParts(bq: Blockquote): { type: string; title: PhrasingContent[]; rest: PhrasingContent[] } | undefined {
  const first = bq.children[0];
  if (!first || first.type !== 'paragraph') return undefined;
  const head = first.children[0];
  if (!head || head.type !== 'text') return undefined;
  const m = CALLOUT.exec(head.value);
  if (!m) return undefined;
  const type = m[1].toLowerCase();
  const inlines: PhrasingContent[] = [{ ...head, value: head.value.slice(m[0].length) } as Text, ...first.children.slice(1)];
  const title: PhrasingContent[] = [];
  const rest: PhrasingContent[] = [];
  let inTitle = true;
  for (const node of inlines) {
    if (!inTitle) {
      rest.push(node);
      continue;
    }
    if (node.type === 'text' && node.value.includes('\n')) {
      const i = node.value.indexOf('\n');
      if (i > 0) title.push({ type: 'text', value: node.value.slice(0, i) });
      const after = node.value.slice(i + 1);
      if (after) rest.push({ type: 'text', value: after });
      inTitle = false;
    } else if (node.type === 'break') {
      inTitle = false;
    } else {
      title.push(node);
    }
  }
  return { type, title, rest };
}

function Inline({ nodes }: { nodes: PhrasingContent[] }): ReactNode {
  return nodes.map((n, i) => <InlineNode key={i} node={n} />);
}

function WikiText({ value }: { value: string }): ReactNode {
  const parts: ReactNode[] = [];
  const re = /(!?)\[\[([^\]|#]+)(?:#[^\]|]*)?(?:\|([^\]]+))?\]\]/g;
  let last = 0;
  let m: RegExpExecArray | null;
  let k = 0;
  while ((m = re.exec(value))) {
    if (m.index > last) parts.push(value.slice(last, m.index));
    const label = m[3] ?? m[2];
    parts.push(
      <span key={k++} className="wikilink" title={m[1] ? `포함된 파일: ${m[2]}` : `위키링크: ${m[2]}`}>
        {m[1] ? `[${label}]` : label}
      </span>,
    );
    last = m.index + m[0].length;
  }
  if (last === 0) return value;
  if (last < value.length) parts.push(value.slice(last));
  return parts;
}

function InlineNode({ node }: { node: PhrasingContent }): ReactNode {
  switch (node.type) {
    case 'text':
      return <WikiText value={node.value} />;
    case 'emphasis':
      return (
        <em>
          <Inline nodes={node.children} />
        </em>
      );
    case 'strong':
      return (
        <strong>
          <Inline nodes={node.children} />
        </strong>
      );
    case 'delete':
      return (
        <del>
          <Inline nodes={node.children} />
        </del>
      );
    case 'inlineCode':
      return <code>{node.value}</code>;
    case 'break':
      return <br />;
    case 'link': {
      const safe = /^(https?:|mailto:|#|\/)/i.test(node.url) ? node.url : undefined;
      return safe ? (
        <a href={safe} {...(/^https?:/i.test(safe) ? { rel: 'noreferrer' } : {})}>
          <Inline nodes={node.children} />
        </a>
      ) : (
        <span>
          <Inline nodes={node.children} />
        </span>
      );
    }
    case 'image':
      // Note images live in the author's vault or the book; only same-site paths are shown.
      return node.url.startsWith('/') ? (
        // eslint-disable-next-line @next/next/no-img-element
        <img src={node.url} alt={node.alt ?? ''} />
      ) : (
        <span className="muted">[그림: {node.alt || node.url}]</span>
      );
    case 'html':
      return <code>{node.value}</code>;
    default:
      return 'children' in node ? <Inline nodes={(node as { children: PhrasingContent[] }).children} /> : null;
  }
}

function ListItemView({ item }: { item: ListItem }) {
  return (
    <li>
      {item.checked != null && <input type="checkbox" checked={item.checked} readOnly disabled aria-label={item.checked ? '완료' : '미완료'} />}{' '}
      <Blocks nodes={item.children} tight={!item.spread} />
    </li>
  );
}

async function CodeBlock({ code, lang }: { code: string; lang?: string | null }) {
  const html = await highlight(code, lang);
  return <div className="code-block" dangerouslySetInnerHTML={{ __html: html }} />;
}

function Block({ node, tight }: { node: RootContent; tight?: boolean }): ReactNode {
  switch (node.type) {
    case 'heading': {
      const Tag = `h${Math.min(6, node.depth)}` as 'h1';
      return (
        <Tag id={headingId(node)}>
          <Inline nodes={node.children} />
        </Tag>
      );
    }
    case 'paragraph':
      return tight ? (
        <Inline nodes={node.children} />
      ) : (
        <p>
          <Inline nodes={node.children} />
        </p>
      );
    case 'list': {
      const items = node.children.map((c, i) => <ListItemView key={i} item={c} />);
      return node.ordered ? <ol start={node.start ?? undefined}>{items}</ol> : <ul>{items}</ul>;
    }
    case 'blockquote': {
      const c = calloutParts(node);
      if (!c) {
        return (
          <blockquote>
            <Blocks nodes={node.children} />
          </blockquote>
        );
      }
      const label = CALLOUT_LABEL[c.type] ?? c.type.toUpperCase();
      return (
        <aside className={`callout callout-${c.type}`} aria-label={label}>
          <p className="callout-title">{c.title.length > 0 ? <Inline nodes={c.title} /> : label}</p>
          {c.rest.length > 0 && (
            <p>
              <Inline nodes={c.rest} />
            </p>
          )}
          <Blocks nodes={node.children.slice(1)} />
        </aside>
      );
    }
    case 'code':
      return <CodeBlock code={node.value} lang={node.lang} />;
    case 'thematicBreak':
      return <hr />;
    case 'table':
      return (
        <table>
          <thead>
            <tr>
              {node.children[0]?.children.map((cell, i) => (
                <th key={i} style={{ textAlign: node.align?.[i] ?? undefined }}>
                  <Inline nodes={cell.children} />
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {node.children.slice(1).map((row, r) => (
              <tr key={r}>
                {row.children.map((cell, i) => (
                  <td key={i} style={{ textAlign: node.align?.[i] ?? undefined }}>
                    <Inline nodes={cell.children} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      );
    case 'html':
      return (
        <pre>
          <code>{node.value}</code>
        </pre>
      );
    default:
      return null;
  }
}

const DETAILS_OPEN = /^<details( open)?>\s*(?:<summary>([\s\S]*?)<\/summary>)?\s*$/i;
const DETAILS_CLOSE = /^<\/details>\s*$/i;

/** `<summary>` text with `<code>` kept as code and every other tag dropped. */
function SummaryText({ html }: { html: string }): ReactNode {
  return html.split(/(<code>[\s\S]*?<\/code>)/i).map((part, i) => {
    const m = /^<code>([\s\S]*?)<\/code>$/i.exec(part);
    const text = (m ? m[1] : part).replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
    return m ? <code key={i}>{text}</code> : text;
  });
}

/**
 * Blocks, with the one raw-HTML construct the notes use, `<details><summary>…</summary>` …
 * `</details>` around markdown (a foldable solution), rebuilt as React elements. Other raw HTML
 * stays visible as text.
 */
function Blocks({ nodes, tight }: { nodes: RootContent[]; tight?: boolean }): ReactNode {
  const out: ReactNode[] = [];
  for (let i = 0; i < nodes.length; i++) {
    const n = nodes[i];
    const open = n.type === 'html' ? DETAILS_OPEN.exec(n.value.trim()) : null;
    if (open) {
      const end = nodes.findIndex((x, j) => j > i && x.type === 'html' && DETAILS_CLOSE.test(x.value.trim()));
      if (end > i) {
        out.push(
          <details key={i} open={open[1] !== undefined}>
            <summary>{open[2] !== undefined ? <SummaryText html={open[2]} /> : '자세히'}</summary>
            <Blocks nodes={nodes.slice(i + 1, end)} />
          </details>,
        );
        i = end;
        continue;
      }
    }
    out.push(<Block key={i} node={n} tight={tight} />);
  }
  return out;
}

export function Markdown({ doc }: { doc: PreparedMarkdown }) {
  return (
    <div className="prose">
      <Blocks nodes={doc.tree.children} />
    </div>
  );
}

/** Markdown from a string with its own heading ids (quiz questions, explanations, tasks). */
export function MarkdownText({ source }: { source: string }) {
  const { docs } = prepareMarkdown([{ id: 'x', source }]);
  return <Markdown doc={docs.get('x')!} />;
}
