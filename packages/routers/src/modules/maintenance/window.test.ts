import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const PRODUCT = 'platform';
const MINUTE = 60_000;

describe('a scheduled maintenance window', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness({ config: { delivery: { quietHours: null } } });
    await tick();
  });
  afterAll(async () => h.close());

  async function tick() {
    await h.services.jobRunner.tick();
    await h.services.jobRunner.whenIdle();
  }
  /** Moves the clock minute by minute with the job runner ticking, as the leader would. */
  const runFor = async (minutes: number) => {
    for (let i = 0; i < minutes; i += 1) {
      h.advance(MINUTE);
      await tick();
    }
    await h.services.bus.drain();
    await h.services.bus.pollStreams();
    await h.services.bus.pollStreams();
    await h.services.bus.drain();
  };
  const modeChanges = async () => {
    const page = await h.store
      .container<{
        id: string;
        seq: string;
        actorId: string | null;
        data: { from: string; to: string; cause: string };
      }>('events')
      .query({ partitionKey: PRODUCT, where: { type: { eq: 'maintenance.mode_changed' } }, limit: 100 });
    return page.items
      .sort((a, b) => a.seq.localeCompare(b.seq))
      .map((e) => ({ from: e.data.from, to: e.data.to, cause: e.data.cause, actorId: e.actorId }));
  };

  it('switches itself on at its start and off at its end, with the coordinated switch each time', async () => {
    const admin = await h.signIn(['admin']);
    const anon = await h.anonymous();
    const start = new Date(h.clock() + 10 * MINUTE).toISOString();
    const end = new Date(h.clock() + 40 * MINUTE).toISOString();
    await admin.caller.maintenance.set({
      mode: 'off',
      message: 'Planned database upgrade.',
      scheduledStart: start,
      scheduledEnd: end,
      scheduledMode: 'maintenance',
      affectedServices: ['database'],
    });
    expect((await anon.maintenance.getSchedule()).windows).toMatchObject([
      { state: 'scheduled', start, end },
    ]);

    await runFor(9);
    expect((await anon.maintenance.get()).mode).toBe('off');
    await runFor(1);
    expect(await anon.maintenance.get()).toMatchObject({
      mode: 'maintenance',
      scheduledStart: start,
      scheduledEnd: end,
      updatedBy: 'schedule',
    });
    expect((await anon.maintenance.getSchedule()).windows).toMatchObject([
      { mode: 'maintenance', state: 'in_progress', start, end },
    ]);
    const entered = (await admin.caller.maintenance.getSwitch()).switch;
    expect(entered).toMatchObject({ from: 'off', to: 'maintenance', cause: 'schedule', state: 'done' });
    expect((await h.services.jobs.get(PRODUCT, 'stale-session-cleanup')).maintenanceHolds).toEqual([PRODUCT]);
    // The window job itself keeps running: it is what ends the window.
    expect((await h.services.jobs.get(PRODUCT, 'maintenance-window')).maintenanceHolds).toEqual([]);

    await runFor(29);
    expect((await anon.maintenance.get()).mode).toBe('maintenance');
    await runFor(1);
    const after = await anon.maintenance.get();
    expect(after.mode).toBe('off');
    expect(after.scheduledStart).toBeUndefined();
    expect(after.scheduledEnd).toBeUndefined();
    expect((await anon.maintenance.getSchedule()).windows).toEqual([]);
    expect((await admin.caller.maintenance.getSwitch()).switch).toMatchObject({
      from: 'maintenance',
      to: 'off',
      cause: 'schedule',
      state: 'done',
    });
    expect((await h.services.jobs.get(PRODUCT, 'stale-session-cleanup')).maintenanceHolds).toEqual([]);
    expect(await modeChanges()).toEqual([
      { from: 'off', to: 'maintenance', cause: 'schedule', actorId: null },
      { from: 'maintenance', to: 'off', cause: 'schedule', actorId: null },
    ]);
    const audit = await admin.caller.audit.list({ action: 'maintenance.switch.jobs', limit: 10 });
    expect(audit.items.map((entry) => [entry.actorId, entry.actorEmail])).toEqual([
      ['schedule', 'schedule'],
      ['schedule', 'schedule'],
    ]);
  });

  it('ends a mode switched on by hand at its planned end', async () => {
    const admin = await h.signIn(['admin']);
    const end = new Date(h.clock() + 5 * MINUTE).toISOString();
    await admin.caller.maintenance.set({
      mode: 'read_only',
      message: 'Read-only until the copy ends.',
      scheduledEnd: end,
    });
    expect((await admin.caller.maintenance.getSchedule()).windows).toMatchObject([
      { mode: 'read_only', state: 'in_progress', start: null, end },
    ]);
    await runFor(4);
    expect((await admin.caller.maintenance.get()).mode).toBe('read_only');
    await runFor(1);
    expect((await admin.caller.maintenance.get()).mode).toBe('off');
  });
});
