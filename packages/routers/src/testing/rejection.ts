import { expect } from 'vitest';

/** The error a promise rejects with, asserted to be of `type` (a resolve fails the test). */
export const rejectionOf = async <E>(
  promise: Promise<unknown>,
  // biome-ignore lint/suspicious/noExplicitAny: any error class.
  type: new (...args: any[]) => E,
): Promise<E> => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as E;
};
