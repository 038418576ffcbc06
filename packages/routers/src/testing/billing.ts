import { CONTAINERS } from '@bytelyst/db/containers';
import type { EventDoc } from '@bytelyst/events/event-doc';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { vi } from 'vitest';
import { BILLING_CONTAINERS } from '../modules/billing/containers';
import type { TPlan, TQuota } from '../modules/billing/plans/schema';
import type { TSubscription } from '../modules/billing/subscriptions/schema';
import type { TestHarness } from './harness';

/** Test-only: a plan written straight to the store, so these tests do not depend on seeded plans. */
export const createPlan = async (
  h: TestHarness,
  code: string,
  opts: { quotas?: Record<string, TQuota>; maxDevices?: number; productId?: string } = {},
): Promise<TPlan> => {
  const at = new Date(h.clock()).toISOString();
  const plan: TPlan = {
    id: code,
    productId: opts.productId ?? 'platform',
    code,
    name: `Plan ${code}`,
    description: '',
    priceCents: 0,
    currency: 'usd',
    interval: 'month',
    trialDays: 0,
    quotas: opts.quotas ?? {},
    features: [],
    maxDevices: opts.maxDevices ?? 2,
    isDefault: false,
    archived: false,
    sortOrder: 100,
    stripePriceId: null,
    createdAt: at,
    updatedAt: at,
  };
  await h.store.container<TPlan>(BILLING_CONTAINERS.plans.name).upsert(plan);
  return plan;
};

/** Test-only: puts a user on a plan with an active subscription (upsert: a registration hook may have made one). */
export const subscribe = async (h: TestHarness, userId: string, planCode: string, productId = 'platform') => {
  const at = new Date(h.clock()).toISOString();
  const subscription: TSubscription = {
    id: userId,
    productId,
    userId,
    planCode,
    status: 'active',
    currentPeriodStart: at,
    currentPeriodEnd: new Date(h.clock() + 365 * 86_400_000).toISOString(),
    trialEnd: null,
    cancelAtPeriodEnd: false,
    canceledAt: null,
    cancelReason: null,
    stripeCustomerId: null,
    stripeSubscriptionId: null,
    history: [],
    createdAt: at,
    updatedAt: at,
  };
  await h.store.container<TSubscription>(BILLING_CONTAINERS.subscriptions.name).upsert(subscription);
};

/** Test-only: the persisted events of a type, oldest first. */
export const eventsOf = async (h: TestHarness, type: string, productId = 'platform') => {
  const page = await h.store
    .container<EventDoc>(CONTAINERS.events.name)
    .query({ partitionKey: productId, where: { type: { eq: type } }, limit: 1000 });
  return page.items.sort((a, b) => a.seq.localeCompare(b.seq));
};

/** Test-only: runs a job definition once, as the runner would, on the harness clock. */
export const runJob = async (h: TestHarness, job: JobDefinition) =>
  job.run({
    signal: new AbortController().signal,
    log: () => {},
    runId: `test-${job.name}`,
    slotAt: null,
    attempt: 1,
    trigger: 'manual',
    now: h.clock,
  });

/** Test-only: triggers a registered job through the runner and waits for its recorded run. */
export const triggerJob = async (h: TestHarness, name: string) => {
  const run = await h.services.jobRunner.trigger(name, { id: 'root', email: 'root@example.com' });
  await h.services.jobRunner.whenIdle();
  return h.services.jobs.getRun('platform', run.id);
};

/**
 * Test-only: makes `bus.emit` fail for event types starting with one of `prefixes` (others go through) and
 * returns the types it refused. A change whose event is staged with its write never takes this path; one
 * that emitted after writing would keep the change and lose the event.
 */
export const failEmitsOf = (h: TestHarness, prefixes: readonly string[]): string[] => {
  const bus = h.services.bus;
  const emit = bus.emit.bind(bus);
  const refused: string[] = [];
  vi.spyOn(bus, 'emit').mockImplementation(async (type, payload, options) => {
    if (!prefixes.some((prefix) => type.startsWith(prefix))) return emit(type, payload, options);
    refused.push(type);
    throw new Error('event store down');
  });
  return refused;
};

/** Test-only: the stored events of a type whose data names `id` (as any of `keys`), once the bus has settled. */
export const settledEventsAbout = async (
  h: TestHarness,
  type: string,
  id: string,
  keys: readonly string[] = ['licenseId', 'subscriptionId', 'userId'],
) => {
  await h.services.bus.drain();
  return (await eventsOf(h, type))
    .map((e) => e.data as Record<string, unknown>)
    .filter((data) => keys.some((key) => data[key] === id));
};
