import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { MaintenanceStatusHook } from './status-hook';

const PRODUCT = 'platform';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

type Window = {
  id: string;
  productId: string;
  title: string;
  message: string;
  components: string[];
  scheduledEnd: string | null;
  state: 'in_progress' | 'completed';
};

/** A small status page: maintenance windows by key, begun at most once per key, completed on end. */
const createStatusPage = () => {
  const windows = new Map<string, Window>();
  const calls: string[] = [];
  let failNextBegin = false;
  const hook: MaintenanceStatusHook = {
    async beginSwitchWindow(productId, input) {
      calls.push(`begin ${input.key}`);
      if (failNextBegin) {
        failNextBegin = false;
        throw new Error('status page unreachable');
      }
      const existing = windows.get(input.key);
      if (existing) return { windowId: existing.id };
      const window: Window = {
        id: `win-${windows.size + 1}`,
        productId,
        title: input.title,
        message: input.message,
        components: input.components,
        scheduledEnd: input.scheduledEnd,
        state: 'in_progress',
      };
      windows.set(input.key, window);
      return { windowId: window.id };
    },
    async endSwitchWindow(_productId, key) {
      calls.push(`end ${key}`);
      const window = windows.get(key);
      if (window) window.state = 'completed';
    },
  };
  return { hook, windows, calls, failOnce: () => (failNextBegin = true) };
};

describe('the coordinated maintenance switch', () => {
  let h: TestHarness;
  const status = createStatusPage();
  const reportSlots: (string | null)[] = [];

  beforeAll(async () => {
    h = await createTestHarness({
      config: {
        delivery: { quietHours: null },
        maintenance: { mode: 'off', bypassIps: [], statusHook: status.hook },
      },
    });
    // A platform-wide hourly job that runs every missed slot once it may run again.
    h.services.jobRegistry.register({
      name: 'test-hourly-report',
      cron: '0 * * * *',
      missedRunPolicy: 'all',
      run: async (ctx) => {
        reportSlots.push(ctx.slotAt);
        return undefined;
      },
    });
    await tick();
  });
  afterAll(async () => h.close());

  const tick = async () => {
    await h.services.jobRunner.tick();
    await h.services.jobRunner.whenIdle();
  };
  /** Runs what the bus has to deliver, the switch's stream (a sequential subscriber) included. */
  const settle = async () => {
    await h.services.bus.drain();
    // Twice: after the clock moved, the first poll may only find the stream's lease lapsed and take it again.
    await h.services.bus.pollStreams();
    await h.services.bus.pollStreams();
    await h.services.bus.drain();
  };
  const jobInfo = async (name: string) => {
    const job = (await h.services.jobs.list(PRODUCT)).items.find((item) => item.name === name);
    if (!job) throw new Error(`${name} is not listed`);
    return job;
  };
  const deliveries = async (template: string) =>
    (await h.services.delivery.list(PRODUCT, { template, limit: 50 })).items;

  it('entering maintenance holds jobs and sends, opens the status window, and lists every step', async () => {
    const admin = await h.signIn(['admin']);
    const phone = await h.signIn(['user']);
    await h.services.notifications.devices.register(PRODUCT, phone.user.id, {
      deviceId: 'phone-1',
      platform: 'ios',
      pushToken: 'ios-token-phone-1-0123456789abcdef',
      appVersion: '2.0.0',
      locale: 'en-US',
      timeZone: 'UTC',
    });
    const end = new Date(h.clock() + 4 * HOUR).toISOString();
    await admin.caller.maintenance.set({
      mode: 'maintenance',
      message: 'Upgrading the database.',
      affectedServices: ['api', 'database'],
      scheduledEnd: end,
    });
    await settle();

    const checklist = await admin.caller.maintenance.getSwitch();
    expect(checklist.switch).toMatchObject({
      from: 'off',
      to: 'maintenance',
      cause: 'manual',
      state: 'done',
    });
    expect(checklist.switch?.steps.map((step) => [step.key, step.state])).toEqual([
      ['jobs', 'done'],
      ['sends', 'done'],
      ['status_window', 'done'],
      ['kill_switch', 'skipped'],
      ['banner', 'done'],
    ]);
    expect(checklist.switch?.steps[0]?.detail).toMatch(
      /^Held .*; still running: delivery-release-held, maintenance-window$/,
    );

    // Jobs: held, except those marked to run during maintenance.
    expect(await jobInfo('test-hourly-report')).toMatchObject({ maintenanceHolds: [PRODUCT] });
    expect(await jobInfo('stale-session-cleanup')).toMatchObject({ maintenanceHolds: [PRODUCT] });
    for (const name of ['maintenance-window', 'delivery-release-held']) {
      expect(await jobInfo(name)).toMatchObject({ duringMaintenance: true, maintenanceHolds: [] });
    }
    // The status page's window, on the affected components.
    expect([...status.windows.values()]).toEqual([
      {
        id: 'win-1',
        productId: PRODUCT,
        title: 'Maintenance',
        message: 'Upgrading the database.',
        components: ['api', 'database'],
        scheduledEnd: end,
        state: 'in_progress',
      },
    ]);
    // Every step is in the audit log, by the admin who switched.
    const audit = await admin.caller.audit.list({ targetId: PRODUCT, limit: 100 });
    const actions = audit.items.filter((entry) => entry.action.startsWith('maintenance.switch.'));
    expect(actions.map((entry) => entry.action).sort()).toEqual([
      'maintenance.switch.banner',
      'maintenance.switch.jobs',
      'maintenance.switch.kill_switch',
      'maintenance.switch.sends',
      'maintenance.switch.status_window',
    ]);
    expect(actions.every((entry) => entry.actorId === admin.user.id)).toBe(true);

    // During maintenance: an announcement waits, a password reset goes at once, held jobs do not run.
    const sent = await h.services.delivery.sendAnnouncement(
      PRODUCT,
      { segment: {}, title: 'Live captions', body: 'Now in every meeting.' },
      admin.user.id,
    );
    expect(sent.queued).toBe(1);
    await (await h.anonymous()).auth.requestPasswordReset({ email: phone.user.email });
    await settle();
    const [announcement] = await deliveries('feature_announcement');
    expect(announcement).toMatchObject({ status: 'held' });
    expect((await h.services.delivery.get(PRODUCT, announcement?.id ?? '')).holdReason).toBe('maintenance');
    expect((await deliveries('password-reset')).map((d) => d.status)).toEqual(['sent']);
    for (let i = 0; i < 7; i += 1) {
      h.advance(30 * MINUTE);
      await tick();
    }
    expect(reportSlots).toEqual([]);
    expect((await h.services.delivery.get(PRODUCT, announcement?.id ?? '')).status).toBe('held');
  });

  it('leaving resumes the jobs by their missed-run policy, releases the sends and completes the window', async () => {
    const admin = await h.signIn(['admin']);
    await admin.caller.maintenance.set({ mode: 'off' });
    await settle();
    const checklist = await admin.caller.maintenance.getSwitch();
    expect(checklist.switch).toMatchObject({ from: 'maintenance', to: 'off', state: 'done' });
    expect(checklist.switch?.steps.map((step) => [step.key, step.state, step.label])).toEqual([
      ['jobs', 'done', 'Resume jobs (missed-run policy)'],
      ['sends', 'done', 'Release held sends'],
      ['status_window', 'done', 'Complete the status page window'],
      ['kill_switch', 'skipped', 'Lower the kill switch if raised here'],
      ['banner', 'done', 'Remove the banner'],
    ]);
    expect(checklist.switch?.steps[1]?.detail).toBe('Released 1 held message(s)');
    expect([...status.windows.values()].map((w) => w.state)).toEqual(['completed']);
    expect((await deliveries('feature_announcement')).map((d) => d.status)).toEqual(['sent']);
    expect(await jobInfo('test-hourly-report')).toMatchObject({ maintenanceHolds: [] });

    // 12:00 + 3.5 h: the 13:00, 14:00 and 15:00 slots were held; policy 'all' runs each of them now.
    await tick();
    expect(reportSlots).toEqual([
      '2026-06-01T13:00:00.000Z',
      '2026-06-01T14:00:00.000Z',
      '2026-06-01T15:00:00.000Z',
    ]);
    const runs = await h.services.jobs.runs(PRODUCT, { jobName: 'test-hourly-report' });
    expect(runs.items.map((run) => run.trigger)).toEqual(['catch_up', 'catch_up', 'catch_up']);
  });

  it('an emergency raises the kill switch and lowers it on leaving; a crash mid-switch resumes', async () => {
    const admin = await h.signIn(['admin']);
    status.failOnce();
    await admin.caller.maintenance.set({ mode: 'emergency', message: 'We are restoring a backup.' });
    await settle();
    // The status page failed once: the steps before it are done, it and those after it are not.
    const broken = (await admin.caller.maintenance.getSwitch()).switch;
    expect(broken?.state).toBe('failed');
    expect(broken?.steps.map((step) => step.state)).toEqual(['done', 'done', 'failed', 'pending', 'pending']);
    expect(broken?.steps[2]?.detail).toBe('status page unreachable');

    // The bus redelivers (its first retry comes within seconds); the switch resumes at the failed step.
    h.advance(10_000);
    await settle();
    const resumed = (await admin.caller.maintenance.getSwitch()).switch;
    expect(resumed?.state).toBe('done');
    expect(resumed?.steps.map((step) => step.state)).toEqual(['done', 'done', 'done', 'done', 'done']);
    const key = `maintenance-switch:${resumed?.eventId}`;
    expect(status.calls.filter((call) => call === `begin ${key}`)).toHaveLength(2);
    expect(status.windows.get(key)).toMatchObject({ title: 'Emergency maintenance', components: ['*'] });
    expect(await h.services.settings.killSwitch.current(PRODUCT)).toMatchObject({
      enabled: true,
      message: 'We are restoring a backup.',
    });

    await admin.caller.maintenance.set({ mode: 'off' });
    await settle();
    const left = (await admin.caller.maintenance.getSwitch()).switch;
    expect(left?.steps.find((step) => step.key === 'kill_switch')).toMatchObject({
      state: 'done',
      detail: 'Lowered',
    });
    expect((await h.services.settings.killSwitch.current(PRODUCT)).enabled).toBe(false);
    expect(status.windows.get(key)?.state).toBe('completed');
  });

  it('leaves a kill switch an admin raised alone, and read-only touches neither jobs nor sends', async () => {
    const admin = await h.signIn(['admin']);
    await admin.caller.settings.setKillSwitch({ enabled: true, message: 'Raised by hand' });
    await admin.caller.maintenance.set({ mode: 'emergency', message: 'Emergency' });
    await settle();
    await admin.caller.maintenance.set({ mode: 'off' });
    await settle();
    expect(await h.services.settings.killSwitch.current(PRODUCT)).toMatchObject({
      enabled: true,
      message: 'Raised by hand',
    });
    await admin.caller.settings.setKillSwitch({ enabled: false });

    await admin.caller.maintenance.set({ mode: 'read_only', message: 'Read only for a while' });
    await settle();
    expect((await admin.caller.maintenance.getSwitch()).switch?.state).toBe('done');
    expect(await jobInfo('test-hourly-report')).toMatchObject({ maintenanceHolds: [] });
    expect(await h.services.delivery.maintenance.isHeld(PRODUCT)).toBe(false);
    await admin.caller.maintenance.set({ mode: 'off' });
    await settle();
  });
});
