import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, triggerJob } from '../../testing/billing';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const DAY = 86_400_000;

describe('license-expiry-check job', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('is registered daily in UTC', () => {
    expect(h.services.jobRegistry.get('license-expiry-check')).toMatchObject({
      cron: '0 1 * * *',
      timezone: 'UTC',
    });
  });

  it('warns once about licenses expiring within 7 days, expires those past their date once', async () => {
    const admin = await h.signIn(['admin']);
    const owner = await h.signIn(['user']);
    const make = async (days: number | null) =>
      (
        await admin.caller.licenses.create({
          userId: owner.user.id,
          maxDevices: 1,
          ...(days === null ? {} : { expiresAt: new Date(h.clock() + days * DAY).toISOString() }),
        })
      ).item;
    const soon = await make(3);
    const later = await make(30);
    const never = await make(null);
    const lapsing = await make(1);
    h.advance(1.5 * DAY); // `lapsing` is now past its date; `soon` has 1.5 days left.

    const first = await triggerJob(h, 'license-expiry-check');
    expect(first).toMatchObject({ status: 'succeeded', metrics: { expired: 1, warned: 1, scanned: 2 } });
    const rerun = await triggerJob(h, 'license-expiry-check');
    expect(rerun.metrics).toEqual({ expired: 0, warned: 0, scanned: 0 });

    expect((await eventsOf(h, 'license.expired')).map((e) => e.data)).toEqual([
      { licenseId: lapsing.id, userId: owner.user.id },
    ]);
    const expiring = await eventsOf(h, 'license.expiring');
    expect(expiring.map((e) => e.data)).toEqual([
      { licenseId: soon.id, userId: owner.user.id, expiresAt: soon.expiresAt, daysLeft: 2 },
    ]);
    expect((await admin.caller.licenses.get({ id: lapsing.id })).status).toBe('expired');
    expect((await admin.caller.licenses.get({ id: soon.id })).expiryWarnedAt).toBe(
      new Date(h.clock()).toISOString(),
    );
    expect((await admin.caller.licenses.list({ status: 'expired', userId: owner.user.id })).total).toBe(1);

    // Renewal re-arms the warning and brings the expired license back.
    const renewed = await admin.caller.licenses.update({
      id: lapsing.id,
      expiresAt: new Date(h.clock() + 5 * DAY).toISOString(),
    });
    expect(renewed).toMatchObject({ status: 'active', expiredAt: null, expiryWarnedAt: null });
    h.advance(24 * DAY); // `later` is within 7 days; `soon` and the renewed one are past.
    const third = await triggerJob(h, 'license-expiry-check');
    expect(third.metrics).toMatchObject({ expired: 2, warned: 1 });
    expect((await triggerJob(h, 'license-expiry-check')).metrics).toMatchObject({ expired: 0, warned: 0 });
    expect((await eventsOf(h, 'license.expiring')).map((e) => e.data.licenseId)).toEqual([soon.id, later.id]);
    expect((await admin.caller.licenses.get({ id: never.id })).status).toBe('active');
  });
});
