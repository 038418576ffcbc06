import type { Stored } from '@bytelyst/db/document-store';
import { DAY_MS } from '../lib/time';
import type { TRetentionContainer } from '../modules/retention/schema';
import { type DocumentTarget, targetOf } from '../modules/retention/targets';
import type { TestHarness } from './harness';

export type SeedKey = Exclude<TRetentionContainer, 'export_files'>;

export type Seed = {
  id: string;
  productId: string;
  /** How old the document is by its container's time field. */
  ageDays: number;
  /** The user it names (actor, owner, or inside its body), if any. */
  userId?: string;
  /** Override the settled state the seed gets by default (e.g. a queued mail, a pending event). */
  status?: string;
};

const yyyymm = (iso: string) => iso.slice(0, 7).replace('-', '');

/**
 * Test-only: one document as its module writes it, with just the fields the retention cleanup reads (product,
 * age, user, state) and those the container's partition key needs. Written at the harness's "now", so its TTL
 * runs from now whatever its age.
 */
export const seedDoc = async (h: TestHarness, key: SeedKey, seed: Seed): Promise<Stored<{ id: string }>> => {
  const at = new Date(h.clock() - seed.ageDays * DAY_MS).toISOString();
  const user = seed.userId ?? null;
  const docs: Record<SeedKey, Record<string, unknown>> = {
    audit_log: {
      actorId: user ?? 'usr_someone',
      actorEmail: 'actor@example.com',
      actorTokenId: null,
      action: 'users.setRoles',
      targetType: 'user',
      targetId: null,
      at,
      requestId: 'req-seed',
      ip: '127.0.0.1',
      impersonatedBy: null,
    },
    telemetry_events: { userId: user, name: 'seed', level: 'info', at, receivedAt: at, platform: 'ios' },
    sessions: {
      userId: user ?? 'usr_someone',
      platform: 'web',
      ipAddress: '127.0.0.1',
      userAgent: 'vitest',
      lastActiveAt: at,
      createdAt: at,
      expiresAt: new Date(Date.parse(at) + DAY_MS).toISOString(),
      refreshTokenHash: 'seed',
      previousRefreshTokenHashes: [],
    },
    delivery_log: {
      channel: 'email',
      month: yyyymm(at),
      userId: user,
      to: 'someone@example.com',
      template: 'welcome',
      status: seed.status ?? 'delivered',
      createdAt: at,
      updatedAt: at,
    },
    webhook_deliveries: {
      messageId: `msg_${seed.id}`,
      endpointId: 'ep_seed',
      month: yyyymm(at),
      eventType: 'user.created',
      eventAt: at,
      body: JSON.stringify({ type: 'user.created', data: { userId: user ?? 'usr_someone' } }),
      status: seed.status ?? 'succeeded',
      attempts: [],
    },
    job_runs: {
      jobName: 'seed-job',
      status: seed.status ?? 'succeeded',
      trigger: user ? 'manual' : 'schedule',
      actorId: user,
      startedAt: at,
    },
    events: {
      type: 'user.created',
      version: 1,
      actorId: null,
      at,
      seq: at,
      data: { userId: user ?? 'usr_someone' },
      status: seed.status ?? 'delivered',
      deadSubscribers: [],
      // An open delivery, due long after the test, so no dispatcher picks the seed up.
      dueAt: seed.status === 'pending' ? h.clock() + 1000 * DAY_MS : null,
      claim: null,
      deliveries: {},
    },
  };
  const target = targetOf(key) as DocumentTarget;
  return h.store
    .container<{ id: string; productId: string }>(target.def.name)
    .create({ id: seed.id, productId: seed.productId, ...docs[key] });
};

/** Test-only: the seeded document as the store has it now (undefined once removed or expired). */
export const readSeed = async (h: TestHarness, key: SeedKey, doc: Stored<{ id: string }>) => {
  const container = h.store.container<{ id: string }>((targetOf(key) as DocumentTarget).def.name);
  return container.read(doc.id, container.partitionKeyOf(doc));
};

export const SEED_KEYS: readonly SeedKey[] = [
  'audit_log',
  'telemetry_events',
  'sessions',
  'delivery_log',
  'webhook_deliveries',
  'job_runs',
  'events',
];
