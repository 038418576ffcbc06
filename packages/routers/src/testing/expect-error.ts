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
