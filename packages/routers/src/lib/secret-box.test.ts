import { describe, expect, it } from 'vitest';
import { createSecretBox } from './secret-box';

const KEY = 'k'.repeat(40);

describe('secret box', () => {
  it('opens what it sealed, and each seal of the same secret differs', () => {
    const box = createSecretBox(KEY);
    const a = box.seal('client-secret-1', 'sso:p:1');
    const b = box.seal('client-secret-1', 'sso:p:1');
    expect(a).not.toBe(b);
    expect(a).not.toContain('client-secret-1');
    expect(box.open(a, 'sso:p:1')).toBe('client-secret-1');
  });

  it('refuses another context, another key, and an altered value', () => {
    const box = createSecretBox(KEY);
    const sealed = box.seal('s3cret', 'sso:p:1');
    expect(() => box.open(sealed, 'sso:p:2')).toThrow();
    expect(() => createSecretBox('x'.repeat(40)).open(sealed, 'sso:p:1')).toThrow();
    const [v, iv, body = ''] = sealed.split('.');
    const flipped = `${body.slice(0, 2)}${body[2] === 'A' ? 'B' : 'A'}${body.slice(3)}`;
    expect(() => box.open(`${v}.${iv}.${flipped}`, 'sso:p:1')).toThrow();
    expect(() => box.open('plain', 'sso:p:1')).toThrow(/not a sealed secret/);
  });

  it('refuses a short key', () => {
    expect(() => createSecretBox('short')).toThrow(/at least 32/);
  });
});
