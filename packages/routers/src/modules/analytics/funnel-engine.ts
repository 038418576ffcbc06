import { DAY_MS } from '../../lib/time';
import { dayNumberOf } from './days';
import { filterMatches, patternMatcher } from './match';
import type { TFunnel } from './schema';
import type { RawEvent } from './sources';

/**
 * Funnel attempts over a user's events in time order (ties by event id; built-in events' ids start with `$`, so
 * they come first). A user enters at the first event of a day that matches step 1 (for `unordered`: that
 * completes any step), at most once per day, and each entry is followed on its own for the conversion window:
 *
 * - ordered: step k is reached at the first event after step k-1 at which the user has done step k's event at
 *   least `nth` times since entering (other events may come between);
 * - strict: the same, but any event that does not match the step being waited for ends the attempt;
 * - unordered: step k is done when its event has occurred `nth` times since entering; the attempt has reached
 *   as many steps as are done, in the order they were done.
 *
 * The attempt's platform is that of the first app event from the entry on; its plan is the user's plan at the
 * end of the entry day.
 */

/** One event as the engine sees it; `platform` is null for built-in events. */
export type FunnelEvent = Omit<RawEvent, 'platform'> & { platform: string | null };

export type AttemptResult = {
  userId: string;
  entryDay: number;
  platform: string | null;
  /** Steps reached (1 = entered). */
  reached: number;
  /** Time (ms) at which each reached step was reached, in order. */
  times: number[];
};

type Attempt = {
  entryMs: number;
  entryDay: number;
  platform: string | null;
  counts: number[];
  times: number[];
  /** unordered: which steps are done. */
  done: boolean[];
};

export const compileSteps = (funnel: Pick<TFunnel, 'steps'>) =>
  funnel.steps.map((step) => {
    const name = patternMatcher([step.event]);
    return {
      nth: step.nth,
      matches: (event: FunnelEvent) =>
        name(event.name) &&
        step.filters.every((filter) => filterMatches({ ...event, platform: event.platform ?? '' }, filter)),
    };
  });

/**
 * Feeds one funnel's attempts from a stream of events in time order; `finish` ends what is still open.
 * Entries are taken only on the days [fromDay, toDay]; `onResult` gets every attempt as it ends.
 */
export const createFunnelEngine = (
  funnel: Pick<TFunnel, 'steps' | 'order' | 'windowDays'>,
  fromDay: number,
  toDay: number,
  onResult: (result: AttemptResult) => void,
) => {
  const steps = compileSteps(funnel);
  const windowMs = funnel.windowDays * DAY_MS;
  const open = new Map<string, Attempt[]>();
  const lastEntryDay = new Map<string, number>();

  const close = (userId: string, attempt: Attempt) =>
    onResult({
      userId,
      entryDay: attempt.entryDay,
      platform: attempt.platform,
      reached: attempt.times.length,
      times: attempt.times,
    });

  /** Applies one event to an open attempt; true while the attempt stays open. */
  const advance = (attempt: Attempt, event: FunnelEvent, matched: boolean[]): boolean => {
    if (attempt.platform === null && event.platform !== null) attempt.platform = event.platform;
    for (const [k, hit] of matched.entries()) if (hit) attempt.counts[k] = (attempt.counts[k] as number) + 1;
    if (funnel.order === 'unordered') {
      for (const [k, step] of steps.entries()) {
        if (!attempt.done[k] && (attempt.counts[k] as number) >= step.nth) {
          attempt.done[k] = true;
          attempt.times.push(event.atMs);
        }
      }
      return attempt.times.length < steps.length;
    }
    const next = attempt.times.length;
    const step = steps[next];
    if (!step) return false;
    if (matched[next]) {
      if ((attempt.counts[next] as number) >= step.nth) attempt.times.push(event.atMs);
      return attempt.times.length < steps.length;
    }
    return funnel.order !== 'strict';
  };

  const enter = (event: FunnelEvent, matched: boolean[]): Attempt | undefined => {
    const day = dayNumberOf(event.atMs);
    if (day < fromDay || day > toDay || lastEntryDay.get(event.userId) === day) return undefined;
    const enters =
      funnel.order === 'unordered'
        ? steps.some((step, k) => matched[k] && step.nth === 1)
        : (matched[0] ?? false);
    if (!enters) return undefined;
    lastEntryDay.set(event.userId, day);
    const attempt: Attempt = {
      entryMs: event.atMs,
      entryDay: day,
      platform: event.platform,
      counts: matched.map((hit) => (hit ? 1 : 0)),
      times: [],
      done: steps.map(() => false),
    };
    if (funnel.order === 'unordered') {
      for (const [k, step] of steps.entries()) {
        if (matched[k] && step.nth <= 1) {
          attempt.done[k] = true;
          attempt.times.push(event.atMs);
        }
      }
    } else {
      attempt.times.push(event.atMs);
    }
    return attempt;
  };

  return {
    push(event: FunnelEvent) {
      const matched = steps.map((step) => step.matches(event));
      const attempts = open.get(event.userId) ?? [];
      const kept: Attempt[] = [];
      for (const attempt of attempts) {
        if (event.atMs > attempt.entryMs + windowMs) close(event.userId, attempt);
        else if (advance(attempt, event, matched)) kept.push(attempt);
        else close(event.userId, attempt);
      }
      const entered = enter(event, matched);
      if (entered) {
        if (entered.times.length >= steps.length) close(event.userId, entered);
        else kept.push(entered);
      }
      if (kept.length > 0) open.set(event.userId, kept);
      else open.delete(event.userId);
    },
    finish() {
      for (const [userId, attempts] of open) for (const attempt of attempts) close(userId, attempt);
      open.clear();
    },
  };
};
