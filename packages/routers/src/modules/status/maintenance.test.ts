import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { monitorPass } from '../../testing/status';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';

const PRODUCT = 'platform';
const MINUTE = 60_000;

/**
 * Maintenance windows moved by the job runner (the `status-maintenance` job, run by the leader's tick on the
 * harness's clock), the maintenance switch's hooks, and uptime with maintenance left out.
 */
describe('status maintenance', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>['caller'];
  let root: Awaited<ReturnType<TestHarness['root']>>['caller'];
  const receivers: WebhookReceiver[] = [];

  beforeAll(async () => {
    h = await createTestHarness();
    admin = (await h.signIn(['admin'])).caller;
    root = (await h.root()).caller;
    // The leader registers the job schedules now, so that their slots fall due as the clock moves.
    await h.services.jobRunner.tick();
  });
  afterAll(async () => {
    for (const r of receivers) await r.close();
    await h.close();
  });

  const at = (offsetMs: number) => new Date(h.clock() + offsetMs).toISOString();
  const tick = async () => {
    await h.services.jobRunner.tick();
    await h.services.jobRunner.whenIdle();
  };
  const publicStatus = async () => (await h.anonymous()).status.get();
  const eventCount = async (type: string) =>
    (await root.events.list({ productId: PRODUCT, type })).items.length;

  it('starts a scheduled window at its start and completes it at its end, by the job', async () => {
    const start = at(5 * MINUTE);
    const end = at(35 * MINUTE);
    const window = await admin.status.maintenance.create({
      title: 'Database upgrade',
      message: 'Sign-in may be slow.',
      components: ['database', 'api'],
      scheduledStart: start,
      scheduledEnd: end,
    });
    expect(window).toMatchObject({ status: 'scheduled', source: 'scheduled', startedAt: null });
    const before = await publicStatus();
    expect(before.maintenanceWindows.map((w) => [w.id, w.status])).toEqual([[window.id, 'scheduled']]);
    expect(before.services.find((s) => s.id === 'database')?.status).toBe('operational');

    h.advance(4 * MINUTE);
    await tick();
    expect((await admin.status.maintenance.get({ id: window.id })).status).toBe('scheduled');
    h.advance(MINUTE);
    await tick();
    const started = await admin.status.maintenance.get({ id: window.id });
    expect(started).toMatchObject({ status: 'in_progress', startedAt: start });
    const during = await publicStatus();
    expect(during.services.find((s) => s.id === 'database')?.status).toBe('under_maintenance');
    expect(during.services.find((s) => s.id === 'api')?.status).toBe('under_maintenance');
    expect(during.services.find((s) => s.id === 'email')?.status).toBe('operational');
    expect(during.overallStatus).toBe('under_maintenance');
    // Once started, only the end moves.
    await expect(
      admin.status.maintenance.update({ id: window.id, scheduledStart: at(MINUTE) }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });

    h.advance(30 * MINUTE);
    await tick();
    const done = await admin.status.maintenance.get({ id: window.id });
    expect(done).toMatchObject({ status: 'completed', completedAt: end });
    const after = await publicStatus();
    expect(after.maintenanceWindows).toEqual([]);
    expect(after.overallStatus).toBe('operational');
    await expect(admin.status.maintenance.delete({ id: window.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await h.services.bus.drain();
    expect(await eventCount('status.maintenance.scheduled')).toBe(1);
    expect(await eventCount('status.maintenance.started')).toBe(1);
    expect(await eventCount('status.maintenance.completed')).toBe(1);
  });

  it('cancels a window that has not started, and ends one in progress early', async () => {
    const doomed = await admin.status.maintenance.create({
      title: 'Never mind',
      message: 'Cancelled below.',
      scheduledStart: at(60 * MINUTE),
      scheduledEnd: at(90 * MINUTE),
    });
    expect(await admin.status.maintenance.delete({ id: doomed.id })).toEqual({
      id: doomed.id,
      deleted: true,
    });
    await expect(admin.status.maintenance.get({ id: doomed.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });

    const early = await admin.status.maintenance.create({
      title: 'Cache flush',
      message: 'Quick one.',
      components: ['blob_storage'],
      scheduledStart: at(MINUTE),
      scheduledEnd: at(60 * MINUTE),
    });
    h.advance(MINUTE);
    await tick();
    expect((await admin.status.maintenance.get({ id: early.id })).status).toBe('in_progress');
    h.advance(5 * MINUTE);
    const ended = await admin.status.maintenance.update({ id: early.id, scheduledEnd: at(0) });
    expect(ended).toMatchObject({ status: 'completed', completedAt: at(0) });
    await expect(
      admin.status.maintenance.create({
        title: 'Backwards',
        message: 'x',
        scheduledStart: at(10 * MINUTE),
        scheduledEnd: at(5 * MINUTE),
      }),
    ).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await h.services.bus.drain();
    expect(await eventCount('status.maintenance.cancelled')).toBe(1);
  });

  it('opens and closes the maintenance switch window once per key', async () => {
    const input = {
      key: 'switch-a',
      title: 'Maintenance',
      message: 'We are down for maintenance.',
      components: ['*'],
      scheduledEnd: null,
    };
    const started = await eventCount('status.maintenance.started');
    const first = await h.services.status.beginSwitchWindow(PRODUCT, input);
    const again = await h.services.status.beginSwitchWindow(PRODUCT, input);
    expect(again).toEqual(first);
    const window = await admin.status.maintenance.get({ id: first.windowId });
    expect(window).toMatchObject({ status: 'in_progress', source: 'switch', scheduledEnd: null });
    expect(window.components.map((c) => c.id).sort()).toEqual(
      ['api', 'blob_storage', 'console', 'database', 'email', 'event_bus', 'job_runner', 'push'].sort(),
    );
    expect((await publicStatus()).services.every((s) => s.status === 'under_maintenance')).toBe(true);
    // The job leaves a switch window alone, whatever the time.
    h.advance(120 * MINUTE);
    await tick();
    expect((await admin.status.maintenance.get({ id: first.windowId })).status).toBe('in_progress');

    await h.services.status.endSwitchWindow(PRODUCT, 'switch-a');
    await h.services.status.endSwitchWindow(PRODUCT, 'switch-a');
    await h.services.status.endSwitchWindow(PRODUCT, 'no-such-switch');
    expect((await admin.status.maintenance.get({ id: first.windowId })).status).toBe('completed');
    await h.services.bus.drain();
    expect((await eventCount('status.maintenance.started')) - started).toBe(1);
  });

  it('leaves maintenance out of uptime and counts a partial outage at 30 %', async () => {
    const a = await startWebhookReceiver();
    const b = await startWebhookReceiver();
    receivers.push(a, b);
    const shopComponent = await admin.status.components.create({ id: 'shop', name: 'Shop' });
    const monitor = (name: string, url: string) =>
      admin.status.monitors.create({
        componentId: 'shop',
        name,
        type: 'http',
        url,
        retries: 0,
        intervalSeconds: 600,
      });
    await monitor('A', a.url);
    await monitor('B', b.url);
    const step = async (answers: [number, number]) => {
      a.setAnswer({ status: answers[0] });
      b.setAnswer({ status: answers[1] });
      await monitorPass(h);
    };
    await step([200, 200]); // t0
    h.advance(10 * MINUTE);
    await step([500, 200]); // partial
    h.advance(10 * MINUTE);
    await step([500, 500]); // major
    h.advance(10 * MINUTE);
    await step([200, 200]);
    await h.services.status.beginSwitchWindow(PRODUCT, {
      key: 'shop-work',
      title: 'Shop maintenance',
      message: 'Shop is closed.',
      components: ['shop'],
      scheduledEnd: null,
    });
    h.advance(10 * MINUTE);
    await step([500, 500]); // down, but under maintenance
    h.advance(10 * MINUTE);
    await h.services.status.endSwitchWindow(PRODUCT, 'shop-work');
    await step([200, 200]);
    h.advance(10 * MINUTE);

    const today = (await (await h.anonymous()).status.getHistory()).components.find((c) => c.id === 'shop');
    // 60 minutes observed, 20 of them maintenance; 10 in partial outage, 10 in major.
    expect(today?.days.at(-1)).toMatchObject({ status: 'major_outage', maintenanceMinutes: 20 });
    expect(today?.days.at(-1)?.uptime).toBeCloseTo(1 - (10 + 0.3 * 10) / (60 - 20), 12);
    expect(today?.uptime30).toBeCloseTo(1 - 13 / 40, 12);

    // The next day the finished day is rolled up to its end: observed from the component's creation to midnight.
    const day = new Date(h.clock()).toISOString().slice(0, 10);
    const observed = (Date.parse(`${day}T24:00:00Z`) - Date.parse(shopComponent.createdAt)) / MINUTE;
    h.advance(12 * 60 * MINUTE);
    const history = await (await h.anonymous()).status.getHistory();
    const shop = history.components.find((c) => c.id === 'shop');
    const yesterday = shop?.days.find((d) => d.day === day);
    expect(yesterday?.uptime).toBeCloseTo(1 - 13 / (observed - 20), 12);
    expect(shop?.days.at(-1)).toMatchObject({ uptime: 1, status: 'operational' });
    expect(shop?.days).toHaveLength(90);
    const kept = await h.services.status.rollups.finishedDays(PRODUCT, [], day, day);
    expect(kept.find((doc) => doc.id === `shop:${day}`)).toMatchObject({ maintenanceMs: 20 * MINUTE });
  });
});
