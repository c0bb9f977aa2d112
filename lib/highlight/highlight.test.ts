import { describe, expect, it } from 'vitest';
import { grammarFor, highlight } from './index';

describe('highlight', () => {
  it('maps note languages to shiki grammars and unknown ones to plain text', () => {
    expect(grammarFor('kubectl')).toBe('shellscript');
    expect(grammarFor('yml')).toBe('yaml');
    expect(grammarFor('output')).toBe('text');
    expect(grammarFor(undefined)).toBe('text');
  });

  it('emits light colours inline and dark colours as --shiki-dark variables', async () => {
    const html = await highlight('apiVersion: v1\nkind: Pod\n', 'yaml');
    expect(html).toMatch(/^<pre class="shiki shiki-themes github-light github-dark"/);
    expect(html).toContain('--shiki-dark:');
    expect(html).toContain('apiVersion');
  });

  it('escapes HTML in the code it highlights', async () => {
    const html = await highlight('echo "<b>hi</b>"', 'sh');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&#x3C;b>');
  });
});
