import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { clientEvent, emitted, errorEvent } from '../../testing/telemetry';
import { fingerprintOf } from './fingerprint';

describe('telemetry erasure (GDPR)', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it("deletes all of a user's events in pages and scrubs them from cluster samples", async () => {
    const target = await h.signIn(['user']);
    const bystander = await h.signIn(['user']);
    const crash = errorEvent(h, { message: 'Shared crash' });
    await bystander.caller.telemetry.ingest({
      events: [{ ...crash, at: new Date(h.clock() - 60_000).toISOString() }],
    });
    // 230 events of the target: more than one store page and batch.
    for (let i = 0; i < 2; i++) {
      await target.caller.telemetry.ingest({
        events: Array.from({ length: 115 }, () => clientEvent(h, { name: 'target.tap' })),
      });
    }
    await target.caller.telemetry.ingest({ events: [crash, errorEvent(h, { message: 'Only mine' })] });
    const { fingerprint: shared } = fingerprintOf(crash);
    const { fingerprint: mine } = fingerprintOf(errorEvent(h, { message: 'Only mine' }));
    expect(await admin.caller.telemetry.clusters.get({ id: shared })).toMatchObject({ affectedUsers: 2 });

    const result = await admin.caller.telemetry.erase({ userId: target.user.id });
    expect(result).toEqual({ eventsDeleted: 232, clustersScrubbed: 2 });
    expect((await admin.caller.telemetry.events.list({ userId: target.user.id })).items).toHaveLength(0);
    expect((await admin.caller.telemetry.events.list({ userId: bystander.user.id })).items).toHaveLength(1);

    const sharedAfter = await admin.caller.telemetry.clusters.get({ id: shared });
    expect(sharedAfter).toMatchObject({ count: 2, affectedUsers: 1 });
    expect(sharedAfter.recentEvents.map((e) => e.userId)).toEqual([bystander.user.id]);
    expect(sharedAfter.sampleEventId).toBe(sharedAfter.recentEvents[0]?.id);
    const mineAfter = await admin.caller.telemetry.clusters.get({ id: mine });
    expect(mineAfter).toMatchObject({
      sampleMessage: null,
      sampleStack: null,
      sampleEventId: null,
      affectedUsers: 0,
    });

    await h.services.bus.drain();
    expect(await emitted(admin.caller, 'telemetry.user_erased')).toContainEqual({
      userId: target.user.id,
      eventsDeleted: 232,
      clustersScrubbed: 2,
    });
    expect(await admin.caller.telemetry.erase({ userId: target.user.id })).toEqual({
      eventsDeleted: 0,
      clustersScrubbed: 0,
    });
  });

  it('lets a user erase their own events only', async () => {
    const me = await h.signIn(['user']);
    const other = await h.signIn(['user']);
    await me.caller.telemetry.ingest({ events: [clientEvent(h, { name: 'mine' })] });
    await other.caller.telemetry.ingest({ events: [clientEvent(h, { name: 'mine' })] });
    expect(await me.caller.telemetry.eraseMine()).toEqual({ eventsDeleted: 1, clustersScrubbed: 0 });
    const left = await admin.caller.telemetry.events.list({ name: 'mine' });
    expect(left.items.map((e) => e.userId)).toEqual([other.user.id]);
  });

  it("erases a deleted user's telemetry through the user.deleted event", async () => {
    const gone = await h.signIn(['user']);
    await gone.caller.telemetry.ingest({ events: [clientEvent(h, { name: 'leaving' })] });
    const before = await admin.caller.telemetry.events.list({ name: 'leaving' });
    expect(before.items.map((e) => e.userId)).toEqual([gone.user.id]);
    await admin.caller.users.delete({ id: gone.user.id });
    await h.services.bus.drain();
    expect((await admin.caller.telemetry.events.list({ name: 'leaving' })).items).toHaveLength(0);
  });
});
