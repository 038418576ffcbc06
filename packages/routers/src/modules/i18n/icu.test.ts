import { describe, expect, it } from 'vitest';
import { argsDiff, parseMessage, previewMessage } from './icu';
import { fallbackChain, parseLocaleTag, truncations } from './locale-chain';

describe('ICU messages', () => {
  it('accept plurals, selects, nesting and formats, listing every argument once', () => {
    const parsed = parseMessage(
      '{gender, select, female {{count, plural, one {She has # item} other {She has # items}}} other {{name} has {count, number} items on {day, date, short}}}',
    );
    expect(parsed).toEqual({
      ok: true,
      args: [
        { name: 'count', kind: 'plural' },
        { name: 'day', kind: 'date' },
        { name: 'gender', kind: 'select' },
        { name: 'name', kind: 'text' },
      ],
    });
  });

  it("refuse malformed messages with the parser's reason", () => {
    const cases: [string, string][] = [
      ['{count, plural, one {# item}}', 'MISSING_OTHER_CLAUSE'],
      ['Hello {name', 'EXPECT_ARGUMENT_CLOSING_BRACE'],
      ['{g, select, a {x} b {y}}', 'MISSING_OTHER_CLAUSE'],
      ['{n, plural, other {#} other {#}}', 'DUPLICATE_PLURAL_ARGUMENT_SELECTOR'],
    ];
    for (const [message, reason] of cases) {
      const parsed = parseMessage(message);
      expect(parsed.ok, message).toBe(false);
      if (!parsed.ok) expect(parsed.reason).toContain(reason);
    }
  });

  it('compare arguments with the source', () => {
    expect(argsDiff(['count', 'name'], ['count', 'user'])).toEqual({ missing: ['name'], extra: ['user'] });
    expect(argsDiff(['a'], ['a'])).toEqual({ missing: [], extra: [] });
  });

  it('preview with defaults derived from the arguments, overridden by the samples given', () => {
    const message =
      '{name} has {count, plural, one {# file} other {# files}} ({kind, select, pdf {PDF} other {other}})';
    const preview = previewMessage(message, 'en', { name: 'Ada' });
    expect(preview).toEqual({
      ok: true,
      formatted: 'Ada has 3 files (PDF)',
      args: ['count', 'kind', 'name'],
      samples: { name: 'Ada', count: 3, kind: 'pdf' },
    });
    expect(previewMessage(message, 'en', { count: 1 })).toMatchObject({ formatted: 'name has 1 file (PDF)' });
    expect(previewMessage('{x', 'en', {})).toMatchObject({ ok: false });
  });
});

describe('locale tags and fallback chains', () => {
  it('canonicalize valid tags and refuse the rest', () => {
    expect(parseLocaleTag('pt-br')).toBe('pt-BR');
    expect(parseLocaleTag('zh-hant-tw')).toBe('zh-Hant-TW');
    for (const bad of ['en_US', '', 'x', 'toolongsubtagvalue', 'de-', '1234'])
      expect(parseLocaleTag(bad), bad).toBe(undefined);
  });

  it('run requested → base language → default → English, each once', () => {
    expect(fallbackChain('pt-BR', 'en')).toEqual(['pt-BR', 'pt', 'en']);
    expect(fallbackChain('pt-BR', 'de')).toEqual(['pt-BR', 'pt', 'de', 'en']);
    expect(fallbackChain('de-AT', 'de-CH')).toEqual(['de-AT', 'de', 'de-CH', 'en']);
    expect(fallbackChain('en', 'en')).toEqual(['en']);
    expect(truncations('zh-Hant-TW')).toEqual(['zh-Hant-TW', 'zh-Hant', 'zh']);
    expect(truncations('de-x-formal')).toEqual(['de-x-formal', 'de']);
  });
});
