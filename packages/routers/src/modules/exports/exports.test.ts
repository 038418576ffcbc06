import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribe } from '../../testing/billing';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { downloadExport, parseCsv, seedRecords } from '../../testing/exports';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { BILLING_CONTAINERS } from '../billing/containers';
import type { TSubscription } from '../billing/subscriptions/schema';
import type { TUser } from '../users/schema';
import type { TExportCreateInput } from './schema';

/** A cell as the CSV defuses it: an id may start with `-` (ids use the URL-safe alphabet), which gets the quote. */
const defused = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/**
 * Every export type in both formats, each with its filters, on a real store: the job goes pending -> ready
 * through the worker, the file is read back through the signed URL the API hands out, CSV is parsed by
 * DuckDB's reader and NDJSON line by line, and both must equal the rows chosen from the seeded data.
 */
describe('exports', () => {
  const productId = 'platform';
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let users: TUser[];
  let seeded: Awaited<ReturnType<typeof seedRecords>>;

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    const names = [
      '=HYPERLINK("http://evil.example","x")',
      'Ann, "the" Admin',
      '+1 caller',
      '@SUM(A1)',
      'Bob',
    ];
    users = [];
    for (const [i, name] of names.entries()) {
      users.push(
        await h.services.users.create(productId, {
          email: `exp-${i}@example.com`,
          name,
          password: 'correct-horse-battery',
          roles: ['user'],
        }),
      );
      h.advance(1000);
    }
    await h.services.users.setStatus(
      productId,
      { userId: 'root', roles: ['super_admin'] },
      users[4]?.id ?? '',
      'disabled',
    );
    await h.services.bus.drain();
    await subscribe(h, users[0]?.id ?? '', 'pro');
    await subscribe(h, users[1]?.id ?? '', 'pro');
    seeded = await seedRecords(h, productId);
  });
  afterAll(async () => {
    await h?.close();
  });

  const run = async (input: TExportCreateInput) => {
    const job = await admin.exports.create(input);
    expect(job).toMatchObject({ status: 'pending', kind: 'export', type: input.type, processed: 0 });
    expect(await h.services.exports.engine.drain()).toBeGreaterThanOrEqual(1);
    const done = await admin.exports.get({ id: job.id });
    expect(done.status, done.error ?? '').toBe('ready');
    const downloaded = await downloadExport(h, productId, job.id, admin);
    const file = { ...downloaded, rows: countRows(input.format, downloaded.text) };
    expect(done.file?.size).toBe(file.bytes.length);
    // Exact but for users by plan with other filters too, where the plan's subscriptions are the estimate.
    expect(done.processed).toBeLessThanOrEqual(done.estimatedTotal ?? -1);
    expect(done.processed).toBe(file.rows);
    return { job: done, ...file };
  };

  /** Records in the file: NDJSON lines, or CSV records after the header (a quoted line break is not a record). */
  const countRows = (format: string, text: string) =>
    format === 'ndjson' ? ndjson(text).length : (text.match(/\r\n/g) ?? []).length - 1;

  const ndjson = (text: string) =>
    text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Record<string, unknown>);

  const planOf = async (userId: string) =>
    (await h.store.container<TSubscription>(BILLING_CONTAINERS.subscriptions.name).read(userId, productId))
      ?.planCode ?? null;

  it('exports users as CSV with a status filter; a standard parser reads back the rows, formulas defused', async () => {
    const { text, bytes, job, fileName } = await run({
      type: 'users',
      format: 'csv',
      filters: { search: 'exp-', status: 'active' },
    });
    expect(fileName).toBe(`users-${job.createdAt.slice(0, 10)}.csv`);
    expect(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))).toBe(false);
    expect(
      text.startsWith('id,email,name,roles,status,emailVerified,plan,planStatus,createdAt,lastLoginAt\r\n'),
    ).toBe(true);
    const rows = await parseCsv(text);
    const active = users.slice(0, 4).reverse();
    expect(rows).toHaveLength(4);
    expect(rows.map((r) => r.email)).toEqual(active.map((u) => u.email));
    expect(rows.map((r) => r.name)).toEqual([
      "'@SUM(A1)",
      "'+1 caller",
      'Ann, "the" Admin',
      `'=HYPERLINK("http://evil.example","x")`,
    ]);
    for (const [i, row] of rows.entries()) {
      const user = active[i] as TUser;
      expect(row).toEqual({
        id: defused(user.id),
        email: user.email,
        name: row.name,
        roles: 'user',
        status: 'active',
        emailVerified: 'false',
        plan: await planOf(user.id),
        planStatus: row.planStatus,
        createdAt: user.createdAt,
        lastLoginAt: null,
      });
    }
    expect(
      rows
        .filter((r) => r.plan === 'pro')
        .map((r) => r.email)
        .sort(),
    ).toEqual(['exp-0@example.com', 'exp-1@example.com']);
  });

  it('exports users by plan as NDJSON, with a date range', async () => {
    const { text } = await run({
      type: 'users',
      format: 'ndjson',
      filters: { plan: 'pro', from: users[1]?.createdAt ?? '' },
    });
    const rows = ndjson(text);
    expect(rows).toEqual([
      expect.objectContaining({
        id: users[1]?.id,
        email: 'exp-1@example.com',
        name: 'Ann, "the" Admin',
        roles: ['user'],
        plan: 'pro',
        planStatus: 'active',
      }),
    ]);
  });

  it('exports the audit log by action and actor, in both formats', async () => {
    const expected = seeded.audit.filter((e) => e.action === 'users.setRoles' && e.actorId === 'actor-a');
    expect(expected).toHaveLength(2);
    const csv = await parseCsv(
      (await run({ type: 'audit', format: 'csv', filters: { action: 'users.setRoles', userId: 'actor-a' } }))
        .text,
    );
    expect(csv.map((r) => r.id)).toEqual(expected.map((e) => e.id));
    expect(csv[0]).toMatchObject({
      action: 'users.setRoles',
      actorEmail: 'a@example.com',
      details: JSON.stringify(expected[0]?.details),
    });
    const lines = ndjson(
      (
        await run({
          type: 'audit',
          format: 'ndjson',
          filters: { action: 'users.setRoles', from: seeded.audit[1]?.at ?? '' },
        })
      ).text,
    );
    expect(lines.map((l) => l.id)).toEqual(['aud-0', 'aud-1']);
    expect(lines[1]?.details).toEqual({ roles: ['admin'], note: '=cmd|calc' });
  });

  it('exports telemetry by platform, event type and time, a multi-line message kept whole', async () => {
    const csv = await parseCsv(
      (await run({ type: 'telemetry', format: 'csv', filters: { platform: 'ios', eventType: 'app.start' } }))
        .text,
    );
    expect(csv.map((r) => r.id)).toEqual(['tel-0', 'tel-2']);
    expect(csv[1]?.message).toBe("'-2+3 line one\nline two");
    expect(csv[1]?.props).toBe(JSON.stringify({ screen: 's2', n: 2 }));
    const lines = ndjson(
      (
        await run({
          type: 'telemetry',
          format: 'ndjson',
          filters: { from: seeded.telemetry[3]?.at ?? '', to: seeded.telemetry[4]?.at ?? '' },
        })
      ).text,
    );
    expect(lines.map((l) => l.id)).toEqual(['tel-3', 'tel-4']);
    expect(lines[0]).toEqual(expect.objectContaining({ platform: 'ios', props: { screen: 's3', n: 3 } }));
  });

  it('exports usage by user and day range', async () => {
    const csv = await parseCsv(
      (
        await run({
          type: 'usage',
          format: 'csv',
          filters: { userId: 'u-2', from: '2026-05-30', to: '2026-05-31' },
        })
      ).text,
    );
    expect(csv.map((r) => [r.userId, r.day, r.count]).sort()).toEqual([
      ['u-2', '2026-05-30', '2'],
      ['u-2', '2026-05-31', '3'],
    ]);
    const lines = ndjson(
      (await run({ type: 'usage', format: 'ndjson', filters: { from: '2026-06-01' } })).text,
    );
    expect(lines.map((l) => `${l.userId}:${l.count}`).sort()).toEqual(['u-1:4', 'u-2:4']);
  });

  it('exports subscriptions and licenses by plan and status', async () => {
    const subs = await parseCsv(
      (await run({ type: 'subscriptions', format: 'csv', filters: { plan: 'pro', status: 'active' } })).text,
    );
    expect(subs.map((r) => r.userId).sort()).toEqual(
      [defused(users[0]?.id ?? ''), defused(users[1]?.id ?? '')].sort(),
    );
    expect(subs[0]).toMatchObject({ planCode: 'pro', status: 'active', cancelAtPeriodEnd: 'false' });
    const subLines = ndjson(
      (await run({ type: 'subscriptions', format: 'ndjson', filters: { plan: 'pro' } })).text,
    );
    expect(subLines).toHaveLength(2);
    expect(subLines[0]).not.toHaveProperty('history');

    const lic = await parseCsv(
      (await run({ type: 'licenses', format: 'csv', filters: { status: 'active', plan: 'pro' } })).text,
    );
    expect(lic).toEqual([
      expect.objectContaining({ id: 'lic-0', note: "'@risk", keyPrefix: 'BL0', activeDevices: '0' }),
    ]);
    const licLines = ndjson(
      (await run({ type: 'licenses', format: 'ndjson', filters: { status: 'revoked' } })).text,
    );
    expect(licLines.map((l) => l.id)).toEqual(['lic-1']);
    expect(JSON.stringify(licLines)).not.toContain('hash-1');
  });

  it('refuses bad filters with a 400 naming the field', async () => {
    await expectFieldError(
      () => admin.exports.create({ type: 'users', format: 'csv', filters: { status: 'gone' } }),
      'filters.status',
    );
    await expectFieldError(
      () => admin.exports.create({ type: 'audit', format: 'csv', filters: { platform: 'ios' } }),
      'filters.platform',
    );
    await expectFieldError(
      () =>
        admin.exports.create({
          type: 'telemetry',
          format: 'csv',
          filters: { from: '2026-06-02', to: '2026-06-01' },
        }),
      'filters.to',
    );
    await expectFieldError(
      () => admin.exports.create({ type: 'usage', format: 'csv', filters: { from: 'yesterday' } }),
      'filters.from',
    );
    await expectFieldError(
      () => admin.exports.create({ type: 'users', format: 'xlsx' as 'csv', filters: {} }),
      'format',
    );
    await expectFieldError(
      () => admin.exports.create({ type: 'payments' as 'users', format: 'csv', filters: {} }),
      'type',
    );
  });

  it('lists exports, refuses the download of one that is not ready, and keeps exports to admins', async () => {
    const job = await admin.exports.create({ type: 'licenses', format: 'csv', filters: {} });
    const early = await trpcErrorOf(() => admin.exports.getDownloadUrl({ id: job.id }));
    expect(early.code).toBe('CONFLICT');
    const list = await admin.exports.list({ kind: 'export', status: 'pending' });
    expect(list.items.map((j) => j.id)).toEqual([job.id]);
    const plain = (await h.signIn(['user'])).caller;
    expect(
      (await trpcErrorOf(() => plain.exports.create({ type: 'users', format: 'csv', filters: {} }))).code,
    ).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => plain.exports.getDownloadUrl({ id: job.id }))).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(async () => (await h.anonymous()).exports.list({}))).code).toBe('UNAUTHORIZED');
    expect((await trpcErrorOf(() => admin.exports.get({ id: 'exp_missing' }))).code).toBe('NOT_FOUND');
    await h.services.exports.engine.drain();
  });
});
