import { PlatformError } from '@bytelyst/client';
import { describe, expect, it } from 'vitest';
import { accountNext, fieldsOf } from './errors';
import { currentSection } from './nav';

describe('the portal navigation', () => {
  it('marks the section a path is in, the longest match winning over the profile', () => {
    expect(currentSection('/account')).toBe('/account');
    expect(currentSection('/account/sessions')).toBe('/account/sessions');
    expect(currentSection('/account/data')).toBe('/account/data');
    expect(currentSection('/account/unknown')).toBe('/account');
  });

  it('returns after sign-in only to a portal page, never elsewhere or back to sign-in', () => {
    expect(accountNext('/account/usage')).toBe('/account/usage');
    expect(accountNext('/users')).toBe('/account');
    expect(accountNext('https://evil.example/account')).toBe('/account');
    expect(accountNext('//evil.example/account')).toBe('/account');
    expect(accountNext('/account/sign-in')).toBe('/account');
    expect(accountNext(null)).toBe('/account');
  });

  it("shows a PlatformError's field messages on their fields (nested paths on the enclosing one too)", () => {
    const error = new PlatformError('Check the fields', {
      code: 'VALIDATION',
      httpStatus: 400,
      fields: [
        { path: 'currentPassword', message: 'Wrong password' },
        { path: 'values.theme', message: 'Too long' },
      ],
    });
    expect(fieldsOf(error)).toEqual({
      currentPassword: 'Wrong password',
      'values.theme': 'Too long',
      values: 'Too long',
    });
    expect(fieldsOf(new Error('plain'))).toEqual({});
  });
});
