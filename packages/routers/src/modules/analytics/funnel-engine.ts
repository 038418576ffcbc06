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
  /** Matching events per step since the entry. */
  counts: number[];
  times: number[];
  /** unordered: the steps done, as bits. */
  done: number;
};

/**
 * A funnel's steps as one test per event: the bits of the steps an event matches. Names are matched once per
 * distinct name (most steps have no filters, so the name decides); filters run only on events whose name matches.
 */
export const compileSteps = (funnel: Pick<TFunnel, 'steps'>) => {
  const names = funnel.steps.map((step) => patternMatcher([step.event]));
  const filtered = funnel.steps.reduce(
    (bits, step, k) => (step.filters.length > 0 ? bits | (1 << k) : bits),
    0,
  );
  const byName = new Map<string, number>();
  return (event: FunnelEvent): number => {
    let bits = byName.get(event.name);
    if (bits === undefined) {
      bits = 0;
      for (const [k, matches] of names.entries()) if (matches(event.name)) bits |= 1 << k;
      byName.set(event.name, bits);
    }
    if ((bits & filtered) === 0) return bits;
    const withPlatform = { ...event, platform: event.platform ?? '' };
    for (const [k, step] of funnel.steps.entries()) {
      if ((bits & (1 << k)) !== 0 && !step.filters.every((filter) => filterMatches(withPlatform, filter))) {
        bits &= ~(1 << k);
      }
    }
    return bits;
  };
};

/**
 * Feeds one funnel's attempts from a stream of events in time order; `finish` ends what is still open.
 * Entries are taken only on the days [fromDay, toDay]; `onResult` gets every attempt as it ends. An event that
 * matches no step and finds no open attempt of its user costs one lookup: most events of a product are such.
 */
export const createFunnelEngine = (
  funnel: Pick<TFunnel, 'steps' | 'order' | 'windowDays'>,
  fromDay: number,
  toDay: number,
  onResult: (result: AttemptResult) => void,
) => {
  const matchOf = compileSteps(funnel);
  const count = funnel.steps.length;
  const nth = Int32Array.from(funnel.steps, (step) => step.nth);
  const unordered = funnel.order === 'unordered';
  const strict = funnel.order === 'strict';
  /** Steps whose event can start an attempt: the first, or (unordered) any that is done on its first event. */
  const entrySteps = unordered
    ? funnel.steps.reduce((bits, step, k) => (step.nth === 1 ? bits | (1 << k) : bits), 0)
    : 1;
  const windowMs = funnel.windowDays * DAY_MS;
  // By user index (the caller's, or one of our own): an array lookup per event instead of a string hash.
  const ids = new Map<string, number>();
  const open: (Attempt[] | undefined)[] = [];
  const userIds: string[] = [];
  const lastEntryDay: number[] = [];

  const close = (userId: string, attempt: Attempt) =>
    onResult({
      userId,
      entryDay: attempt.entryDay,
      platform: attempt.platform,
      reached: attempt.times.length,
      times: attempt.times,
    });

  /** Applies one event to an open attempt; true while the attempt stays open. */
  const advance = (attempt: Attempt, event: FunnelEvent, matched: number): boolean => {
    if (attempt.platform === null && event.platform !== null) attempt.platform = event.platform;
    if (matched === 0) return !strict;
    for (let k = 0; k < count; k++)
      if ((matched & (1 << k)) !== 0) attempt.counts[k] = (attempt.counts[k] as number) + 1;
    if (unordered) {
      // Only a matching event can complete a step (counts move on nothing else).
      for (let k = 0; k < count; k++) {
        if ((attempt.done & (1 << k)) === 0 && (attempt.counts[k] as number) >= (nth[k] as number)) {
          attempt.done |= 1 << k;
          attempt.times.push(event.atMs);
        }
      }
      return attempt.times.length < count;
    }
    const next = attempt.times.length;
    if ((matched & (1 << next)) !== 0) {
      if ((attempt.counts[next] as number) >= (nth[next] as number)) attempt.times.push(event.atMs);
      return attempt.times.length < count;
    }
    return !strict;
  };

  const enter = (event: FunnelEvent, user: number, matched: number): Attempt | undefined => {
    const day = dayNumberOf(event.atMs);
    if (day < fromDay || day > toDay || lastEntryDay[user] === day) return undefined;
    lastEntryDay[user] = day;
    const attempt: Attempt = {
      entryMs: event.atMs,
      entryDay: day,
      platform: event.platform,
      counts: new Array<number>(count).fill(0),
      times: [],
      done: 0,
    };
    for (let k = 0; k < count; k++) if ((matched & (1 << k)) !== 0) attempt.counts[k] = 1;
    if (unordered) {
      for (let k = 0; k < count; k++) {
        if ((matched & (1 << k)) !== 0 && (nth[k] as number) <= 1) {
          attempt.done |= 1 << k;
          attempt.times.push(event.atMs);
        }
      }
    } else {
      attempt.times.push(event.atMs);
    }
    return attempt;
  };

  const indexOf = (userId: string): number => {
    let user = ids.get(userId);
    if (user === undefined) {
      user = ids.size;
      ids.set(userId, user);
    }
    return user;
  };

  return {
    /** `user`: the caller's index of `event.userId` (one integer per user id); the engine keeps its own if omitted. */
    push(event: FunnelEvent, user = indexOf(event.userId)) {
      const matched = matchOf(event);
      const attempts = open[user];
      if (attempts === undefined && (matched & entrySteps) === 0) return;
      if (attempts) {
        let kept = 0;
        for (let i = 0; i < attempts.length; i++) {
          const attempt = attempts[i] as Attempt;
          if (event.atMs <= attempt.entryMs + windowMs && advance(attempt, event, matched)) {
            attempts[kept++] = attempt;
          } else close(event.userId, attempt);
        }
        // Shortening an array is a runtime call; most events leave every attempt open.
        if (kept < attempts.length) attempts.length = kept;
      }
      const entered = (matched & entrySteps) !== 0 ? enter(event, user, matched) : undefined;
      if (entered) {
        if (entered.times.length >= count) close(event.userId, entered);
        else if (attempts) attempts.push(entered);
        else {
          open[user] = [entered];
          userIds[user] = event.userId;
        }
      }
      if (attempts && attempts.length === 0) open[user] = undefined;
    },
    finish() {
      for (const [user, attempts] of open.entries()) {
        for (const attempt of attempts ?? []) close(userIds[user] as string, attempt);
      }
      open.length = 0;
    },
  };
};
