import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { clientEvent, errorEvent } from '../../testing/telemetry';
import { TELEMETRY_CONTAINERS } from './containers';
import type { TelemetryEventDoc } from './repository';

const DAY = 24 * 60 * 60_000;

describe('telemetry ingestion', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  // The sampling draw; each test sets what the next events see.
  let draws: number[] = [];
  beforeAll(async () => {
    h = await createTestHarness({ random: () => draws.shift() ?? 0 });
    admin = await h.signIn(['admin']);
  });
  beforeEach(async () => {
    draws = [];
    await admin.caller.telemetry.policy.update({
      enabled: true,
      sampleRates: { debug: 1, info: 1, warn: 1, error: 1, fatal: 1 },
      denyNames: [],
      maxBatch: 500,
      retentionDays: 30,
    });
  });
  afterAll(async () => h.close());

  const stored = () => h.store.container<TelemetryEventDoc>(TELEMETRY_CONTAINERS.telemetryEvents.name);

  it('accepts a batch before sign-in and stores each event with the retention as its ttl', async () => {
    const anon = await h.anonymous();
    const result = await anon.telemetry.ingest({
      events: [
        clientEvent(h, { name: 'anon.open', userId: 'claimed-user', props: { screen: 'home', n: 2 } }),
        clientEvent(h, { name: 'anon.open', deviceId: 'dev-1', sessionId: 's-1' }),
      ],
    });
    expect(result).toEqual({ accepted: 2, sampledOut: 0 });
    const list = await admin.caller.telemetry.events.list({ name: 'anon.open' });
    expect(list.items).toHaveLength(2);
    const first = list.items.find((e) => e.userId === 'claimed-user');
    expect(first).toMatchObject({ platform: 'ios', props: { screen: 'home', n: 2 }, fingerprint: null });
    const doc = await stored().read(first?.id ?? '', 'platform');
    expect(doc?.ttl).toBe(30 * 24 * 3600);
  });

  it("attaches a signed-in caller's user id over any in the input", async () => {
    const user = await h.signIn(['user']);
    await user.caller.telemetry.ingest({
      events: [clientEvent(h, { name: 'signed.in', userId: 'someone-else' })],
    });
    const list = await admin.caller.telemetry.events.list({ name: 'signed.in' });
    expect(list.items.map((e) => e.userId)).toEqual([user.user.id]);
  });

  it('names the invalid field with its index', async () => {
    const anon = await h.anonymous();
    const error = await trpcErrorOf(() =>
      anon.telemetry.ingest({
        events: [clientEvent(h), { ...clientEvent(h), level: 'loud' as 'info' }],
      }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(shapeOf(error))).toContain('events.1.level');
    const props = await trpcErrorOf(() =>
      anon.telemetry.ingest({ events: [clientEvent(h, { props: { big: 'x'.repeat(1001) } })] }),
    );
    expect(JSON.stringify(shapeOf(props))).toContain('events.0.props.big');
    const tooMany = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`k${i}`, i]));
    const keys = await trpcErrorOf(() =>
      anon.telemetry.ingest({ events: [clientEvent(h), clientEvent(h, { props: tooMany })] }),
    );
    expect(JSON.stringify(shapeOf(keys))).toContain('events.1.props');
    expect((await trpcErrorOf(() => anon.telemetry.ingest({ events: [] }))).code).toBe('BAD_REQUEST');
    const over = Array.from({ length: 501 }, () => clientEvent(h));
    expect((await trpcErrorOf(() => anon.telemetry.ingest({ events: over }))).code).toBe('BAD_REQUEST');
  });

  it("enforces the policy's max batch", async () => {
    await admin.caller.telemetry.policy.update({ maxBatch: 2 });
    const anon = await h.anonymous();
    const error = await trpcErrorOf(() =>
      anon.telemetry.ingest({ events: [clientEvent(h), clientEvent(h), clientEvent(h)] }),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(JSON.stringify(shapeOf(error))).toContain('"path":"events"');
  });

  it('samples by level with the injected random, and drops denied names and everything when disabled', async () => {
    await admin.caller.telemetry.policy.update({
      sampleRates: { debug: 0.25, info: 0.5 },
      denyNames: ['noisy.*', 'exact.drop'],
    });
    const anon = await h.anonymous();
    draws = [0.1, 0.3, 0.4, 0.6, 0.99];
    const result = await anon.telemetry.ingest({
      events: [
        clientEvent(h, { name: 'sample.a', level: 'debug' }), // 0.1 < 0.25: kept
        clientEvent(h, { name: 'sample.a', level: 'debug' }), // 0.3: out
        clientEvent(h, { name: 'sample.a', level: 'info' }), // 0.4 < 0.5: kept
        clientEvent(h, { name: 'sample.a', level: 'info' }), // 0.6: out
        errorEvent(h, { name: 'sample.a' }), // 0.99 < 1: kept
        clientEvent(h, { name: 'noisy.scroll' }),
        clientEvent(h, { name: 'exact.drop' }),
      ],
    });
    expect(result).toEqual({ accepted: 3, sampledOut: 4 });
    const kept = await admin.caller.telemetry.events.list({ name: 'sample.a' });
    expect(kept.items.map((e) => e.level).sort()).toEqual(['debug', 'error', 'info']);

    await admin.caller.telemetry.policy.update({ enabled: false });
    expect(await anon.telemetry.ingest({ events: [errorEvent(h)] })).toEqual({ accepted: 0, sampledOut: 1 });
  });

  it('rejects events outside the retention window by index', async () => {
    const anon = await h.anonymous();
    const result = await anon.telemetry.ingest({
      events: [
        clientEvent(h, { name: 'window' }),
        clientEvent(h, { name: 'window', at: new Date(h.clock() + 2 * DAY).toISOString() }),
        clientEvent(h, { name: 'window', at: new Date(h.clock() - 31 * DAY).toISOString() }),
      ],
    });
    expect(result).toEqual({
      accepted: 1,
      sampledOut: 0,
      rejected: [
        { index: 1, reason: 'at is in the future' },
        { index: 2, reason: 'at is older than the retention period' },
      ],
    });
  });

  it('writes a large batch in store batches and pages the admin list newest first', async () => {
    await admin.caller.telemetry.policy.update({ retentionDays: 7 });
    const anon = await h.anonymous();
    const events = Array.from({ length: 250 }, (_, i) =>
      clientEvent(h, { name: 'bulk', at: new Date(h.clock() - i * 1000).toISOString() }),
    );
    expect(await anon.telemetry.ingest({ events })).toEqual({ accepted: 250, sampledOut: 0 });
    const first = await admin.caller.telemetry.events.list({ name: 'bulk', limit: 200 });
    expect(first.items).toHaveLength(200);
    expect(first.items[0]?.at).toBe(new Date(h.clock()).toISOString());
    const ats = first.items.map((e) => e.at);
    expect([...ats].sort().reverse()).toEqual(ats);
    const second = await admin.caller.telemetry.events.list({
      name: 'bulk',
      limit: 200,
      cursor: first.nextCursor ?? '',
    });
    expect(second.items).toHaveLength(50);
    expect(second.nextCursor).toBeNull();
    const doc = await stored().read(second.items[0]?.id ?? '', 'platform');
    expect(doc?.ttl).toBe(7 * 24 * 3600);
    const ranged = await admin.caller.telemetry.events.list({
      name: 'bulk',
      from: new Date(h.clock() - 9_500).toISOString(),
      to: new Date(h.clock()).toISOString(),
    });
    expect(ranged.items).toHaveLength(9);
    const one = await admin.caller.telemetry.events.get({ id: second.items[0]?.id ?? '' });
    expect(one.name).toBe('bulk');
    expect((await trpcErrorOf(() => admin.caller.telemetry.events.get({ id: 'nope' }))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('keeps products apart', async () => {
    const other = await h.root();
    await other.caller.products.create({ id: 'lysnr', name: 'Lysnr', status: 'active' });
    const anon = await h.anonymous('lysnr');
    await anon.telemetry.ingest({ events: [clientEvent(h, { name: 'lysnr.only' })] });
    expect((await admin.caller.telemetry.events.list({ name: 'lysnr.only' })).items).toHaveLength(0);
    const lysnrAdmin = await h.signIn(['admin'], { productId: 'lysnr' });
    expect((await lysnrAdmin.caller.telemetry.events.list({ name: 'lysnr.only' })).items).toHaveLength(1);
    expect((await lysnrAdmin.caller.telemetry.policy.get()).retentionDays).toBe(30);
  });

  it('admin surfaces refuse plain users; ingest and eraseMine do not', async () => {
    const user = await h.signIn(['user']);
    expect((await trpcErrorOf(() => user.caller.telemetry.events.list())).code).toBe('FORBIDDEN');
    expect((await trpcErrorOf(() => user.caller.telemetry.policy.update({ enabled: false }))).code).toBe(
      'FORBIDDEN',
    );
    const anon = await h.anonymous();
    expect((await trpcErrorOf(() => anon.telemetry.eraseMine())).code).toBe('UNAUTHORIZED');
  });
});
