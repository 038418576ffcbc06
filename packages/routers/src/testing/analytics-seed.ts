import type { BatchOperation, DocumentStore } from '@bytelyst/db/document-store';
import { DAY_MS, HOUR_MS } from '../lib/time';
import { BILLING_CONTAINERS } from '../modules/billing/containers';
import type { TPlan } from '../modules/billing/plans/schema';
import type {
  TSubscription,
  TSubscriptionChange,
  TSubscriptionStatus,
} from '../modules/billing/subscriptions/schema';
import type { DayCounterDoc } from '../modules/billing/usage/repository';
import { TELEMETRY_CONTAINERS } from '../modules/telemetry/containers';
import type { TelemetryEventDoc } from '../modules/telemetry/repository';
import { USERS_CONTAINERS } from '../modules/users/containers';
import type { UserDoc } from '../modules/users/repository';

/**
 * Test-only: a synthetic product history written straight to the store (as the telemetry, usage, users and
 * billing modules would have stored it): users on four platforms and four plans signing up over 90 days, each
 * with a return pattern (loyal, weekly, fading, one-shot, usage-only), dictations that walk some of them through
 * the default funnel, and subscriptions that trial, upgrade, expand, contract, churn and come back.
 * Deterministic for a seed; the expected figures are never taken from here but computed from what is stored.
 */

export const mulberry32 = (seed: number) => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

export type SeedOptions = {
  productId: string;
  /** First sign-up day (UTC midnight, ms). */
  startMs: number;
  /** Nothing is written at or after this instant (the harness's "now"). */
  nowMs: number;
  users: number;
  signupDays: number;
  seed: number;
};

const PLATFORMS = ['ios', 'android', 'web', 'macos'] as const;
const PATTERNS = ['loyal', 'weekly', 'fading', 'one-shot', 'usage-only'] as const;

export const plansFor = (productId: string, atIso: string): TPlan[] => {
  const plan = (code: string, priceCents: number, interval: 'month' | 'year', sortOrder: number): TPlan => ({
    id: code,
    productId,
    code,
    name: code,
    description: '',
    priceCents,
    currency: 'usd',
    interval,
    trialDays: 0,
    quotas: {},
    features: [],
    maxDevices: 3,
    isDefault: code === 'free',
    archived: false,
    sortOrder,
    stripePriceId: null,
    createdAt: atIso,
    updatedAt: atIso,
  });
  return [
    plan('free', 0, 'month', 0),
    plan('pro', 1500, 'month', 1),
    plan('team', 4000, 'month', 2),
    plan('pro-annual', 12_000, 'year', 3),
  ];
};

type Change = { atMs: number; plan: string; status: TSubscriptionStatus };

/** The plan story of user `i`, from the sign-up on. */
const planStory = (i: number, signupMs: number, rand: () => number): Change[] => {
  const at = (days: number) => signupMs + days * DAY_MS + Math.floor(rand() * 6) * HOUR_MS;
  switch (i % 6) {
    case 0:
      return [
        { atMs: signupMs, plan: 'pro', status: 'trialing' },
        { atMs: at(7), plan: 'pro', status: 'active' },
      ];
    case 1:
      return [{ atMs: at(3 + (i % 10)), plan: 'pro', status: 'active' }];
    case 2: {
      const out: Change[] = [
        { atMs: at(2), plan: 'pro', status: 'active' },
        { atMs: at(20), plan: 'team', status: 'active' },
      ];
      if (i % 12 === 2) out.push({ atMs: at(40), plan: 'pro', status: 'active' });
      return out;
    }
    case 3: {
      const out: Change[] = [
        { atMs: at(5), plan: 'pro', status: 'active' },
        { atMs: at(25), plan: 'pro', status: 'canceled' },
      ];
      if (i % 12 === 3) out.push({ atMs: at(45), plan: 'pro', status: 'active' });
      return out;
    }
    case 4:
      return [{ atMs: at(1), plan: 'pro-annual', status: 'active' }];
    default:
      return [];
  }
};

export type SeededData = {
  users: UserDoc[];
  events: TelemetryEventDoc[];
  usage: DayCounterDoc[];
  subscriptions: TSubscription[];
  plans: TPlan[];
};

export const generateSeed = (o: SeedOptions): SeededData => {
  const rand = mulberry32(o.seed);
  const iso = (ms: number) => new Date(ms).toISOString();
  const lastDay = Math.floor(o.nowMs / DAY_MS);
  const data: SeededData = {
    users: [],
    events: [],
    usage: [],
    subscriptions: [],
    plans: plansFor(o.productId, iso(o.startMs)),
  };
  let eventSeq = 0;
  for (let i = 0; i < o.users; i++) {
    const userId = `u${String(i).padStart(4, '0')}`;
    const signupDay = Math.floor(o.startMs / DAY_MS) + Math.floor((i * o.signupDays) / o.users);
    const signupMs = signupDay * DAY_MS + Math.floor(rand() * 20 * HOUR_MS);
    if (signupMs >= o.nowMs) continue;
    data.users.push({
      id: userId,
      kind: 'user',
      productId: o.productId,
      email: `${userId}@example.com`,
      emailLower: `${userId}@example.com`,
      searchText: `${userId}@example.com ${userId}`,
      name: userId,
      roles: ['user'],
      status: 'active',
      emailVerified: true,
      passwordHash: 'x',
      createdAt: iso(signupMs),
      updatedAt: iso(signupMs),
      lastLoginAt: null,
    });
    const platform = PLATFORMS[i % PLATFORMS.length] as string;
    const pattern = PATTERNS[i % PATTERNS.length] as (typeof PATTERNS)[number];
    const event = (atMs: number, name: string, props: TelemetryEventDoc['props'] = {}, on = platform) => {
      if (atMs >= o.nowMs) return;
      data.events.push({
        id: `e${String(eventSeq++).padStart(7, '0')}`,
        productId: o.productId,
        name,
        level: 'info',
        at: iso(atMs),
        receivedAt: iso(atMs),
        userId,
        sessionId: null,
        deviceId: null,
        platform: on,
        appVersion: '1.0.0',
        osVersion: null,
        message: null,
        stack: null,
        props,
        fingerprint: null,
      });
    };
    for (let day = signupDay; day <= lastDay; day++) {
      const k = day - signupDay;
      const active =
        k === 0 ||
        (pattern === 'loyal' && rand() < 0.8) ||
        (pattern === 'weekly' && k % 7 === i % 3) ||
        (pattern === 'fading' && rand() < (k < 7 ? 0.7 : 0.05));
      const usageOnly = pattern === 'usage-only' && k > 0 && rand() < 0.3;
      if (usageOnly) {
        data.usage.push({
          id: `day:${userId}:dictation.minutes:${new Date(day * DAY_MS).toISOString().slice(0, 10)}`,
          kind: 'day',
          productId: o.productId,
          userId,
          metric: 'dictation.minutes',
          day: new Date(day * DAY_MS).toISOString().slice(0, 10),
          count: 1 + Math.floor(rand() * 30),
          at: iso(day * DAY_MS + 12 * HOUR_MS),
        });
      }
      if (!active) continue;
      const from = Math.max(day * DAY_MS, signupMs + 60_000);
      const times = Array.from(
        { length: 2 + Math.floor(rand() * 4) },
        () => from + Math.floor(rand() * (day * DAY_MS + DAY_MS - from)),
      );
      times.sort((a, b) => a - b);
      const second = i % 7 === 0 && rand() < 0.5 ? 'web' : platform;
      for (const [j, atMs] of times.entries()) {
        const roll = rand();
        const on = j === times.length - 1 ? second : platform;
        if (j === 0) event(atMs, 'app.open', {}, on);
        else if (roll < 0.55)
          event(
            atMs,
            'dictation.completed',
            { mode: rand() < 0.5 ? 'long' : 'short', words: Math.floor(rand() * 400) },
            on,
          );
        else if (roll < 0.75) event(atMs, 'export.pdf', {}, on);
        else if (roll < 0.85) event(atMs, 'share.link', { target: rand() < 0.5 ? 'mail' : 'slack' }, on);
        else event(atMs, 'settings.open', {}, on);
      }
    }
    const story = planStory(i, signupMs, rand).filter((c) => c.atMs < o.nowMs);
    const first: Change =
      story[0]?.atMs === signupMs
        ? (story.shift() as Change)
        : { atMs: signupMs, plan: 'free', status: 'active' };
    let current = first;
    const history: TSubscriptionChange[] = [];
    for (const change of story) {
      history.push({
        at: iso(change.atMs),
        fromPlan: current.plan,
        toPlan: change.plan,
        fromStatus: current.status,
        toStatus: change.status,
        reason: 'seed',
        actorId: null,
      });
      current = change;
    }
    data.subscriptions.push({
      id: userId,
      productId: o.productId,
      userId,
      planCode: current.plan,
      status: current.status,
      currentPeriodStart: iso(current.atMs),
      currentPeriodEnd: iso(current.atMs + 30 * DAY_MS),
      trialEnd: null,
      cancelAtPeriodEnd: false,
      canceledAt: current.status === 'canceled' ? iso(current.atMs) : null,
      cancelReason: null,
      stripeCustomerId: null,
      stripeSubscriptionId: null,
      history,
      createdAt: iso(signupMs),
      updatedAt: iso(current.atMs),
    });
  }
  return data;
};

const write = async <T extends { id: string }>(
  store: DocumentStore,
  container: string,
  pk: string,
  docs: readonly T[],
) => {
  for (let i = 0; i < docs.length; i += 100) {
    const ops: BatchOperation<T>[] = docs.slice(i, i + 100).map((doc) => ({ op: 'upsert', doc, ttl: -1 }));
    await store.container<T>(container).batch(pk, ops);
  }
};

/** Writes telemetry events as the telemetry module stores them (used for late events too). */
export const writeEvents = (store: DocumentStore, productId: string, events: readonly TelemetryEventDoc[]) =>
  write(store, TELEMETRY_CONTAINERS.telemetryEvents.name, productId, events);

export const writeSeed = async (store: DocumentStore, productId: string, data: SeededData) => {
  await write(store, USERS_CONTAINERS.users.name, productId, data.users);
  await writeEvents(store, productId, data.events);
  await write(store, BILLING_CONTAINERS.usageDaily.name, productId, data.usage);
  await write(store, BILLING_CONTAINERS.subscriptions.name, productId, data.subscriptions);
  await write(store, BILLING_CONTAINERS.plans.name, productId, data.plans);
};
