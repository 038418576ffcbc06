import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';

/**
 * The dictation reminder: at 18:00 in each device's zone, users active in the last 14 days but not today get
 * one push; the inactive and those who already dictated today get none; a second run the same day sends no
 * second reminder.
 */
const PRODUCT = 'platform';

describe('delivery-dictation-reminder', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness({ config: { delivery: { quietHours: null } } });
  });
  afterAll(() => h.close());

  const userWithPhone = async (timeZone: string) => {
    const { user } = await h.signIn(['user']);
    await h.services.notifications.devices.register(PRODUCT, user.id, {
      deviceId: `phone-${user.id}`,
      platform: 'android',
      pushToken: `token-${user.id}-0123456789`,
      appVersion: '3.0.0',
      locale: 'en-US',
      timeZone,
    });
    return user;
  };
  const dictate = (userId: string, key: string) =>
    h.services.billing.usage.record(
      PRODUCT,
      { userId, roles: ['user'] },
      { metric: 'api.calls', quantity: 1, idempotencyKey: key },
    );
  const reminders = async (userId: string) =>
    (await h.services.delivery.list(PRODUCT, { userId, template: 'dictation_reminder' })).items;

  it('reminds recently active users at 18:00 in their zone, once a day', async () => {
    // Two days before: everyone dictates.
    h.advance(Date.parse('2026-06-08T10:00:00Z') - h.clock());
    const lapsed = await userWithPhone('Europe/Berlin');
    const busy = await userWithPhone('Europe/Berlin');
    const elsewhere = await userWithPhone('America/New_York');
    const dormant = await userWithPhone('Europe/Berlin');
    for (const user of [lapsed, busy, elsewhere]) await dictate(user.id, `d1-${user.id}`);
    // Today, 16:00 UTC = 18:00 in Berlin, 12:00 in New York; `busy` dictated this morning.
    h.advance(Date.parse('2026-06-10T07:00:00Z') - h.clock());
    await dictate(busy.id, `d2-${busy.id}`);
    h.advance(Date.parse('2026-06-10T16:00:00Z') - h.clock());
    const runJob = async () => {
      const started = await h.services.jobs.trigger(PRODUCT, 'delivery-dictation-reminder', {
        id: 'test',
        email: 'test@example.com',
      });
      await h.services.jobRunner.whenIdle();
      await h.services.bus.drain();
      return h.services.jobs.getRun(PRODUCT, started.id);
    };
    const run = await runJob();
    expect(run).toMatchObject({ status: 'succeeded', metrics: { considered: 3, reminded: 1 } });
    expect((await reminders(lapsed.id)).map((r) => [r.template, r.status, r.provider])).toEqual([
      ['dictation_reminder', 'sent', 'log'],
    ]);
    expect(await reminders(busy.id)).toEqual([]);
    expect(await reminders(elsewhere.id)).toEqual([]);
    expect(await reminders(dormant.id)).toEqual([]);
    // Run again within the hour: nobody hears twice.
    h.advance(30 * 60_000);
    await runJob();
    expect(await reminders(lapsed.id)).toHaveLength(1);
    // 22:00 UTC is 18:00 in New York.
    h.advance(Date.parse('2026-06-10T22:00:00Z') - h.clock());
    await runJob();
    expect(await reminders(elsewhere.id)).toHaveLength(1);
  });
});
