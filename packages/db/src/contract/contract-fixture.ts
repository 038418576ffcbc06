/** Shared set-up of the DocumentStore contract suite: its containers, a movable clock, unique partitions. */
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { Clock, ContainerDef, DocumentStore, StoreErrorCode } from '../document-store';

export type MakeStore = (clock: Clock) => Promise<{ store: DocumentStore; cleanup: () => Promise<void> }>;

export type ContractOptions = {
  /**
   * When set, the one batch test that needs the server to roll back applied operations is skipped, with this
   * reason in its name. Only for test servers that execute batches without atomicity.
   */
  batchRollbackUnsupported?: string;
};

export const ITEMS: ContainerDef = {
  name: 'contract_items',
  partitionKey: ['tenant'],
  indexes: [['rank'], ['group', 'rank'], ['name']],
};
export const TTL_ITEMS: ContainerDef = { name: 'contract_ttl', partitionKey: ['tenant'], defaultTtl: 60 };
export const MULTI: ContainerDef = { name: 'contract_multi', partitionKey: ['tenant', 'kind'] };
/** Where the outbox tests' entries go: another container, as events go to `events`. */
export const OUTBOX_TARGET: ContainerDef = { name: 'contract_outbox_target', partitionKey: ['tenant'] };
export const CONTRACT_CONTAINERS = [ITEMS, TTL_ITEMS, MULTI, OUTBOX_TARGET] as const;

export type Item = {
  id: string;
  tenant: string;
  name?: string;
  rank?: number;
  group?: string;
  active?: boolean;
  tags?: string[];
  note?: string | null;
  meta?: { level?: number };
  email?: string;
  run?: string;
  ttl?: number;
};

export type MultiItem = { id: string; tenant: string; kind: string; value: number };

/** A clock the suite moves forward (never back) to expire documents. */
export function manualClock(start = Date.UTC(2026, 0, 1)) {
  let now = start;
  return {
    clock: (() => now) as Clock,
    advance(ms: number) {
      now += ms;
    },
  };
}

const run = randomBytes(4).toString('hex');
let seq = 0;
/** A fresh partition key per test, so tests never see each other's documents. */
export function uniqueTenant(prefix = 't'): string {
  seq += 1;
  return `${prefix}-${run}-${seq}`;
}

export async function expectStoreError(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'StoreError', code });
}

export const ids = (docs: readonly { id: string }[]): string[] => docs.map((d) => d.id);
export const sortedIds = (docs: readonly { id: string }[]): string[] => ids(docs).sort();
