import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { appRouter } from '../root';

/** Runs `fn` and returns the TRPCError it rejected with (fails the test when it resolved). */
export const trpcErrorOf = async (fn: () => Promise<unknown>): Promise<TRPCError> => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof TRPCError) return error;
    throw error;
  }
  throw new Error('Expected a TRPCError, but the call succeeded');
};

/** The error as a client would receive it: the app router's formatter applied. */
export const shapeOf = (error: TRPCError, path = 'test') =>
  getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'mutation',
    path,
    input: undefined,
    ctx: undefined,
  });

/** Asserts that `fn` is refused as bad input (400) naming `path` among its fields; returns the message there. */
export const expectFieldError = async (fn: () => Promise<unknown>, path: string): Promise<string> => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { fields?: { path: string; message: string }[] } };
  const fields = shape.data.fields ?? [];
  if (error.code !== 'BAD_REQUEST' || !fields.some((f) => f.path === path)) {
    throw new Error(
      `expected a 400 naming ${path}, got ${error.code} ${JSON.stringify(fields)}: ${error.message}`,
    );
  }
  return fields.find((f) => f.path === path)?.message ?? '';
};
