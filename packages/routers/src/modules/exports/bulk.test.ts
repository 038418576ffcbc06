import { setTimeout as delay } from 'node:timers/promises';
import { NOOP_LOGGER } from '@bytelyst/events/logger';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../testing/billing';
import { expectFieldError } from '../../testing/expect-error';
import { seedRecords } from '../../testing/exports';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { TUser } from '../users/schema';
import type { UsersService } from '../users/service';
import { createBulkOperations } from './bulk';
import { createExportsEngine } from './engine';
import { createExportsRepository } from './repository';
import { createExportSources } from './sources';

/**
 * Bulk operations through the same worker: the dry run's count is what the job then goes through, each item is
 * changed through the users or licenses service (their events and session revocations happen), every item
 * gets its result, and the whole operation is one audit entry with its counts.
 */
describe('bulk operations', () => {
  const productId = 'platform';
  let h: TestHarness;
  let adminCaller: Awaited<ReturnType<TestHarness['signIn']>>;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let team: TUser[];
  let superAdmin: TUser;

  beforeAll(async () => {
    h = await createTestHarness();
    adminCaller = await h.signIn(['admin']);
    admin = adminCaller.caller;
    team = [];
    for (let i = 0; i < 6; i += 1) {
      team.push(
        await h.services.users.create(productId, {
          email: `bulk-${i}@example.com`,
          name: `Bulk ${i}`,
          password: 'correct-horse-battery',
          roles: ['user'],
        }),
      );
    }
    superAdmin = await h.services.users.create(productId, {
      email: 'bulk-super@example.com',
      name: 'Bulk Super',
      password: 'correct-horse-battery',
      roles: ['super_admin'],
    });
    await h.services.users.setStatus(
      productId,
      { userId: 'root', roles: ['super_admin'] },
      team[5]?.id ?? '',
      'disabled',
    );
    await seedRecords(h, productId);
  });
  afterAll(async () => {
    await h?.close();
  });

  const disableMatching = {
    operation: 'users.setStatus' as const,
    status: 'disabled' as const,
    selection: { filters: { search: 'bulk-' } },
  };

  it('disables every user matching a filter: dry run count = items applied, per-item results, one audit entry', async () => {
    const preview = await admin.exports.previewBulk(disableMatching);
    expect(preview).toEqual({ operation: 'users.setStatus', count: 7, unchanged: 1 });

    const job = await admin.exports.createBulk(disableMatching);
    expect(job).toMatchObject({ kind: 'bulk', type: 'users.setStatus', status: 'pending', format: null });
    await h.services.exports.engine.drain();
    const done = await admin.exports.get({ id: job.id });
    expect(done).toMatchObject({
      status: 'completed',
      processed: preview.count,
      estimatedTotal: preview.count,
    });
    // A plain admin may not disable a super_admin: the users service refuses that one item.
    expect(done.counts).toEqual({
      done: preview.count - preview.unchanged - 1,
      skipped: preview.unchanged,
      failed: 1,
    });

    const items = (await admin.exports.listItems({ id: job.id, limit: 200 })).items;
    expect(items).toHaveLength(preview.count);
    const byLabel = new Map(items.map((item) => [item.label, item]));
    expect(byLabel.get('bulk-5@example.com')).toMatchObject({
      state: 'skipped',
      message: 'Already disabled',
    });
    expect(byLabel.get('bulk-super@example.com')).toMatchObject({
      state: 'failed',
      message: expect.stringContaining('super_admin'),
    });
    for (const user of team.slice(0, 5)) {
      expect(byLabel.get(user.email)).toMatchObject({ state: 'done', targetId: user.id, message: null });
      expect((await h.services.users.get(productId, user.id)).status).toBe('disabled');
    }
    expect((await h.services.users.get(productId, superAdmin.id)).status).toBe('active');
    const failed = await admin.exports.listItems({ id: job.id, state: 'failed' });
    expect(failed.items.map((i) => i.targetId)).toEqual([superAdmin.id]);

    const disabledEvents = (await eventsOf(h, 'user.disabled')).map((e) => e.data.userId);
    for (const user of team.slice(0, 5)) expect(disabledEvents).toContain(user.id);
    await h.services.bus.drain();
    const audit = await admin.audit.list({ action: 'bulk.users.setStatus' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({
      targetId: job.id,
      actorId: adminCaller.user.id,
      details: { items: 7, done: 5, skipped: 1, failed: 1, status: 'disabled', selection: 'filter' },
    });
  });

  it('enables selected ids back; an unknown id is skipped with its reason', async () => {
    const ids = [team[0]?.id ?? '', team[1]?.id ?? '', 'no-such-user', team[0]?.id ?? ''];
    const input = { operation: 'users.setStatus' as const, status: 'active' as const, selection: { ids } };
    const preview = await admin.exports.previewBulk(input);
    expect(preview).toEqual({ operation: 'users.setStatus', count: 3, unchanged: 1 });
    const job = await admin.exports.createBulk(input);
    await h.services.exports.engine.drain();
    const done = await admin.exports.get({ id: job.id });
    expect(done).toMatchObject({
      status: 'completed',
      processed: 3,
      counts: { done: 2, skipped: 1, failed: 0 },
    });
    const items = (await admin.exports.listItems({ id: job.id })).items;
    expect(items.map((i) => [i.targetId, i.state, i.message])).toEqual([
      [team[0]?.id, 'done', null],
      [team[1]?.id, 'done', null],
      ['no-such-user', 'skipped', 'User not found'],
    ]);
    expect((await h.services.users.get(productId, team[0]?.id ?? '')).status).toBe('active');
  });

  it('revokes licenses by filter through the licenses service', async () => {
    const input = {
      operation: 'licenses.revoke' as const,
      reason: 'chargeback',
      selection: { filters: { plan: 'pro' } },
    };
    const preview = await admin.exports.previewBulk(input);
    expect(preview).toEqual({ operation: 'licenses.revoke', count: 2, unchanged: 1 });
    const job = await admin.exports.createBulk(input);
    await h.services.exports.engine.drain();
    expect(await admin.exports.get({ id: job.id })).toMatchObject({
      status: 'completed',
      processed: preview.count,
      counts: { done: 1, skipped: 1, failed: 0 },
    });
    expect(await admin.licenses.get({ id: 'lic-0' })).toMatchObject({
      status: 'revoked',
      revokeReason: 'chargeback',
    });
    expect(await admin.licenses.get({ id: 'lic-2' })).toMatchObject({ status: 'active' });
    expect((await eventsOf(h, 'license.revoked')).map((e) => e.data.licenseId)).toEqual(['lic-0']);
  });

  it('resumes a bulk operation whose worker died mid-page, counting every item once', async () => {
    const resume: TUser[] = [];
    for (let i = 0; i < 4; i += 1) {
      resume.push(
        await h.services.users.create(productId, {
          email: `resume-${i}@example.com`,
          name: `Resume ${i}`,
          password: 'correct-horse-battery',
          roles: ['user'],
        }),
      );
    }
    const engineWith = (users: Pick<UsersService, 'find' | 'setStatus'>, instanceId: string) => {
      const sources = createExportSources(h.store);
      return createExportsEngine({
        repo: createExportsRepository(h.store),
        store: h.store,
        blob: h.services.blob,
        clock: h.clock,
        bus: h.services.bus,
        sources,
        bulk: createBulkOperations({ sources, users, licenses: h.services.licenses }),
        logger: NOOP_LOGGER,
        instanceId,
        leaseMs: 60_000,
        pollIntervalMs: 60_000,
        pageSize: 100,
      });
    };
    let release: () => void = () => undefined;
    const hung = new Promise<void>((resolve) => {
      release = resolve;
    });
    let applied = 0;
    const dying = engineWith(
      {
        find: h.services.users.find,
        async setStatus(...args) {
          applied += 1;
          // The third change never returns: the process died with two items changed and nothing recorded.
          if (applied === 3) await hung;
          return h.services.users.setStatus(...args);
        },
      },
      'dying',
    );
    const input = {
      operation: 'users.setStatus' as const,
      status: 'disabled' as const,
      selection: { filters: { search: 'resume-' } },
    };
    const job = await admin.exports.createBulk(input);
    const first = dying.runOnce();
    while (applied < 3) await delay(5);
    expect(await admin.exports.get({ id: job.id })).toMatchObject({ status: 'processing', processed: 0 });

    h.advance(61_000);
    expect(await engineWith(h.services.users, 'other').runOnce()).toBe(job.id);
    const done = await admin.exports.get({ id: job.id });
    expect(done).toMatchObject({
      status: 'completed',
      attempt: 2,
      processed: 4,
      counts: { done: 2, skipped: 2, failed: 0 },
    });
    release();
    await first;
    expect(await admin.exports.get({ id: job.id })).toMatchObject({
      processed: 4,
      counts: { done: 2, skipped: 2, failed: 0 },
    });
    const items = (await admin.exports.listItems({ id: job.id })).items;
    expect(items.map((i) => i.state).sort()).toEqual(['done', 'done', 'skipped', 'skipped']);
    for (const user of resume)
      expect((await h.services.users.get(productId, user.id)).status).toBe('disabled');
  });

  it('refuses a bad selection or operation with a 400 naming the field', async () => {
    await expectFieldError(
      () => admin.exports.previewBulk({ operation: 'users.setStatus', selection: { ids: ['x'] } }),
      'status',
    );
    await expectFieldError(
      () => admin.exports.createBulk({ operation: 'users.setStatus', status: 'disabled', selection: {} }),
      'selection.ids',
    );
    await expectFieldError(
      () =>
        admin.exports.createBulk({
          operation: 'licenses.revoke',
          selection: { filters: { status: 'lost' } },
        }),
      'selection.filters.status',
    );
    await expectFieldError(
      () =>
        admin.exports.createBulk({ operation: 'licenses.revoke', selection: { filters: { search: 'x' } } }),
      'selection.filters.search',
    );
  });

  it('is for admins only', async () => {
    const plain = (await h.signIn(['user'])).caller;
    await expect(plain.exports.previewBulk(disableMatching)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect(plain.exports.createBulk(disableMatching)).rejects.toMatchObject({ code: 'FORBIDDEN' });
    await expect((await h.anonymous()).exports.createBulk(disableMatching)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });
});
