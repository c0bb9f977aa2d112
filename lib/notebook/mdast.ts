// The one markdown parser both spellings use: remark (CommonMark + YAML frontmatter). Only the
// top-level blocks and their source positions matter here: markdown cells are slices of the
// original text, so prose comes out byte for byte as written. remark-gfm is left out on purpose:
// its extensions (tables, strikethrough, autolinks, footnotes) do not move a block boundary or a
// code span that matters here, and it doubles the parse time of a seed note.

import type { Code, Root, RootContent } from 'mdast';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

const processor = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']);

export function parseMarkdownTree(text: string): Root {
  return processor.parse(text);
}

/** A block's [start, end) offsets in the text. */
export function span(node: RootContent): [number, number] {
  return [node.position?.start.offset ?? 0, node.position?.end.offset ?? 0];
}

export function startLine(node: RootContent): number {
  return node.position?.start.line ?? 1;
}

/** A fenced code block (``` or ~~~), not an indented one. */
export function isFence(node: RootContent, text: string): node is Code {
  if (node.type !== 'code') return false;
  const [s] = span(node);
  return /^ {0,3}(`{3,}|~{3,})/.test(text.slice(s, s + 8 + 3));
}

/** Removes whole blank lines at the start and end; keeps trailing spaces of the last line. */
export function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').replace(/(?:\n[ \t]*)+$/, '').replace(/^[ \t]+$/, '');
}

/** The shortest backtick fence that cannot be closed by a line of `body`. */
export function fenceFor(body: string): string {
  let longest = 0;
  for (const m of body.matchAll(/^ {0,3}(`{3,})/gm)) longest = Math.max(longest, m[1].length);
  return '`'.repeat(Math.max(3, longest + 1));
}

/** What a prose block holds that may run: inline code spans and fences nested in lists or callouts. */
export type Embedded = { kind: 'inline'; value: string } | { kind: 'fence'; node: Code };

/** Inline code and nested fenced code inside a top-level block, in document order. */
export function embeddedCode(node: RootContent, text: string): Embedded[] {
  const out: Embedded[] = [];
  const walk = (n: { type: string; value?: string; children?: unknown[] }, top: boolean) => {
    if (n.type === 'inlineCode' && typeof n.value === 'string') out.push({ kind: 'inline', value: n.value });
    if (n.type === 'code') {
      // a fence nested in a list item or callout: its first line holds the ``` after the markers
      const code = n as Code;
      const [s] = span(code as RootContent);
      const lineStart = text.lastIndexOf('\n', s - 1) + 1;
      if (!top && /^[\s>*+\-\d.)]*(`{3,}|~{3,})/.test(text.slice(lineStart, s + 4))) out.push({ kind: 'fence', node: code });
      return;
    }
    for (const c of (n.children ?? []) as { type: string }[]) walk(c, false);
  };
  walk(node as { type: string; children?: unknown[] }, true);
  return out;
}
