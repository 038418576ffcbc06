import type { BaseDoc, DocumentStore } from '@bytelyst/db/document-store';
import { withoutSystemFields } from '@bytelyst/db/document-store';
import { backedUpContainers } from '../modules/backups/run-backup';
import type { Requester } from '../modules/backups/service';
import type { TestHarness } from './harness';

/** Every backed-up document as `container|partition key|id` -> its body (without the store's bookkeeping). */
export const snapshotStore = async (store: DocumentStore): Promise<Map<string, string>> => {
  const all = new Map<string, string>();
  for (const def of backedUpContainers(store)) {
    for await (const page of store.container<BaseDoc>(def.name).scan()) {
      for (const entry of page) {
        all.set(
          `${def.name}|${entry.partitionKey}|${entry.doc.id}`,
          JSON.stringify(withoutSystemFields(entry.doc)),
        );
      }
    }
  }
  return all;
};

/**
 * Documents a backup or restore writes about itself (its events and audit entries, and the search rebuild a
 * restore starts with its job's run and last-run record), left out of comparisons.
 */
export const isOwnRecord = (key: string, body: string): boolean => {
  const doc = JSON.parse(body) as { type?: string; action?: string; data?: { action?: string } };
  if (
    key.startsWith('search_rebuilds|') ||
    key.startsWith('job_runs|*:search-rebuild|') ||
    key === 'job_definitions|*|search-rebuild'
  ) {
    return true;
  }
  if (key.startsWith('events|')) {
    return (
      doc.type?.startsWith('backup.') === true ||
      doc.type?.startsWith('search.rebuild_') === true ||
      doc.data?.action?.startsWith('backups.') === true
    );
  }
  return key.startsWith('audit_log|') && doc.action?.startsWith('backups.') === true;
};

export const withoutOwnRecords = (snapshot: Map<string, string>) =>
  new Map([...snapshot].filter(([key, body]) => !isOwnRecord(key, body)));

/** Empties every container a backup holds, as a lost store would be. */
export const wipeStore = async (store: DocumentStore): Promise<number> => {
  let removed = 0;
  for (const def of backedUpContainers(store)) removed += await store.container(def.name).clear();
  return removed;
};

/** The bootstrap super_admin as the backups service knows a requester. */
export const rootRequester = async (h: TestHarness): Promise<Requester> => {
  const { ctx } = await h.root();
  const principal = ctx.principal;
  if (!principal) throw new Error('root did not sign in');
  return {
    userId: principal.userId,
    email: principal.email,
    roles: principal.roles,
    tokenId: null,
    requestId: 'test',
    ip: '127.0.0.1',
    productId: ctx.productId,
  };
};
