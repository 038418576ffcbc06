import { AppError } from '../app-error';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../modules/users/schema';

/**
 * The password policy (NIST 800-63B §3.1.1.2), in one place for every password a person chooses: at sign-up,
 * when an admin creates a user, on reset and on any later change. Length 8 to 128 (`ZPassword` checks the same
 * bounds at the edge), no composition rules, and refused when it is the account's email (or its local part) or
 * a commonly used password.
 *
 * Common passwords: the first COMMON_PASSWORDS_TOP entries of @zxcvbn-ts/language-common's frequency-ranked
 * list (49,233 entries, most common first), compared case-insensitively. Why that many: an online attacker gets
 * at most 100 consecutive failures per account (NIST 800-63B §5.2.2); at 100 a day for a year that is 36,500
 * guesses, and an attacker spends them on the most common passwords first, so every guess such a budget buys is
 * a password nobody can choose. Only the entries of 8+ characters can matter (about 13,000 of them); the set is
 * built on first use, since decoding the list costs ~130 ms and a process that never checks a password should
 * not pay it.
 */
export const COMMON_PASSWORDS_TOP = 36_500;

let common: Promise<ReadonlySet<string>> | undefined;

const commonPasswords = (): Promise<ReadonlySet<string>> => {
  common ??= import('@zxcvbn-ts/language-common').then(({ dictionary }) => {
    const ranked = dictionary['passwords-common'].slice(0, COMMON_PASSWORDS_TOP);
    return new Set(ranked.filter((password) => password.length >= PASSWORD_MIN_LENGTH));
  });
  return common;
};

/** Why the password is refused, or null when the policy allows it. `email`: the account's address. */
export const passwordProblem = async (password: string, email: string): Promise<string | null> => {
  if (password.length < PASSWORD_MIN_LENGTH) return `Use at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `Use at most ${PASSWORD_MAX_LENGTH} characters`;
  const lower = password.toLowerCase();
  const address = email.trim().toLowerCase();
  const localPart = address.split('@')[0] ?? address;
  if (lower === address || lower === localPart) return 'Do not use your email address as your password';
  if ((await commonPasswords()).has(lower)) {
    return 'This password is too common: it is among the first an attacker would try';
  }
  return null;
};

/** Throws a 400 naming `field` (`password`, `newPassword`) when the policy refuses the password. */
export const assertPasswordAllowed = async (password: string, email: string, field: string) => {
  const problem = await passwordProblem(password, email);
  if (problem) throw new AppError('VALIDATION', problem, { fields: [{ path: field, message: problem }] });
};
