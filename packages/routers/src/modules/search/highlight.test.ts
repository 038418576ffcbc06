import { describe, expect, it } from 'vitest';
import { escapeHtml, highlight, snippet } from './highlight';

const word = (token: string) => ({ token, prefix: false });
const prefix = (token: string) => ({ token, prefix: true });

describe('search highlighting', () => {
  it('marks whole words, and only the typed start of a prefix', () => {
    expect(highlight('Ada Lovelace', [word('ada'), prefix('lov')])).toBe(
      '<mark>Ada</mark> <mark>Lov</mark>elace',
    );
    // Å reads as a: the mark covers the letters that read as the prefix.
    expect(highlight('Zoë Ådahl', [prefix('ada')])).toBe('Zoë <mark>Åda</mark>hl');
    expect(highlight('Adam', [word('ada')])).toBe('Adam');
  });

  it('escapes everything that is not a mark', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(highlight('<img src=x onerror=alert(1)> crash', [word('crash')])).toBe(
      '&lt;img src=x onerror=alert(1)&gt; <mark>crash</mark>',
    );
  });

  it('cuts a window around the first match, at spaces, with ellipses where text was left out', () => {
    const text = `${'lorem '.repeat(40)}the login crash happens ${'ipsum '.repeat(40)}`;
    const html = snippet(text, [word('crash')], 60) ?? '';
    expect(html.startsWith('…')).toBe(true);
    expect(html.endsWith('…')).toBe(true);
    expect(html).toContain('login <mark>crash</mark> happens');
    expect(html.replace(/<\/?mark>/g, '').length).toBeLessThanOrEqual(62);
    expect(snippet('short text', [word('crash')])).toBeNull();
    expect(snippet('a crash', [word('crash')])).toBe('a <mark>crash</mark>');
  });
});
