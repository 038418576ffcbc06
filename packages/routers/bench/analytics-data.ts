import type { BatchOperation, DocumentStore } from '@bytelyst/db/document-store';
import { BILLING_CONTAINERS } from '../src/modules/billing/containers';
import type {
  TSubscription,
  TSubscriptionChange,
  TSubscriptionStatus,
} from '../src/modules/billing/subscriptions/schema';
import { TELEMETRY_CONTAINERS } from '../src/modules/telemetry/containers';
import type { TelemetryEventDoc } from '../src/modules/telemetry/repository';
import { USERS_CONTAINERS } from '../src/modules/users/containers';
import type { UserDoc } from '../src/modules/users/repository';
import { mulberry32, plansFor } from '../src/testing/analytics-seed';

/**
 * The bench's product history: users signing up over 90 days on four platforms with five return patterns,
 * dictations, and subscriptions that upgrade, expand and churn. Events stop at exactly `events`. Users and
 * subscriptions are written as they are generated; events are generated user by user (into compact typed arrays)
 * and then written in time order with ids in that order, as telemetry arrives in production: a table written user
 * by user would make every time-ordered read hop across the whole file, a cost no deployment sees.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;
const PLATFORMS = ['ios', 'android', 'web', 'macos'];
const NAMES = ['app.open', 'dictation.completed', 'export.pdf', 'settings.open'];

export type BenchData = { productId: string; nowMs: number; users: number; events: number; days: number };

const batches = <T extends { id: string }>(store: DocumentStore, container: string, productId: string) => {
  let buffer: T[] = [];
  const flush = async () => {
    if (buffer.length === 0) return;
    const ops: BatchOperation<T>[] = buffer.map((doc) => ({ op: 'create', doc, ttl: -1 }));
    buffer = [];
    await store.container<T>(container).batch(productId, ops);
  };
  return {
    async add(doc: T) {
      buffer.push(doc);
      if (buffer.length >= 100) await flush();
    },
    flush,
  };
};

type Change = { atMs: number; plan: string; status: TSubscriptionStatus };

export const writeBenchData = async (
  store: DocumentStore,
  o: BenchData,
): Promise<{ events: number; users: number }> => {
  const rand = mulberry32(2026);
  const iso = (ms: number) => new Date(ms).toISOString();
  const today = Math.floor(o.nowMs / DAY);
  const firstDay = today - o.days;
  const events = batches<TelemetryEventDoc>(store, TELEMETRY_CONTAINERS.telemetryEvents.name, o.productId);
  const users = batches<UserDoc>(store, USERS_CONTAINERS.users.name, o.productId);
  const subscriptions = batches<TSubscription>(store, BILLING_CONTAINERS.subscriptions.name, o.productId);
  await store.container(BILLING_CONTAINERS.plans.name).batch(
    o.productId,
    plansFor(o.productId, iso(firstDay * DAY)).map((doc) => ({ op: 'create', doc, ttl: -1 })),
  );
  // One row per event; `words` is -1 where the event carries no props.
  const ev = {
    user: new Int32Array(o.events),
    at: new Float64Array(o.events),
    name: new Uint8Array(o.events),
    platform: new Uint8Array(o.events),
    words: new Int16Array(o.events),
  };
  let written = 0;
  for (let i = 0; i < o.users; i++) {
    const userId = `u${String(i).padStart(6, '0')}`;
    const signupDay = firstDay + Math.floor(rand() * o.days);
    const signupMs = signupDay * DAY + Math.floor(rand() * 20 * HOUR);
    await users.add({
      id: userId,
      kind: 'user',
      productId: o.productId,
      email: `${userId}@example.com`,
      emailLower: `${userId}@example.com`,
      searchText: userId,
      name: userId,
      roles: ['user'],
      status: 'active',
      emailVerified: true,
      passwordHash: 'x',
      createdAt: iso(signupMs),
      updatedAt: iso(signupMs),
      lastLoginAt: null,
    });
    const pattern = i % 5;
    for (let day = signupDay; day <= today && written < o.events; day++) {
      const k = day - signupDay;
      const active =
        k === 0 ||
        (pattern === 0 && rand() < 0.32) ||
        (pattern === 1 && k % 7 === i % 3) ||
        (pattern === 2 && rand() < (k < 7 ? 0.6 : 0.03)) ||
        (pattern === 4 && rand() < 0.08);
      if (!active) continue;
      const from = Math.max(day * DAY, signupMs + 60_000);
      const count = 2 + Math.floor(rand() * 4);
      const times = Array.from(
        { length: count },
        () => from + Math.floor(rand() * (day * DAY + DAY - from)),
      ).sort((a, b) => a - b);
      for (const [j, atMs] of times.entries()) {
        if (atMs >= o.nowMs || written >= o.events) break;
        const roll = rand();
        const name = j === 0 ? 0 : roll < 0.6 ? 1 : roll < 0.8 ? 2 : 3;
        ev.user[written] = i;
        ev.at[written] = atMs;
        ev.name[written] = name;
        ev.platform[written] = j === count - 1 && i % 7 === 0 ? 2 : i % 4;
        ev.words[written] = name === 1 ? Math.floor(rand() * 400) : -1;
        written++;
      }
    }
    const at = (d: number) => signupMs + d * DAY + Math.floor(rand() * 6) * HOUR;
    const story: Change[] =
      i % 6 === 1
        ? [{ atMs: at(3 + (i % 10)), plan: 'pro', status: 'active' }]
        : i % 6 === 2
          ? [
              { atMs: at(2), plan: 'pro', status: 'active' },
              { atMs: at(20), plan: 'team', status: 'active' },
            ]
          : i % 6 === 3
            ? [
                { atMs: at(5), plan: 'pro', status: 'active' },
                { atMs: at(25), plan: 'pro', status: 'canceled' },
              ]
            : i % 6 === 4
              ? [{ atMs: at(1), plan: 'pro-annual', status: 'active' }]
              : [];
    let current: Change = { atMs: signupMs, plan: 'free', status: 'active' };
    const history: TSubscriptionChange[] = [];
    for (const change of story.filter((c) => c.atMs < o.nowMs)) {
      history.push({
        at: iso(change.atMs),
        fromPlan: current.plan,
        toPlan: change.plan,
        fromStatus: current.status,
        toStatus: change.status,
        reason: 'bench',
        actorId: null,
      });
      current = change;
    }
    await subscriptions.add({
      id: userId,
      productId: o.productId,
      userId,
      planCode: current.plan,
      status: current.status,
      currentPeriodStart: iso(current.atMs),
      currentPeriodEnd: iso(current.atMs + 30 * DAY),
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: null,
      cancelReason: null,
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      history,
      createdAt: iso(signupMs),
      updatedAt: iso(current.atMs),
    });
  }
  await users.flush();
  await subscriptions.flush();
  const order = new Uint32Array(written).map((_, k) => k);
  order.sort((a, b) => (ev.at[a] as number) - (ev.at[b] as number) || a - b);
  for (const [k, e] of order.entries()) {
    const atMs = ev.at[e] as number;
    const words = ev.words[e] as number;
    await events.add({
      id: `e${String(k).padStart(8, '0')}`,
      productId: o.productId,
      name: NAMES[ev.name[e] as number] as string,
      level: 'info',
      at: iso(atMs),
      receivedAt: iso(atMs),
      userId: `u${String(ev.user[e]).padStart(6, '0')}`,
      sessionId: null,
      deviceId: null,
      platform: PLATFORMS[ev.platform[e] as number] as string,
      appVersion: '1.0.0',
      osVersion: null,
      message: null,
      stack: null,
      props: words >= 0 ? { words } : {},
      fingerprint: null,
    });
  }
  await events.flush();
  return { events: written, users: o.users };
};

/**
 * The same figures in SQL, over tables fed from the store: events(user_id, name, at_ms, id), users(user_id,
 * signup_ms), paying(user_id, at_ms) (the moments a subscription starts paying, from its history).
 */
export const DUCKDB_QUERIES = (o: { from: number; to: number; asOf: number }) => ({
  activeDays: `CREATE OR REPLACE TABLE ud AS SELECT DISTINCT user_id, CAST(floor(at_ms / ${DAY}) AS INTEGER) AS d FROM events`,
  dau: `SELECT d, count(*) AS n FROM ud WHERE d BETWEEN ${o.from} AND ${o.to} GROUP BY d ORDER BY d`,
  wau: `SELECT day, count(DISTINCT user_id) AS n FROM range(${o.from}, ${o.to + 1}) t(day) JOIN ud ON ud.d BETWEEN day - 6 AND day GROUP BY day ORDER BY day`,
  mau: `SELECT day, count(DISTINCT user_id) AS n FROM range(${o.from}, ${o.to + 1}) t(day) JOIN ud ON ud.d BETWEEN day - 29 AND day GROUP BY day ORDER BY day`,
  retention: `
    WITH c AS (SELECT user_id, CAST(floor(signup_ms / ${DAY}) AS INTEGER) AS c FROM users),
    last AS (SELECT user_id, max(d) AS last FROM ud WHERE d <= ${o.asOf} GROUP BY user_id)
    SELECT c.c AS cohort, n.n AS n, count(ud.user_id) AS on_day, count(*) FILTER (WHERE last.last >= c.c + n.n) AS on_or_after
    FROM c CROSS JOIN range(0, 31) n(n)
    LEFT JOIN ud ON ud.user_id = c.user_id AND ud.d = c.c + n.n
    LEFT JOIN last ON last.user_id = c.user_id
    WHERE c.c BETWEEN ${o.from} AND ${o.to} AND c.c + n.n <= ${o.asOf}
    GROUP BY cohort, n ORDER BY cohort, n`,
  funnel: `
    WITH s AS (SELECT user_id, signup_ms AS t0 FROM users WHERE floor(signup_ms / ${DAY}) BETWEEN ${o.from} AND ${o.to}),
    dict AS (
      SELECT s.user_id, s.t0, e.at_ms, row_number() OVER (PARTITION BY s.user_id ORDER BY e.at_ms, e.id) AS k
      FROM s JOIN events e ON e.user_id = s.user_id AND e.name = 'dictation.completed' AND e.at_ms >= s.t0
      WHERE e.at_ms <= s.t0 + 14 * ${DAY}),
    t AS (
      SELECT s.user_id, s.t0,
        (SELECT min(at_ms) FROM dict WHERE dict.user_id = s.user_id AND k = 1) AS t1,
        (SELECT min(at_ms) FROM dict WHERE dict.user_id = s.user_id AND k = 5) AS t2
      FROM s),
    t3 AS (
      SELECT t.*, (SELECT min(p.at_ms) FROM paying p WHERE p.user_id = t.user_id AND p.at_ms > t.t2 AND p.at_ms <= t.t0 + 14 * ${DAY}) AS t3
      FROM t)
    SELECT count(*) AS s1, count(t1) AS s2, count(t2) AS s3, count(t3) AS s4 FROM t3`,
});
