import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore, Filter } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { BILLING_CONTAINERS } from '../billing/containers';
import { FEEDBACK_CONTAINERS } from '../feedback/containers';
import { LICENSES_CONTAINERS } from '../licenses/containers';
import { MEMORY_CONTAINERS } from '../memory/containers';
import { NOTIFICATIONS_CONTAINERS } from '../notifications/containers';
import { ORGS_CONTAINERS } from '../orgs/containers';
import { SESSIONS_CONTAINERS } from '../sessions/containers';
import { SETTINGS_CONTAINERS } from '../settings/containers';
import { TELEMETRY_CONTAINERS } from '../telemetry/containers';
import { USERS_CONTAINERS } from '../users/containers';
import { storeExportFile } from './export-run';
import type { Hold } from './hold';

/** The export type of "download my data": one JSON archive of a user's own documents. */
export const USER_DATA_TYPE = 'user_data';

type Doc = Record<string, unknown> & { id: string };

/** Where a user's documents are: the container, whether it is partitioned by product or user, the owner field. */
type Section = {
  name: string;
  container: string;
  by: 'product' | 'user';
  owner: string;
  where?: Filter<Doc>;
};

export const USER_DATA_SECTIONS: readonly Section[] = [
  { name: 'subscription', container: BILLING_CONTAINERS.subscriptions.name, by: 'product', owner: 'userId' },
  { name: 'payments', container: BILLING_CONTAINERS.payments.name, by: 'product', owner: 'userId' },
  {
    name: 'usageDaily',
    container: BILLING_CONTAINERS.usageDaily.name,
    by: 'product',
    owner: 'userId',
    where: { kind: { eq: 'day' } },
  },
  { name: 'usagePeriods', container: BILLING_CONTAINERS.usagePeriods.name, by: 'product', owner: 'userId' },
  { name: 'licenses', container: LICENSES_CONTAINERS.licenses.name, by: 'product', owner: 'userId' },
  { name: 'devices', container: NOTIFICATIONS_CONTAINERS.devices.name, by: 'product', owner: 'userId' },
  { name: 'sessions', container: SESSIONS_CONTAINERS.sessions.name, by: 'user', owner: 'userId' },
  { name: 'knownDevices', container: SESSIONS_CONTAINERS.knownDevices.name, by: 'user', owner: 'userId' },
  { name: 'settings', container: SETTINGS_CONTAINERS.settings.name, by: 'product', owner: 'ownerId' },
  {
    name: 'notificationPreferences',
    container: NOTIFICATIONS_CONTAINERS.notificationPrefs.name,
    by: 'product',
    owner: 'id',
  },
  { name: 'feedback', container: FEEDBACK_CONTAINERS.feedback.name, by: 'product', owner: 'userId' },
  { name: 'telemetry', container: TELEMETRY_CONTAINERS.telemetryEvents.name, by: 'product', owner: 'userId' },
  { name: 'memoryItems', container: MEMORY_CONTAINERS.memoryItems.name, by: 'product', owner: 'userId' },
  {
    name: 'orgMemberships',
    container: ORGS_CONTAINERS.orgs.name,
    by: 'product',
    owner: 'userId',
    where: { docType: { eq: 'member' } },
  },
];

/** Hashes, tokens and secrets never leave, nor the store's own fields. */
const SECRET = /hash|token|secret|searchText/i;
const scrub = (doc: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(doc).filter(([key]) => !key.startsWith('_') && key !== 'ttl' && !SECRET.test(key)),
  );

const queryOf = (section: Section, productId: string, userId: string) => ({
  partitionKey: section.by === 'user' ? userId : productId,
  where: { ...section.where, [section.owner]: { eq: userId } } as Filter<Doc>,
});

export type UserDataRunDeps = {
  store: DocumentStore;
  blob: BlobStore;
  bus: EventBus;
  clock: Clock;
  pageSize: number;
  container: string;
  fileDays: number;
};

/**
 * Writes the archive of one user (`filters.userId`) as JSON into blob storage, one store page at a time like
 * runExport: `{ format, exportedAt, productId, userId, profile, sections: { <name>: [...] } }`. Progress counts
 * documents written against the total counted at the start.
 */
export const runUserDataExport = async (h: Hold, deps: UserDataRunDeps): Promise<void> => {
  const job = h.job;
  const userId = String(job.filters.userId);
  const { productId } = job;
  const users = deps.store.container<Doc>(USERS_CONTAINERS.users.name);
  const profile = await users.read(userId, productId);
  let estimatedTotal = profile ? 1 : 0;
  for (const section of USER_DATA_SECTIONS) {
    estimatedTotal += await deps.store
      .container<Doc>(section.container)
      .count(queryOf(section, productId, userId));
  }
  await h.update({ estimatedTotal, processed: 0 });

  let processed = 0;
  const json = (value: unknown) => Buffer.from(JSON.stringify(value), 'utf8');
  const pages = async function* () {
    const head = {
      format: 'bytelyst.user-data/1',
      exportedAt: new Date(deps.clock()).toISOString(),
      productId,
      userId,
    };
    yield Buffer.from(`${JSON.stringify(head).slice(0, -1)},"profile":`, 'utf8');
    yield json(profile ? scrub(profile) : null);
    processed += profile ? 1 : 0;
    yield Buffer.from(',"sections":{', 'utf8');
    for (const [index, section] of USER_DATA_SECTIONS.entries()) {
      yield Buffer.from(`${index > 0 ? ',' : ''}${JSON.stringify(section.name)}:[`, 'utf8');
      let continuation: string | undefined;
      let first = true;
      do {
        h.checkRunning();
        const page = await deps.store.container<Doc>(section.container).query({
          ...queryOf(section, productId, userId),
          limit: deps.pageSize,
          ...(continuation ? { continuation } : {}),
        });
        for (const doc of page.items) {
          yield Buffer.from(`${first ? '' : ','}${JSON.stringify(scrub(doc))}`, 'utf8');
          first = false;
        }
        processed += page.items.length;
        continuation = page.continuation ?? undefined;
        await h.update({ processed });
      } while (continuation);
      yield Buffer.from(']', 'utf8');
    }
    yield Buffer.from('}}', 'utf8');
  };
  const fileName = `my-data-${job.createdAt.slice(0, 10)}.json`;
  await storeExportFile(h, deps, {
    key: `exports/${job.id}/${job.attempt}/${fileName}`,
    fileName,
    contentType: 'application/json',
    type: USER_DATA_TYPE,
    body: pages(),
    processed: () => processed,
  });
};
