import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { AUDIT_CONTAINERS } from '../modules/audit/containers';
import type { TAuditEntry } from '../modules/audit/schema';
import { BILLING_CONTAINERS } from '../modules/billing/containers';
import type { DayCounterDoc } from '../modules/billing/usage/repository';
import { EXPORT_BLOB_CONTAINER } from '../modules/exports/config';
import { LICENSES_CONTAINERS } from '../modules/licenses/containers';
import type { LicenseDoc } from '../modules/licenses/repository';
import { TELEMETRY_CONTAINERS } from '../modules/telemetry/containers';
import type { TelemetryEventDoc } from '../modules/telemetry/repository';
import type { TestHarness } from './harness';

/**
 * Test-only: parses CSV text with DuckDB's CSV reader (strict mode, RFC 4180 quoting, every column as text),
 * an implementation independent of the one under test. Empty fields come back as null.
 */
export const parseCsv = async (text: string): Promise<Record<string, string | null>[]> => {
  const dir = await mkdtemp(join(tmpdir(), 'csv-parse-'));
  const path = join(dir, 'export.csv');
  await writeFile(path, text, 'utf8');
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      `SELECT * FROM read_csv('${path}', header = true, all_varchar = true, delim = ',', quote = '"', ` +
        `escape = '"', strict_mode = true, auto_detect = false, columns = ${columnsOf(text)})`,
    );
    return reader.getRowObjectsJS() as Record<string, string | null>[];
  } finally {
    instance.closeSync();
    await rm(dir, { recursive: true, force: true });
  }
};

/** DuckDB's `columns` struct from the header line (header names never need quoting in these exports). */
const columnsOf = (text: string) => {
  const header = text.slice(0, text.indexOf('\r\n')).split(',');
  return `{${header.map((name) => `'${name}': 'VARCHAR'`).join(', ')}}`;
};

/** Test-only: the text of a ready export's file, read back through the signed URL the API hands out. */
export const downloadExport = async (
  h: TestHarness,
  productId: string,
  id: string,
  bearerCaller: {
    exports: { getDownloadUrl(input: { id: string }): Promise<{ url: string; fileName: string }> };
  },
) => {
  const { url, fileName } = await bearerCaller.exports.getDownloadUrl({ id });
  const path = new URL(url).pathname;
  // The fs driver's URLs end in `/<container>/<key>` under the API's base path.
  const marker = `/${EXPORT_BLOB_CONTAINER}/${productId}/exports/${id}/`;
  const at = path.indexOf(marker);
  if (at < 0) throw new Error(`not a URL of this export's file: ${url}`);
  const key = path
    .slice(at + EXPORT_BLOB_CONTAINER.length + 2)
    .split('/')
    .map(decodeURIComponent)
    .join('/');
  const found = await h.services.blob.get(EXPORT_BLOB_CONTAINER, key);
  if (!found) throw new Error(`no blob at ${key}`);
  return { text: found.body.toString('utf8'), bytes: found.body, fileName, url };
};

const iso = (h: TestHarness, offsetMs: number) => new Date(h.clock() + offsetMs).toISOString();

/** Test-only: audit entries, telemetry events, usage counters and licenses written straight to their stores. */
export const seedRecords = async (h: TestHarness, productId: string) => {
  const audit: TAuditEntry[] = [0, 1, 2, 3].map((i) => ({
    id: `aud-${i}`,
    productId,
    actorId: i % 2 === 0 ? 'actor-a' : 'actor-b',
    actorEmail: i % 2 === 0 ? 'a@example.com' : 'b@example.com',
    actorTokenId: null,
    action: i < 3 ? 'users.setRoles' : 'flags.update',
    targetType: 'user',
    targetId: `u-${i}`,
    at: iso(h, -i * 86_400_000),
    requestId: `req-${i}`,
    ip: '10.0.0.1',
    impersonatedBy: null,
    details: { roles: ['admin'], note: i === 1 ? '=cmd|calc' : 'plain, with "quotes"' },
  }));
  for (const entry of audit)
    await h.store.container<TAuditEntry>(AUDIT_CONTAINERS.auditLog.name).create(entry);

  const telemetry: TelemetryEventDoc[] = [0, 1, 2, 3, 4, 5].map((i) => ({
    id: `tel-${i}`,
    productId,
    name: i % 2 === 0 ? 'app.start' : 'screen.view',
    level: 'info',
    at: iso(h, -(6 - i) * 3_600_000),
    receivedAt: iso(h, 0),
    userId: i < 3 ? 'u-1' : null,
    sessionId: null,
    deviceId: `dev-${i}`,
    platform: i < 4 ? 'ios' : 'web',
    appVersion: '1.2.3',
    osVersion: null,
    message: i === 2 ? '-2+3 line one\nline two' : null,
    stack: null,
    props: { screen: `s${i}`, n: i },
    fingerprint: null,
  }));
  await h.store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name).batch(
    productId,
    telemetry.map((doc) => ({ op: 'create' as const, doc })),
  );

  const usage: DayCounterDoc[] = ['2026-05-29', '2026-05-30', '2026-05-31', '2026-06-01'].flatMap((day, i) =>
    ['u-1', 'u-2'].map((userId) => ({
      id: `day:${userId}:api:${day}`,
      kind: 'day' as const,
      productId,
      userId,
      metric: 'api',
      day,
      count: i + 1,
      at: `${day}T10:00:00.000Z`,
    })),
  );
  for (const doc of usage)
    await h.store.container<DayCounterDoc>(BILLING_CONTAINERS.usageDaily.name).create(doc);

  const licenses: LicenseDoc[] = [0, 1, 2].map((i) => ({
    id: `lic-${i}`,
    productId,
    userId: `u-${i}`,
    planCode: i === 2 ? 'team' : 'pro',
    maxDevices: 2,
    status: i === 1 ? 'revoked' : 'active',
    expiresAt: null,
    note: i === 0 ? '@risk' : '',
    keyPrefix: `BL${i}`,
    keySuffix: `X${i}Y${i}`,
    devices: [],
    createdAt: iso(h, -i * 1000),
    createdBy: 'root',
    updatedAt: iso(h, 0),
    revokedAt: i === 1 ? iso(h, 0) : null,
    revokeReason: null,
    expiredAt: null,
    expiryWarnedAt: null,
    keyHash: `hash-${i}`,
    expiryWarnedFor: null,
  }));
  for (const doc of licenses)
    await h.store.container<LicenseDoc>(LICENSES_CONTAINERS.licenses.name).create(doc);
  return { audit, telemetry, usage, licenses };
};
