import type { HandlerContext, Subscriber } from './bus';
import { DEFAULT_HANDLER_TIMEOUT_MS } from './bus';
import type { EventType, PlatformEvent } from './catalogue';
import { errorText } from './event-doc';

export type AttemptOutcome = { ok: boolean; error: string | null; startedAt: number; finishedAt: number };

class AttemptTimeout extends Error {
  constructor(ms: number) {
    super(`handler did not finish within ${ms} ms`);
    this.name = 'TimeoutError';
  }
}

/**
 * One delivery attempt: runs the handler with a per-attempt AbortSignal that fires on timeout or when
 * `outer` aborts (shutdown). A handler that ignores the signal is abandoned at the timeout, not awaited.
 */
export const runAttempt = async (
  subscriber: Subscriber<EventType>,
  event: PlatformEvent,
  attempt: number,
  clock: () => number,
  outer?: AbortSignal,
): Promise<AttemptOutcome> => {
  const timeoutMs = subscriber.timeoutMs ?? DEFAULT_HANDLER_TIMEOUT_MS;
  const controller = new AbortController();
  const startedAt = clock();
  let timer: NodeJS.Timeout | undefined;
  const onOuterAbort = () => controller.abort(outer?.reason ?? new Error('dispatcher stopped'));
  outer?.addEventListener('abort', onOuterAbort, { once: true });
  const ctx: HandlerContext = {
    attempt,
    signal: controller.signal,
    subscriber: subscriber.name,
    idempotencyKey: `${subscriber.name}:${event.id}`,
  };
  try {
    await Promise.race([
      subscriber.handle(event, ctx),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          const error = new AttemptTimeout(timeoutMs);
          controller.abort(error);
          reject(error);
        }, timeoutMs);
        timer.unref?.();
        controller.signal.addEventListener('abort', () => reject(controller.signal.reason), { once: true });
      }),
    ]);
    return { ok: true, error: null, startedAt, finishedAt: clock() };
  } catch (error) {
    return { ok: false, error: errorText(error), startedAt, finishedAt: clock() };
  } finally {
    clearTimeout(timer);
    outer?.removeEventListener('abort', onOuterAbort);
  }
};
