import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';

describe('kill switch', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  const changes = async (productId = 'platform') => {
    await h.services.bus.drain();
    const page = await h.store
      .container<{ id: string; type: string; seq: string; actorId: string; data: Record<string, unknown> }>(
        'events',
      )
      .query({
        partitionKey: productId,
        where: { type: { eq: 'settings.kill_switch_changed' } },
        limit: 100,
      });
    return page.items.sort((a, b) => a.seq.localeCompare(b.seq));
  };

  it('is off until an admin turns it on; clients read it without signing in', async () => {
    const anon = await h.anonymous();
    expect(await anon.settings.getKillSwitch()).toEqual({
      enabled: false,
      blocked: false,
      message: '',
      minAppVersion: null,
      updatedAt: null,
    });
    const admin = await h.signIn(['admin']);
    const set = await admin.caller.settings.setKillSwitch({ enabled: true, message: 'Down for repairs' });
    expect(set).toMatchObject({ productId: 'platform', enabled: true, updatedBy: admin.user.id });
    expect(await anon.settings.getKillSwitch({ appVersion: '9.9.9' })).toEqual({
      enabled: true,
      blocked: true,
      message: 'Down for repairs',
      minAppVersion: null,
      updatedAt: new Date(h.clock()).toISOString(),
    });
    const events = await changes();
    expect(events.map((e) => e.data)).toEqual([
      { enabled: true, message: 'Down for repairs', minAppVersion: null },
    ]);
    expect(events[0]?.actorId).toBe(admin.user.id);
    // Same state again: nothing to announce.
    await admin.caller.settings.setKillSwitch({ enabled: true, message: 'Down for repairs' });
    expect(await changes()).toHaveLength(1);
    await admin.caller.settings.setKillSwitch({ enabled: false });
    expect((await anon.settings.getKillSwitch()).blocked).toBe(false);
    expect((await changes()).map((e) => e.data.enabled)).toEqual([true, false]);
    await h.services.bus.drain();
    const audit = await admin.caller.audit.list({ actorId: admin.user.id });
    expect(audit.items.map((e) => e.action)).toEqual([
      'settings.setKillSwitch',
      'settings.setKillSwitch',
      'settings.setKillSwitch',
    ]);
  });

  it('with a minimum app version it blocks only older (or unnamed) versions', async () => {
    const admin = await h.signIn(['admin']);
    await admin.caller.settings.setKillSwitch({
      enabled: true,
      message: 'Please update',
      minAppVersion: '2.0.0',
    });
    const anon = await h.anonymous();
    const blocked = async (appVersion?: string) =>
      (await anon.settings.getKillSwitch(appVersion ? { appVersion } : {})).blocked;
    expect(await blocked('1.9.9')).toBe(true);
    expect(await blocked('2.0.0-rc.1')).toBe(true);
    expect(await blocked('2.0.0')).toBe(false);
    expect(await blocked('10.1')).toBe(false);
    expect(await blocked('junk')).toBe(true);
    expect(await blocked()).toBe(true);
    await admin.caller.settings.setKillSwitch({ enabled: false });
  });

  it('is per product, cached briefly, and refreshed at once by this instance', async () => {
    const root = await h.root();
    await root.caller.products.create({ id: 'second', name: 'Second' });
    const admin2 = await h.signIn(['admin'], { productId: 'second' });
    await admin2.caller.settings.setKillSwitch({ enabled: true, message: 'Second is off' });
    expect((await (await h.anonymous('second')).settings.getKillSwitch()).enabled).toBe(true);
    expect((await (await h.anonymous()).settings.getKillSwitch()).enabled).toBe(false);
    // Another instance's write (straight to the store) shows after the cache's few seconds.
    const container = h.store.container<{ id: string; productId: string; enabled: boolean }>('settings');
    const doc = await container.read('product:kill-switch', 'second');
    if (!doc) throw new Error('missing');
    const { _etag, _ts, ttl, ...rest } = doc;
    await container.replace({ ...rest, enabled: false });
    expect((await (await h.anonymous('second')).settings.getKillSwitch()).enabled).toBe(true);
    h.advance(6000);
    expect((await (await h.anonymous('second')).settings.getKillSwitch()).enabled).toBe(false);
  });

  it('validates input and is admin-only to change', async () => {
    const admin = await h.signIn(['admin']);
    const noMessage = await trpcErrorOf(() => admin.caller.settings.setKillSwitch({ enabled: true }));
    expect(noMessage.code).toBe('BAD_REQUEST');
    expect((shapeOf(noMessage) as { data: { fields?: { path: string }[] } }).data.fields?.[0]?.path).toBe(
      'message',
    );
    const badVersion = await trpcErrorOf(() =>
      admin.caller.settings.setKillSwitch({ enabled: true, message: 'x', minAppVersion: 'latest' }),
    );
    expect(badVersion.code).toBe('BAD_REQUEST');
    const user = await h.signIn(['user']);
    expect((await trpcErrorOf(() => user.caller.settings.setKillSwitch({ enabled: false }))).code).toBe(
      'FORBIDDEN',
    );
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.settings.setKillSwitch({ enabled: false }))).code).toBe(
      'UNAUTHORIZED',
    );
  });

  it('commits the switch with its event: a refused change leaves neither', async () => {
    const admin = await h.signIn(['admin']);
    const before = await changes();
    await trpcErrorOf(() => admin.caller.settings.setKillSwitch({ enabled: true, minAppVersion: '1.0.0' }));
    expect(await changes()).toHaveLength(before.length);
    const stored = () =>
      h.store.container<{ id: string; enabled: boolean }>('settings').read('product:kill-switch', 'platform');
    const wasEnabled = (await stored())?.enabled ?? false;
    await admin.caller.settings.setKillSwitch({ enabled: !wasEnabled, message: 'Flip' });
    expect((await stored())?.enabled).toBe(!wasEnabled);
    const after = await changes();
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)?.data).toMatchObject({ enabled: !wasEnabled });
  });
});
