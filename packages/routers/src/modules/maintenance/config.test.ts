import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectFieldError } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { compileMaintenance } from './gate';
import type { TMaintenanceConfig } from './schema';

const HOUR = 60 * 60_000;

describe('maintenance config', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness({
      config: { maintenance: { mode: 'off', bypassIps: ['10.0.0.0/8'] } },
    });
  });
  afterAll(async () => h.close());

  const modeEvents = async (productId = 'platform') => {
    await h.services.bus.drain();
    const page = await h.store
      .container<{ id: string; type: string; seq: string; actorId: string | null; data: unknown }>('events')
      .query({ partitionKey: productId, where: { type: { eq: 'maintenance.mode_changed' } }, limit: 100 });
    return page.items.sort((a, b) => a.seq.localeCompare(b.seq));
  };

  it('starts from the env value; anyone reads it, only admins see the bypass IPs and admin message', async () => {
    const anon = await h.anonymous();
    expect(await anon.maintenance.get()).toMatchObject({
      mode: 'off',
      message: '',
      bypassRoles: ['admin', 'super_admin'],
      bypassIPs: [],
      affectedServices: ['*'],
      updatedBy: 'env',
    });
    const admin = await h.signIn(['admin']);
    expect((await admin.caller.maintenance.get()).bypassIPs).toEqual(['10.0.0.0/8']);
    await admin.caller.maintenance.set({
      mode: 'read_only',
      message: 'Database upgrade: changes are paused.',
      adminMessage: 'Runbook: ops/db-upgrade',
      bypassIPs: ['192.0.2.10', '2001:db8::/32'],
      affectedServices: ['api', 'database'],
    });
    const seen = await anon.maintenance.get();
    expect(seen).toMatchObject({ mode: 'read_only', message: 'Database upgrade: changes are paused.' });
    expect(seen.bypassIPs).toEqual([]);
    expect(seen.adminMessage).toBeUndefined();
    expect(await admin.caller.maintenance.get()).toEqual({
      mode: 'read_only',
      message: 'Database upgrade: changes are paused.',
      adminMessage: 'Runbook: ops/db-upgrade',
      bypassRoles: ['admin', 'super_admin'],
      bypassIPs: ['192.0.2.10/32', '2001:db8::/32'],
      affectedServices: ['api', 'database'],
      updatedAt: new Date(h.clock()).toISOString(),
      updatedBy: admin.user.email,
    } satisfies TMaintenanceConfig);
    const plain = await h.callerFor('user');
    expect((await plain.maintenance.get()).bypassIPs).toEqual([]);
  });

  it('stages maintenance.mode_changed with the write that changes the mode, and only then', async () => {
    const admin = await h.signIn(['admin'], { productId: 'platform' });
    const before = (await modeEvents()).length;
    await admin.caller.maintenance.set({ mode: 'read_only', message: 'Still read-only, new words.' });
    expect(await modeEvents()).toHaveLength(before);
    await admin.caller.maintenance.set({ mode: 'off' });
    const events = await modeEvents();
    expect(events).toHaveLength(before + 1);
    expect(events.at(-1)).toMatchObject({
      actorId: admin.user.id,
      data: {
        from: 'read_only',
        to: 'off',
        cause: 'manual',
        message: '',
        affectedServices: ['*'],
        scheduledEnd: null,
      },
    });
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const { caller } = await h.signIn(['admin']);
    const message = await expectFieldError(
      () => caller.maintenance.set({ mode: 'off', bypassIPs: ['10.0.0.1', 'not-an-ip'] }),
      'bypassIPs.1',
    );
    expect(message).toContain("'not-an-ip' is not an IPv4 or IPv6 CIDR");
    await expectFieldError(() => caller.maintenance.set({ mode: 'maintenance', message: '' }), 'message');
    await expectFieldError(
      () =>
        caller.maintenance.set({
          mode: 'off',
          message: 'Planned',
          scheduledStart: new Date(h.clock() + 2 * HOUR).toISOString(),
          scheduledEnd: new Date(h.clock() + HOUR).toISOString(),
        }),
      'scheduledEnd',
    );
    await expectFieldError(
      () => caller.maintenance.set({ mode: 'off', scheduledEnd: new Date(h.clock() - HOUR).toISOString() }),
      'scheduledEnd',
    );
    await expectFieldError(() => caller.maintenance.set({ mode: 'nope' as 'off' }), 'mode');
    await expectFieldError(
      () => caller.maintenance.set({ mode: 'off', affectedServices: ['API!'] }),
      'affectedServices.0',
    );
    await expectFieldError(
      () => caller.maintenance.set({ mode: 'off', scheduledMode: 'maintenance' }),
      'scheduledMode',
    );
    // Nothing was written by any of them.
    expect((await caller.maintenance.get()).mode).toBe('off');
  });

  it('lists the planned window; plain users cannot change the config', async () => {
    const { caller } = await h.signIn(['admin']);
    const start = new Date(h.clock() + HOUR).toISOString();
    const end = new Date(h.clock() + 3 * HOUR).toISOString();
    await caller.maintenance.set({
      mode: 'off',
      message: 'Planned upgrade tonight.',
      scheduledStart: start,
      scheduledEnd: end,
      scheduledMode: 'read_only',
      affectedServices: ['api'],
    });
    const anon = await h.anonymous();
    expect(await anon.maintenance.getSchedule()).toEqual({
      windows: [
        {
          mode: 'read_only',
          start,
          end,
          state: 'scheduled',
          message: 'Planned upgrade tonight.',
          affectedServices: ['api'],
        },
      ],
    });
    const plain = await h.callerFor('user');
    await expect(plain.maintenance.set({ mode: 'maintenance', message: 'x' })).rejects.toMatchObject({
      code: 'FORBIDDEN',
    });
    await caller.maintenance.set({ mode: 'off' });
    expect(await anon.maintenance.getSchedule()).toEqual({ windows: [] });
  });
});

describe('compiled config on the request path', () => {
  const config = (over: Partial<TMaintenanceConfig>): TMaintenanceConfig => ({
    mode: 'maintenance',
    message: '',
    bypassRoles: ['super_admin'],
    bypassIPs: [],
    affectedServices: ['*'],
    updatedAt: '2026-06-01T12:00:00.000Z',
    updatedBy: 'env',
    ...over,
  });

  it('matches bypass CIDRs of both families, IPv4-mapped addresses included', () => {
    const compiled = compileMaintenance(
      config({ bypassIPs: ['10.1.0.0/16', '2001:db8:aa::/48', '::1/128'] }),
    );
    expect(compiled.bypassesIp('10.1.200.3')).toBe(true);
    expect(compiled.bypassesIp('10.2.0.1')).toBe(false);
    expect(compiled.bypassesIp('::ffff:10.1.0.9')).toBe(true);
    expect(compiled.bypassesIp('2001:db8:aa:1::5')).toBe(true);
    expect(compiled.bypassesIp('2001:db8:ab::5')).toBe(false);
    expect(compiled.bypassesIp('::1')).toBe(true);
    expect(compiled.bypassesIp('not an ip')).toBe(false);
    expect(compileMaintenance(config({})).bypassesIp('10.1.0.1')).toBe(false);
  });

  it('bypasses by role, and gives Retry-After from scheduledEnd or a default', () => {
    const now = Date.parse('2026-06-01T12:00:00.000Z');
    const compiled = compileMaintenance(config({ scheduledEnd: '2026-06-01T12:30:00.500Z' }));
    expect(compiled.bypassesRoles(['user', 'super_admin'])).toBe(true);
    expect(compiled.bypassesRoles(['admin'])).toBe(false);
    expect(compiled.retryAfterSeconds(now)).toBe(1801);
    expect(compiled.retryAfterSeconds(now + HOUR)).toBe(300);
    expect(compiled.message).toBe('The service is down for maintenance.');
    expect(compileMaintenance(config({ message: 'Back at 3' })).message).toBe('Back at 3');
  });
});
