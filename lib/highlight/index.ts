// Shiki, once per server process: creating a highlighter loads grammars and themes (tens of
// milliseconds), so every page shares one (shiki's docs: "the highlighter instance should be
// long-lived"). Server only: the HTML it returns is rendered by server components, and no shiki
// code reaches the browser.
//
// Both themes are emitted at once (shiki's dual themes): light colours inline, dark colours as
// `--shiki-dark` variables that app/globals.css switches on for dark mode.
import { createHighlighter } from 'shiki';
import type { Highlighter } from 'shiki';

export const LIGHT_THEME = 'github-light';
export const DARK_THEME = 'github-dark';

/** The grammars the notes use; anything else is shown as plain text. */
const LANGS = ['shellscript', 'yaml', 'json', 'dockerfile', 'javascript', 'typescript', 'python', 'ini', 'html', 'markdown'] as const;

const ALIASES: Record<string, string> = {
  kubectl: 'shellscript',
  sh: 'shellscript',
  bash: 'shellscript',
  shell: 'shellscript',
  console: 'shellscript',
  zsh: 'shellscript',
  powershell: 'shellscript',
  ps: 'shellscript',
  yml: 'yaml',
  js: 'javascript',
  ts: 'typescript',
  py: 'python',
  toml: 'ini',
  md: 'markdown',
};

let pending: Promise<Highlighter> | undefined;

function highlighter(): Promise<Highlighter> {
  pending ??= createHighlighter({ themes: [LIGHT_THEME, DARK_THEME], langs: [...LANGS] });
  return pending;
}

/** The grammar shiki should use for a fence language (`text` when we have none). */
export function grammarFor(lang: string | null | undefined): string {
  const l = (lang ?? '').toLowerCase();
  const name = ALIASES[l] ?? l;
  return (LANGS as readonly string[]).includes(name) ? name : 'text';
}

/** Highlighted HTML (`<pre class="shiki …">`) for code in both themes. */
export async function highlight(code: string, lang: string | null | undefined): Promise<string> {
  const h = await highlighter();
  return h.codeToHtml(code, {
    lang: grammarFor(lang),
    themes: { light: LIGHT_THEME, dark: DARK_THEME },
    defaultColor: 'light',
  });
}
