import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, triggerJob } from '../../../testing/billing';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

const DAY = 86_400_000;

describe('waitlist-reminder job', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('is registered weekly in UTC', () => {
    expect(h.services.jobRegistry.get('waitlist-reminder')).toMatchObject({
      cron: '0 9 * * 1',
      timezone: 'UTC',
    });
  });

  it('marks stale waiting and invited entries once, and again only when they go stale again', async () => {
    const admin = await h.signIn(['admin']);
    const anon = await h.anonymous();
    const old = await anon.waitlist.join({ email: 'old@example.com' });
    const invitedOld = await anon.waitlist.join({ email: 'invited@example.com' });
    const gone = await anon.waitlist.join({ email: 'gone@example.com' });
    const joined = await anon.waitlist.join({ email: 'joined@example.com' });
    await admin.caller.waitlist.invite({ ids: [invitedOld.id, joined.id] });
    await admin.caller.waitlist.remove({ id: gone.id });
    await h.signIn(['user'], { email: 'joined@example.com' });
    await h.services.bus.drain();
    h.advance(10 * DAY);
    const fresh = await anon.waitlist.join({ email: 'fresh@example.com' });
    h.advance(5 * DAY);

    const first = await triggerJob(h, 'waitlist-reminder');
    expect(first).toMatchObject({
      status: 'succeeded',
      metrics: { marked: 2, waiting: 1, invited: 1, scanned: 2 },
    });
    const rerun = await triggerJob(h, 'waitlist-reminder');
    expect(rerun.metrics).toEqual({ scanned: 0, marked: 0, waiting: 0, invited: 0 });

    const due = await eventsOf(h, 'waitlist.reminder_due');
    expect(due.map((e) => e.data).sort((a, b) => Number(a.position) - Number(b.position))).toEqual([
      { entryId: old.id, email: 'old@example.com', status: 'waiting', position: 1, followUps: 1 },
      { entryId: invitedOld.id, email: 'invited@example.com', status: 'invited', position: 2, followUps: 1 },
    ]);
    const marked = await admin.caller.waitlist.get({ id: old.id });
    expect(marked.followUpAt).toBe(new Date(h.clock()).toISOString());
    expect((await admin.caller.waitlist.get({ id: gone.id })).followUpAt).toBeNull();
    expect((await admin.caller.waitlist.get({ id: joined.id })).followUpAt).toBeNull();

    h.advance(10 * DAY); // `fresh` is now 15 days old; the followed-up ones were marked 10 days ago.
    expect((await triggerJob(h, 'waitlist-reminder')).metrics).toMatchObject({ marked: 1, waiting: 1 });
    expect((await admin.caller.waitlist.get({ id: fresh.id })).followUps).toBe(1);
    h.advance(7 * DAY);
    expect((await triggerJob(h, 'waitlist-reminder')).metrics).toMatchObject({ marked: 2 });
    expect((await admin.caller.waitlist.get({ id: old.id })).followUps).toBe(2);
  });
});
