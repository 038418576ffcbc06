import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const HOUR = 3_600_000;

/** The switch and the real status module together: entering opens the public window, leaving completes it. */
describe('maintenance switch and the status page', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness({ config: { maintenance: { mode: 'off', bypassIps: [] } } });
  });
  afterAll(async () => h.close());

  const settle = async () => {
    await h.services.bus.drain();
    await h.services.bus.pollStreams();
    await h.services.bus.pollStreams();
    await h.services.bus.drain();
  };

  it('opens the window on the affected components and completes it on leaving', async () => {
    const admin = await h.signIn(['admin']);
    const visitor = await h.anonymous();
    await admin.caller.maintenance.set({
      mode: 'maintenance',
      message: 'Moving the database to new disks.',
      affectedServices: ['database', 'api'],
      scheduledEnd: new Date(h.clock() + 2 * HOUR).toISOString(),
    });
    await settle();
    const during = await visitor.status.get();
    const open = during.maintenanceWindows.filter((w) => w.status === 'in_progress');
    expect(open).toHaveLength(1);
    expect(open[0]?.message).toBe('Moving the database to new disks.');
    expect(open[0]?.components.map((c) => c.id).sort()).toEqual(['api', 'database']);
    const states = new Map(during.services.map((s) => [s.id, s.status]));
    expect(states.get('database')).toBe('under_maintenance');
    expect(states.get('api')).toBe('under_maintenance');
    expect(states.get('email')).not.toBe('under_maintenance');

    await admin.caller.maintenance.set({ mode: 'off', message: '', affectedServices: ['*'] });
    await settle();
    const after = await visitor.status.get();
    expect(after.maintenanceWindows.filter((w) => w.status === 'in_progress')).toEqual([]);
    expect(after.services.find((s) => s.id === 'database')?.status).not.toBe('under_maintenance');
  });
});
