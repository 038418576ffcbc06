import { dictionary } from '@zxcvbn-ts/language-common';
import { describe, expect, it } from 'vitest';
import { AppError } from '../app-error';
import { assertPasswordAllowed, COMMON_PASSWORDS_TOP, passwordProblem } from './password-policy';

const EMAIL = 'Grace.Hopper@Example.com';

describe('password policy (NIST 800-63B)', () => {
  it('takes 8 to 128 characters of anything, with no composition rules', async () => {
    for (const allowed of ['a8charsz', 'all lower case words', 'ÜñíçødéPäss', 'x'.repeat(128), '        x']) {
      expect(await passwordProblem(allowed, EMAIL), allowed).toBeNull();
    }
    expect(await passwordProblem('seven77', EMAIL)).toBe('Use at least 8 characters');
    expect(await passwordProblem('x'.repeat(129), EMAIL)).toBe('Use at most 128 characters');
  });

  it('refuses the account’s email and its local part, in any case', async () => {
    for (const refused of ['grace.hopper@example.com', 'GRACE.HOPPER@EXAMPLE.COM', 'grace.hopper']) {
      expect(await passwordProblem(refused, EMAIL), refused).toBe(
        'Do not use your email address as your password',
      );
    }
    expect(await passwordProblem('grace.hopper!', EMAIL)).toBeNull();
  });

  it('refuses the most common passwords, in any case, down to the chosen rank and not beyond', async () => {
    const ranked = dictionary['passwords-common'];
    const long = (from: number, to: number) => ranked.slice(from, to).filter((p) => p.length >= 8);
    const top = long(0, 50)[0] ?? '';
    const lastBlocked = long(0, COMMON_PASSWORDS_TOP).at(-1) ?? '';
    const beyond = long(COMMON_PASSWORDS_TOP, ranked.length).find(
      (p) => !ranked.slice(0, COMMON_PASSWORDS_TOP).includes(p),
    );
    expect(top).toBe('password');
    for (const refused of [top, top.toUpperCase(), 'Password1', 'qwertyuiop', lastBlocked]) {
      expect(await passwordProblem(refused, EMAIL), refused).toMatch(/too common/);
    }
    expect(beyond).toBeDefined();
    expect(await passwordProblem(beyond ?? '', EMAIL)).toBeNull();
  });

  it('throws a 400 naming the field it was given', async () => {
    const error = await assertPasswordAllowed('iloveyou', EMAIL, 'newPassword').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'newPassword', message: expect.stringMatching(/too common/) }],
    });
    await expect(assertPasswordAllowed('a fine passphrase', EMAIL, 'password')).resolves.toBeUndefined();
  });
});
