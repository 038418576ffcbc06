import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { clientEvent, emitted, errorEvent } from '../../testing/telemetry';
import { fingerprintOf } from './fingerprint';

const HOUR = 60 * 60_000;

describe('telemetry error clusters', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it('groups errors whose messages differ only in ids, with count, first/last seen and samples', async () => {
    const anon = await h.anonymous();
    const user = await h.signIn(['user']);
    const t0 = new Date(h.clock() - HOUR).toISOString();
    const stack = 'Error: boom\n  at pay (checkout.js:10:4)\n  at click (ui.js:3:9)';
    await anon.telemetry.ingest({
      events: [
        errorEvent(h, { message: 'Payment 17 failed for "alice"', stack, at: t0, deviceId: 'd1' }),
        errorEvent(h, { message: 'Payment 99 failed for "bob"', stack, appVersion: '1.2.4', deviceId: 'd2' }),
        clientEvent(h, { name: 'not.an.error', level: 'warn', message: 'Payment 1 failed' }),
      ],
    });
    await user.caller.telemetry.ingest({
      events: [
        errorEvent(h, {
          level: 'fatal',
          message: 'Payment 5 failed for "carol"',
          stack: 'Error: boom\n  at pay (checkout.js:11:8)\n  at click (ui.js:3:1)',
        }),
      ],
    });
    const { fingerprint } = fingerprintOf({
      name: 'x',
      platform: 'ios',
      message: 'Payment 1 failed for "x"',
      stack,
    });
    const cluster = await admin.caller.telemetry.clusters.get({ id: fingerprint });
    expect(cluster).toMatchObject({
      title: 'Payment <n> failed for <str>',
      level: 'fatal',
      count: 3,
      firstSeenAt: t0,
      lastSeenAt: new Date(h.clock()).toISOString(),
      platforms: ['ios'],
      appVersions: ['1.2.3', '1.2.4'],
      affectedUsers: 3,
      status: 'open',
      regression: false,
    });
    expect(cluster.recentEvents.map((e) => e.fingerprint)).toEqual([fingerprint, fingerprint, fingerprint]);
    const errors = await admin.caller.telemetry.events.list({ fingerprint });
    expect(errors.items.map((e) => [e.level, e.userId ?? null]).sort()).toEqual(
      [
        ['error', null],
        ['error', null],
        ['fatal', user.user.id],
      ].sort(),
    );

    await h.services.bus.drain();
    const created = await emitted(admin.caller, 'telemetry.cluster_created');
    expect(created).toContainEqual({
      fingerprint,
      level: 'error',
      platform: 'ios',
      message: 'Payment <n> failed for <str>',
    });
    expect((await trpcErrorOf(() => admin.caller.telemetry.clusters.get({ id: 'nope' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps every count under parallel ingests', async () => {
    const message = 'Concurrent crash 1';
    const batches = Array.from({ length: 12 }, async (_, i) => {
      const caller = await h.anonymous();
      return caller.telemetry.ingest({
        events: Array.from({ length: 5 }, () => errorEvent(h, { message, deviceId: `dev-${i}` })),
      });
    });
    const results = await Promise.all(batches);
    expect(results.map((r) => r.accepted)).toEqual(Array.from({ length: 12 }, () => 5));
    const { fingerprint } = fingerprintOf({ ...errorEvent(h, { message }) });
    const cluster = await admin.caller.telemetry.clusters.get({ id: fingerprint });
    expect(cluster.count).toBe(60);
    expect(cluster.affectedUsers).toBe(12);
  });

  it('commits a cluster with its event: racing ingests create and regress it once each', async () => {
    const message = 'Racing crash 7';
    const race = () =>
      Promise.all(
        Array.from({ length: 8 }, async (_, i) =>
          (await h.anonymous()).telemetry.ingest({
            events: [errorEvent(h, { message, deviceId: `race-${i}`, appVersion: '3.0.0' })],
          }),
        ),
      );
    await race();
    const { fingerprint: id } = fingerprintOf(errorEvent(h, { message }));
    await admin.caller.telemetry.clusters.update({ id, status: 'resolved' });
    await race();
    expect(await admin.caller.telemetry.clusters.get({ id })).toMatchObject({ count: 16, status: 'open' });
    await h.services.bus.drain();
    const ofCluster = (events: Record<string, unknown>[]) => events.filter((e) => e.fingerprint === id);
    expect(ofCluster(await emitted(admin.caller, 'telemetry.cluster_created'))).toHaveLength(1);
    expect(ofCluster(await emitted(admin.caller, 'telemetry.cluster_regressed'))).toEqual([
      { fingerprint: id, appVersion: '3.0.0' },
    ]);
  });

  it('resolves, and reopens a resolved cluster as a regression when it recurs', async () => {
    const anon = await h.anonymous();
    const event = errorEvent(h, { message: 'Regressing thing' });
    await anon.telemetry.ingest({ events: [event] });
    const { fingerprint: id } = fingerprintOf(event);
    const resolved = await admin.caller.telemetry.clusters.update({ id, status: 'resolved' });
    expect(resolved).toMatchObject({ status: 'resolved', statusChangedBy: admin.user.id });
    expect(
      (await admin.caller.telemetry.clusters.list({ status: 'resolved' })).items.map((c) => c.id),
    ).toEqual([id]);

    h.advance(HOUR);
    await anon.telemetry.ingest({
      events: [errorEvent(h, { message: 'Regressing thing', appVersion: '2.0.0' })],
    });
    const reopened = await admin.caller.telemetry.clusters.get({ id });
    expect(reopened).toMatchObject({ status: 'open', regression: true, count: 2 });
    await h.services.bus.drain();
    expect(await emitted(admin.caller, 'telemetry.cluster_regressed')).toContainEqual({
      fingerprint: id,
      appVersion: '2.0.0',
    });

    await admin.caller.telemetry.clusters.update({ id, status: 'ignored' });
    await anon.telemetry.ingest({ events: [errorEvent(h, { message: 'Regressing thing' })] });
    expect(await admin.caller.telemetry.clusters.get({ id })).toMatchObject({
      status: 'ignored',
      regression: false,
      count: 3,
    });
    expect(
      (await trpcErrorOf(() => admin.caller.telemetry.clusters.update({ id: 'missing', status: 'open' })))
        .code,
    ).toBe('NOT_FOUND');
    await h.services.bus.drain();
    const updates = (await admin.caller.audit.list({ action: 'telemetry.clusters.update' })).items;
    // Both updates of this cluster are recorded; the refused update of a missing cluster is not.
    expect(updates.filter((a) => a.targetId === id).map((a) => a.actorId)).toEqual([
      admin.user.id,
      admin.user.id,
    ]);
    expect(updates.map((a) => a.targetId)).not.toContain('missing');
  });

  it('lists by last seen or by count, with a status filter, paged', async () => {
    const byCount = await admin.caller.telemetry.clusters.list({ sort: 'count' });
    const counts = byCount.items.map((c) => c.count);
    expect(counts[0]).toBe(60);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    const byLastSeen = await admin.caller.telemetry.clusters.list({ limit: 1 });
    expect(byLastSeen.items).toHaveLength(1);
    expect(byLastSeen.items[0]?.title).toBe('Regressing thing');
    const next = await admin.caller.telemetry.clusters.list({
      limit: 1,
      cursor: byLastSeen.nextCursor ?? '',
    });
    expect(next.items[0]?.id).not.toBe(byLastSeen.items[0]?.id);
    // Four clusters: the payment errors, the concurrent and racing crashes are open (the racing one was resolved
    // and regressed), "Regressing thing" is ignored.
    expect(byCount.items.map((c) => c.title).sort()).toEqual(
      ['Concurrent crash <n>', 'Payment <n> failed for <str>', 'Racing crash <n>', 'Regressing thing'].sort(),
    );
    const open = await admin.caller.telemetry.clusters.list({ status: 'open' });
    expect(open.items.map((c) => [c.title, c.status]).sort()).toEqual([
      ['Concurrent crash <n>', 'open'],
      ['Payment <n> failed for <str>', 'open'],
      ['Racing crash <n>', 'open'],
    ]);
    const ignored = await admin.caller.telemetry.clusters.list({ status: 'ignored' });
    expect(ignored.items.map((c) => c.title)).toEqual(['Regressing thing']);
  });
});
