import { TEMPLATE_SCHEMAS } from '@bytelyst/emails/templates';
import { describe, expect, it } from 'vitest';
import { errorKey, labelOf, parseInput, propFields, valueAt, withValue } from './props-fields';

describe('propFields', () => {
  it('reads inputs from a template schema, with brand as a group and no input for template or never', () => {
    const fields = propFields(TEMPLATE_SCHEMAS['password-reset']);
    const summary = fields.map((f) => `${f.key}:${f.kind}${f.optional ? '?' : ''}`);
    expect(summary).toEqual([
      'name:text?',
      'email:email',
      'resetUrl:url',
      'expiresInMinutes:number',
      'brand:group',
    ]);
    const brand = fields.find((f) => f.key === 'brand');
    expect(
      brand?.kind === 'group' ? brand.fields.map((f) => `${f.key}:${f.kind}${f.optional ? '?' : ''}`) : [],
    ).toEqual([
      'productName:text',
      'logoUrl:url?',
      'accentColor:color',
      'supportEmail:email',
      'appUrl:url',
      'palette:group?',
    ]);
    expect(brand?.path).toEqual(['brand']);
  });

  it('types datetimes, unions of strings and a lifecycle mail’s unsubscribe link', () => {
    const signIn = propFields(TEMPLATE_SCHEMAS['new-sign-in']);
    expect(signIn.find((f) => f.key === 'ipAddress')?.kind).toBe('text');
    expect(signIn.find((f) => f.key === 'signedInAt')?.kind).toBe('datetime');
    const trial = propFields(TEMPLATE_SCHEMAS['trial-expiring']);
    expect(trial.find((f) => f.key === 'unsubscribeUrl')).toMatchObject({ kind: 'url', optional: true });
  });

  it('offers the values of an enum as a choice, with none for an optional one', () => {
    const fields = propFields(TEMPLATE_SCHEMAS['webhook-endpoint-alert']);
    expect(fields.find((f) => f.key === 'state')).toMatchObject({
      kind: 'choice',
      optional: false,
      options: ['failing', 'disabled'],
    });
    expect(fields.find((f) => f.key === 'reason')).toMatchObject({
      kind: 'choice',
      optional: true,
      options: ['consecutive_failures', 'gone'],
    });
    expect(fields.find((f) => f.key === 'consecutiveFailures')?.kind).toBe('number');
    expect(parseInput({ kind: 'choice', optional: true }, '')).toBeUndefined();
    expect(parseInput({ kind: 'choice', optional: false }, 'disabled')).toBe('disabled');
  });

  it('gives every template at least one field', () => {
    for (const schema of Object.values(TEMPLATE_SCHEMAS))
      expect(propFields(schema).length).toBeGreaterThan(2);
  });
});

describe('editing props', () => {
  const props = { email: 'a@b.co', brand: { productName: 'X', logoUrl: 'https://x/l.png' } };

  it('sets and removes nested values without touching the original', () => {
    const next = withValue(props, ['brand', 'logoUrl'], undefined);
    expect(next).toEqual({ email: 'a@b.co', brand: { productName: 'X' } });
    expect(props.brand.logoUrl).toBe('https://x/l.png');
    expect(valueAt(withValue(props, ['brand', 'productName'], 'Y'), ['brand', 'productName'])).toBe('Y');
  });

  it('parses input text by kind', () => {
    expect(parseInput({ kind: 'number', optional: false }, '60')).toBe(60);
    expect(parseInput({ kind: 'number', optional: false }, 'soon')).toBe('soon');
    expect(parseInput({ kind: 'text', optional: true }, '  ')).toBeUndefined();
    expect(parseInput({ kind: 'url', optional: false }, '')).toBe('');
  });

  it('names fields as the API does', () => {
    expect(errorKey(['brand', 'accentColor'])).toBe('props.brand.accentColor');
    expect(labelOf('getStartedUrl')).toBe('Get started URL');
    expect(labelOf('ipAddress')).toBe('IP address');
  });
});
