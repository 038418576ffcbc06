import { createOpenApiFetchHandler } from 'trpc-to-openapi';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../../root';
import { createTestHarness, type TestHarness } from '../../testing/harness';

const NAME = 'stale-session-cleanup';

describe('jobs router', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('lists the built-in job with its schedule in words and the next five runs', async () => {
    const admin = await h.signIn(['admin']);
    const { items } = await admin.caller.jobs.list();
    const job = items.find((j) => j.name === NAME);
    expect(job).toMatchObject({
      id: NAME,
      productId: '*',
      cron: '0 */6 * * *',
      schedule: 'Every 6 hours',
      timezone: 'UTC',
      enabled: true,
      lastRun: null,
      running: false,
      missedRunPolicy: 'once',
      retry: { maxAttempts: 3, backoffMs: 1000, factor: 2 },
      nextRuns: [
        '2026-06-01T18:00:00.000Z',
        '2026-06-02T00:00:00.000Z',
        '2026-06-02T06:00:00.000Z',
        '2026-06-02T12:00:00.000Z',
        '2026-06-02T18:00:00.000Z',
      ],
    });
    expect(await admin.caller.jobs.get({ name: NAME })).toEqual(job);
  });

  it('answers NOT_FOUND naming an unknown job or run, and 400 for a malformed name', async () => {
    const root = await h.root();
    await expect(root.caller.jobs.get({ name: 'no-such-job' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: "Job 'no-such-job' not found",
    });
    await expect(root.caller.jobs.trigger({ name: 'no-such-job' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(root.caller.jobs.getRun({ id: `${NAME}:nope` })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(root.caller.jobs.get({ name: 'Not_Kebab' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('triggers a manual run recorded with the actor, and audits it', async () => {
    const root = await h.root();
    const run = await root.caller.jobs.trigger({ name: NAME });
    expect(run).toMatchObject({ status: 'running', trigger: 'manual', actorEmail: 'root@example.com' });
    await h.services.jobRunner.whenIdle();
    const done = await root.caller.jobs.getRun({ id: run.id });
    expect(done).toMatchObject({
      id: run.id,
      status: 'succeeded',
      actorId: run.actorId,
      metrics: { scanned: 0, deleted: 0 },
    });
    expect(done.log[0]?.message).toBe('Deleted 0 of 0 ended sessions');
    const job = await root.caller.jobs.get({ name: NAME });
    expect(job.lastRun).toMatchObject({ runId: run.id, status: 'succeeded' });
    await h.services.bus.drain(); // the audit log is written from admin.action events
    const audit = await root.caller.audit.list({ action: 'jobs.trigger' });
    expect(audit.items[0]).toMatchObject({ targetType: 'job', targetId: run.id, details: { name: NAME } });
  });

  it('pauses and resumes, persisted in the definition', async () => {
    const root = await h.root();
    expect(await root.caller.jobs.pause({ name: NAME })).toMatchObject({ enabled: false });
    expect((await root.caller.jobs.list()).items.find((j) => j.name === NAME)?.enabled).toBe(false);
    expect(await root.caller.jobs.resume({ name: NAME })).toMatchObject({ enabled: true });
    expect((await root.caller.jobs.get({ name: NAME })).enabled).toBe(true);
    await h.services.bus.drain(); // the audit log is written from admin.action events
    const audit = await root.caller.audit.list({ targetId: NAME });
    expect(audit.items.map((e) => e.action).sort()).toEqual(['jobs.pause', 'jobs.resume']);
  });

  it('pages and filters the run history, newest first', async () => {
    const root = await h.root();
    const runner = h.services.jobRunner;
    // Scheduled runs: first sight, then three 6-hour slots.
    await runner.tick();
    for (let i = 0; i < 3; i += 1) {
      h.advance(6 * 60 * 60_000);
      await runner.tick();
      await runner.whenIdle();
    }
    const all = await root.caller.jobs.listRuns({ jobName: NAME });
    expect(all.items.map((r) => r.trigger)).toEqual(['schedule', 'schedule', 'schedule', 'manual']);
    expect(all.items.map((r) => r.slotAt)).toEqual([
      '2026-06-02T06:00:00.000Z',
      '2026-06-02T00:00:00.000Z',
      '2026-06-01T18:00:00.000Z',
      null,
    ]);
    // Paging across every job's runs (other modules register jobs too) yields the unpaged list, in order.
    const everything = await root.caller.jobs.listRuns({ limit: 200 });
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await root.caller.jobs.listRuns({ limit: 2, ...(cursor ? { cursor } : {}) });
      paged.push(...page.items.map((r) => r.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(everything.items.map((r) => r.id));
    const startedAt = everything.items.map((r) => r.startedAt);
    expect(startedAt).toEqual([...startedAt].sort().reverse());
    expect(everything.items.map((r) => r.id)).toEqual(expect.arrayContaining(all.items.map((r) => r.id)));
    expect((await root.caller.jobs.listRuns({ jobName: NAME, trigger: 'manual' })).items).toHaveLength(1);
    expect((await root.caller.jobs.listRuns({ jobName: NAME, status: 'failed' })).items).toHaveLength(0);
    const ranged = await root.caller.jobs.listRuns({
      jobName: NAME,
      from: '2026-06-02T00:00:00Z',
      to: '2026-06-02T06:00:00Z',
    });
    expect(ranged.items.map((r) => r.slotAt)).toEqual([
      '2026-06-02T06:00:00.000Z',
      '2026-06-02T00:00:00.000Z',
    ]);
    expect(all.items[0]).not.toHaveProperty('log');
  });

  it('serves the REST face: /jobs/runs is the history, not a job named "runs"', async () => {
    const root = await h.root();
    const rest = (path: string) =>
      createOpenApiFetchHandler({
        endpoint: '/v1',
        router: appRouter,
        req: new Request(`http://127.0.0.1/v1${path}`, {
          headers: { authorization: `Bearer ${root.auth.accessToken}` },
        }),
        createContext: ({ req }) =>
          h.createContext({
            headers: Object.fromEntries(req.headers),
            ip: '127.0.0.1',
            requestId: 'rest-jobs',
          }),
      });
    const runs = await rest(`/jobs/runs?jobName=${NAME}&limit=1`);
    expect(runs.status).toBe(200);
    const [latest] = ((await runs.json()) as { items: { id: string }[] }).items;
    // Clients percent-encode the colons of a run id; raw colons are valid in a path too.
    const encoded = await rest(`/jobs/runs/${encodeURIComponent(latest?.id ?? '')}`);
    expect(((await encoded.json()) as { id: string }).id).toBe(latest?.id);
    const raw = await rest(`/jobs/runs/${latest?.id ?? ''}`);
    expect(((await raw.json()) as { id: string }).id).toBe(latest?.id);
    expect(((await (await rest(`/jobs/${NAME}`)).json()) as { name: string }).name).toBe(NAME);
    expect((await rest('/jobs/runs?status=nope')).status).toBe(400);
    expect((await rest('/jobs/no-such-job')).status).toBe(404);
  });

  it('answers CONFLICT (409 on REST) to a manual trigger while a run of the job is in progress', async () => {
    const root = await h.root();
    let release = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    h.services.jobRegistry.register({
      name: 'held-job',
      cron: '0 0 1 1 *',
      enabledByDefault: false,
      run: async () => {
        await held;
        return undefined;
      },
    });
    const run = await root.caller.jobs.trigger({ name: 'held-job' });
    await expect(root.caller.jobs.trigger({ name: 'held-job' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: "Job 'held-job' is already running",
    });
    const response = await createOpenApiFetchHandler({
      endpoint: '/v1',
      router: appRouter,
      req: new Request('http://127.0.0.1/v1/jobs/held-job/trigger', {
        method: 'POST',
        headers: { authorization: `Bearer ${root.auth.accessToken}`, 'content-type': 'application/json' },
        body: '{}',
      }),
      createContext: ({ req }) =>
        h.createContext({
          headers: Object.fromEntries(req.headers),
          ip: '127.0.0.1',
          requestId: 'rest-held',
        }),
    });
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ message: "Job 'held-job' is already running" });
    release();
    await h.services.jobRunner.whenIdle();
    expect(await root.caller.jobs.getRun({ id: run.id })).toMatchObject({ status: 'succeeded' });
  });

  it('refuses plain users and anonymous callers; product admins may read but not change', async () => {
    const user = await h.callerFor('user');
    await expect(user.jobs.list()).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const anonymous = await h.anonymous();
    await expect(anonymous.jobs.listRuns()).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    const admin = await h.callerFor('admin');
    await expect(admin.jobs.pause({ name: NAME })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    const root = await h.root();
    const asAdmin = await admin.jobs.listRuns({ jobName: NAME });
    expect(asAdmin.items.map((r) => r.id)).toEqual(
      (await root.caller.jobs.listRuns({ jobName: NAME })).items.map((r) => r.id),
    );
    expect(asAdmin.items.length).toBeGreaterThan(0);
  });
});
