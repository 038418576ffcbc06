import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ZEmailBrand, ZEmailShared } from './brand';
import { formatDateTime, formatDuration, formatMoney } from './fields';
import {
  subjectOf,
  TEMPLATE_META,
  TEMPLATE_NAMES,
  TEMPLATE_PREVIEW_PROPS,
  TEMPLATE_SCHEMAS,
  TEMPLATE_SENDER_SCHEMAS,
  ZEmailProps,
} from './templates';

describe('template registry', () => {
  it('has the same nineteen names in the tuple, the union, the previews and the meta', () => {
    expect(TEMPLATE_NAMES).toHaveLength(21);
    const union = ZEmailProps.options.map((option) => option.shape.template.value);
    expect([...union].sort()).toEqual([...TEMPLATE_NAMES].sort());
    expect(Object.keys(TEMPLATE_PREVIEW_PROPS).sort()).toEqual([...TEMPLATE_NAMES].sort());
    expect(Object.keys(TEMPLATE_META).sort()).toEqual([...TEMPLATE_NAMES].sort());
  });

  it.each(TEMPLATE_NAMES)('%s preview props are valid and say which template they are', (name) => {
    const preview = TEMPLATE_PREVIEW_PROPS[name];
    expect(preview.template).toBe(name);
    expect(TEMPLATE_SCHEMAS[name].parse(preview)).toEqual(preview);
    expect(ZEmailProps.parse(preview)).toEqual(preview);
    expect(subjectOf(preview).length).toBeGreaterThan(10);
  });

  it.each(TEMPLATE_NAMES)('%s sender part is the props without brand and unsubscribe link', (name) => {
    const { brand, unsubscribeUrl: _, ...senderPart } = TEMPLATE_PREVIEW_PROPS[name];
    const sender = TEMPLATE_SENDER_SCHEMAS[name];
    expect(Object.keys(sender.shape)).not.toContain('brand');
    expect(Object.keys(sender.shape)).not.toContain('unsubscribeUrl');
    expect(sender.parse(senderPart)).toEqual(senderPart);
    expect(TEMPLATE_SCHEMAS[name].parse({ ...senderPart, brand })).toEqual({ ...senderPart, brand });
    expect(TEMPLATE_SCHEMAS[name].safeParse(senderPart).error?.issues.map((i) => i.path.join('.'))).toEqual([
      'brand',
    ]);
  });

  it.each(TEMPLATE_NAMES)(
    '%s meta: a title, a description and a reason naming product and recipient',
    (name) => {
      const meta = TEMPLATE_META[name];
      expect(meta.title.length).toBeGreaterThan(3);
      expect(meta.description.length).toBeGreaterThan(20);
      const reason = meta.reason(TEMPLATE_PREVIEW_PROPS[name] as never);
      expect(reason).toMatch(/^You received this email because .+\.$/);
      expect(reason).toContain('LysnrAI');
      expect(reason).toMatch(/(ada|grace)@example\.com/);
    },
  );

  it('words the password-reset reason as the spec gives it', () => {
    expect(TEMPLATE_META['password-reset'].reason(TEMPLATE_PREVIEW_PROPS['password-reset'])).toBe(
      'You received this email because someone asked to reset the password of your LysnrAI account (ada@example.com).',
    );
  });
});

describe('ZEmailBrand and ZEmailShared', () => {
  const brand = TEMPLATE_PREVIEW_PROPS.welcome.brand;
  const pathsOf = (input: unknown) =>
    ZEmailBrand.safeParse(input)
      .error?.issues.map((issue) => issue.path.join('.'))
      .sort();

  it('accepts the preview brand, with or without a logo', () => {
    const { logoUrl: _, ...noLogo } = brand;
    expect(ZEmailBrand.parse(brand)).toEqual(brand);
    expect(ZEmailBrand.parse(noLogo)).toEqual(noLogo);
  });

  it('names each bad field', () => {
    expect(
      pathsOf({
        ...brand,
        accentColor: '#abc',
        supportEmail: 'support',
        appUrl: 'app.lysnrai.com',
        productName: '',
      }),
    ).toEqual(['accentColor', 'appUrl', 'productName', 'supportEmail']);
    expect(pathsOf({ ...brand, logoUrl: 'http://cdn.lysnrai.com/logo.png' })).toEqual(['logoUrl']);
  });

  it('takes an http app URL for local development, but no other scheme', () => {
    expect(pathsOf({ ...brand, appUrl: 'http://localhost:3000' })).toBeUndefined();
    expect(pathsOf({ ...brand, appUrl: 'javascript:alert(1)' })).toEqual(['appUrl']);
  });

  it('makes the unsubscribe link optional and https', () => {
    expect(ZEmailShared.parse({ brand })).toEqual({ brand });
    expect(ZEmailShared.safeParse({ brand, unsubscribeUrl: 'mailto:u@lysnrai.com' }).success).toBe(false);
  });
});

describe('formatting', () => {
  it('formats money in the currency minor unit', () => {
    expect(formatMoney(4900, 'USD')).toBe('$49.00');
    expect(formatMoney(1999, 'eur')).toBe('€19.99');
    expect(formatMoney(4900, 'JPY')).toBe('¥4,900');
    expect(formatMoney(1000, 'KWD')).toBe('KWD\u00a01.000');
  });

  it('formats durations in the largest whole unit', () => {
    expect([60, 30, 90, 1440, 2880, 1].map(formatDuration)).toEqual([
      '1 hour',
      '30 minutes',
      '90 minutes',
      '1 day',
      '2 days',
      '1 minute',
    ]);
  });

  it('formats instants in UTC whatever offset they carry', () => {
    expect(formatDateTime('2025-03-14T23:30:00-02:00')).toBe('March 15, 2025 at 1:30 AM UTC');
  });
});

describe('package entry points', () => {
  it('point at files that exist, one per template under ./templates/*', () => {
    const root = new URL('../', import.meta.url);
    const { exports } = JSON.parse(readFileSync(new URL('package.json', root), 'utf8')) as {
      exports: Record<string, string>;
    };
    expect(Object.keys(exports).sort()).toEqual([
      './brand',
      './checks',
      './layout',
      './messages',
      './render',
      './templates',
      './templates/*',
    ]);
    for (const [entry, target] of Object.entries(exports)) {
      const files = entry.endsWith('*') ? TEMPLATE_NAMES.map((name) => target.replace('*', name)) : [target];
      for (const file of files) expect(existsSync(new URL(file, root)), file).toBe(true);
    }
  });
});
