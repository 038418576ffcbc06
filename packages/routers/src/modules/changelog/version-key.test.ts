import { compare } from 'semver';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './render';
import { versionId, versionKey } from './version-key';

/** semver.org's own precedence example, shuffled, plus the cases a plain string sort gets wrong. */
const VERSIONS = [
  '1.0.0-beta.11',
  '1.10.0',
  '1.0.0-alpha',
  '1.0.0',
  '1.0.0-rc.1',
  '1.9.0',
  '1.0.0-alpha.beta',
  '2.0.0',
  '1.0.0-beta',
  '1.0.0-alpha.1',
  '1.0.0-beta.2',
  '10.0.0',
  '1.0.0-alpha-1',
  '1.0.0-2',
  '1.0.0-10',
  '0.9.99',
  '1.2.3-x.7.z.92',
];

describe('versionKey', () => {
  it('orders as semver precedence does (1.10.0 after 1.9.0, pre-releases before their release)', () => {
    const bySemver = [...VERSIONS].sort(compare);
    const byKey = [...VERSIONS].sort((a, b) => (versionKey(a) < versionKey(b) ? -1 : 1));
    expect(byKey).toEqual(bySemver);
    expect(bySemver.slice(0, 3)).toEqual(['0.9.99', '1.0.0-2', '1.0.0-10']);
    expect(bySemver.indexOf('1.10.0')).toBeGreaterThan(bySemver.indexOf('1.9.0'));
  });

  it('ignores build metadata, so 1.0.0+a and 1.0.0+b are one version', () => {
    expect(versionKey('1.0.0+a')).toBe(versionKey('1.0.0+b'));
    expect(versionId('1.0.0+a')).toBe(versionId('1.0.0'));
  });
});

describe('renderMarkdown', () => {
  it('keeps safe Markdown: headings, emphasis, lists, code, https links and images', () => {
    const html = renderMarkdown(
      '## Offline\n\n**Dictate** _anywhere_.\n\n- one\n- two\n\n`code` [docs](https://example.com/docs) ![shot](https://example.com/a.png)',
    );
    expect(html).toContain('<h2>Offline</h2>');
    expect(html).toContain('<strong>Dictate</strong> <em>anywhere</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>code</code>');
    expect(html).toContain('<a href="https://example.com/docs" rel="noopener noreferrer">docs</a>');
    expect(html).toContain('<img src="https://example.com/a.png" alt="shot" />');
  });

  it('removes script (with its content), inline handlers, javascript: URLs and unknown tags', () => {
    const html = renderMarkdown(
      [
        'Hello <script>alert("x")</script> world',
        '<img src="https://example.com/x.png" onerror="alert(1)">',
        '[click](javascript:alert(1)) <a href="JaVaScRiPt:alert(2)">two</a>',
        '<iframe src="https://evil.example"></iframe><style>body{}</style>',
        '<p onclick="steal()" style="color:red">para</p>',
        '<img src="http://example.com/plain.png">',
      ].join('\n\n'),
    );
    expect(html).not.toMatch(/<script|alert\("x"\)/);
    expect(html).not.toMatch(/onerror|onclick|style=/i);
    expect(html).not.toMatch(/javascript:/i);
    expect(html).toContain('<span>click</span>');
    expect(html).toContain('<span>two</span>');
    expect(html).not.toMatch(/<iframe|<style/);
    expect(html).not.toContain('http://example.com/plain.png');
    expect(html).toContain('Hello');
    expect(html).toContain('world');
    expect(html).toContain('<img src="https://example.com/x.png" />');
    expect(html).toContain('<p>para</p>');
  });
});
