import { type DaySegments, segmentDay } from './active-rollup';
import type { BillingTimeline, SubscriptionState } from './billing-timeline';
import { createUserIndex, type DigestDay, loadDigests } from './digest';
import type { AnalyticsRepository } from './repository';
import type { TFeature } from './schema';
import type { Signup, Sources } from './sources';

/**
 * What one rollup run has read or built, shared by its steps (scan, active users, retention, revenue) so that no
 * step reads the same data twice: the billing timeline, users as small integers, the day digests (built by the
 * scan, or loaded from the store the first time a step needs a day) with their segments, and the sign-ups. A
 * recompute runs every step over one run; a scheduled job that runs one step gets a run of its own. Holds what
 * the derived rollups always held (digests of the days involved, one entry per user and day), never raw events.
 */
export const createRollupRun = (deps: {
  repo: AnalyticsRepository;
  sources: Sources;
  productId: string;
  timeline: BillingTimeline;
}) => {
  const { repo, sources, productId, timeline } = deps;
  const index = createUserIndex();
  const digests = new Map<number, DigestDay>();
  /** Days whose digest is settled: held in `digests`, or known to be absent from the store. */
  const known = new Set<number>();
  const segments = new Map<number, DaySegments>();
  let segmentedFor: readonly TFeature[] | undefined;
  let signups: Promise<Signup[]> | undefined;
  const states: (readonly SubscriptionState[] | null)[] = [];

  /** The plan of a user (by index) at the end of day `n`, their states looked up once per run. */
  const planOf = (user: number, n: number): string => {
    let list = states[user];
    if (list === undefined) {
      list = timeline.states.get(index.name(user)) ?? null;
      states[user] = list;
    }
    return timeline.planIn(list ?? undefined, n);
  };

  /** Loads the digests of [from, to] the run does not know yet, a contiguous span at a time. */
  const load = async (from: number, to: number) => {
    for (let n = from; n <= to; n++) {
      if (known.has(n)) continue;
      let end = n;
      while (end < to && !known.has(end + 1)) end++;
      for (const [day, digest] of await loadDigests(repo, productId, n, end, index)) digests.set(day, digest);
      for (let d = n; d <= end; d++) known.add(d);
      n = end;
    }
  };

  return {
    productId,
    timeline,
    index,
    planOf,

    /** A day the scan has just rolled up: its digest as written. */
    put(digest: DigestDay) {
      digests.set(digest.day, digest);
      known.add(digest.day);
      segments.delete(digest.day);
    },

    /** Segments of the digest days of [from, to] that exist, each computed once per run (and feature list). */
    async segments(
      from: number,
      to: number,
      features: readonly TFeature[],
    ): Promise<Map<number, DaySegments>> {
      await load(from, to);
      if (segmentedFor !== features) {
        segments.clear();
        segmentedFor = features;
      }
      const out = new Map<number, DaySegments>();
      for (let n = from; n <= to; n++) {
        const digest = digests.get(n);
        if (!digest) continue;
        let day = segments.get(n);
        if (!day) {
          day = segmentDay(digest, planOf, features);
          segments.set(n, day);
        }
        out.set(n, day);
      }
      return out;
    },

    /** Every sign-up of the product, read once per run. */
    signups(): Promise<Signup[]> {
      signups ??= (async () => {
        const out: Signup[] = [];
        for await (const page of sources.signups(productId)) for (const signup of page) out.push(signup);
        return out;
      })();
      return signups;
    },
  };
};

export type RollupRun = ReturnType<typeof createRollupRun>;
