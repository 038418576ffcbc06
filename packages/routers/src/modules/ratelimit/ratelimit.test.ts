import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { Caller } from './enforcer';
import type { Operation } from './patterns';
import { createProductRulesCache, type ProductRules } from './product-rules';
import { createRateLimitRepository } from './repository';

const PRODUCT = 'platform';
const LOGIN: Operation = { name: 'auth.login', rest: 'POST /v1/auth/login' };
const INGEST: Operation = { name: 'telemetry.ingest', rest: 'POST /v1/telemetry/ingest' };
const FLAGS: Operation = { name: 'flags.list', rest: 'GET /v1/flags' };

describe('rate-limit rules, overrides and IP rules', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  const enforcement = () => h.services.ratelimit.enforcement;
  const rules = async (): Promise<ProductRules> => enforcement().rulesOf(PRODUCT);
  const limit = async (operation: Operation, caller: Caller) =>
    enforcement().limit(await rules(), [operation], caller);

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it('lists the defaults, and keeps a changed default as the product copy until it is deleted', async () => {
    const { items } = await admin.caller.ratelimit.rules.list();
    const login = items.find((rule) => rule.id === 'login-ip');
    expect(login).toMatchObject({ builtIn: true, customized: false, key: 'ip', limit: 30, enabled: true });
    expect(items.map((rule) => rule.id)).toEqual(
      expect.arrayContaining([
        'login-ip',
        'register-ip',
        'waitlist-join-ip',
        'account-password-user',
        'telemetry-ingest-ip',
      ]),
    );

    const changed = await admin.caller.ratelimit.rules.update({
      id: 'login-ip',
      limit: 3,
      windowSeconds: 60,
    });
    expect(changed).toMatchObject({ id: 'login-ip', builtIn: true, customized: true, limit: 3 });
    const caller = { ip: '198.51.100.1' };
    const answers = [];
    for (let i = 0; i < 4; i += 1) answers.push(await limit(LOGIN, caller));
    expect(answers.map((answer) => answer.refused === null)).toEqual([true, true, true, false]);
    expect(answers[0]?.headers).toMatchObject({ limit: 3, remaining: 2 });
    expect(answers[3]?.refused).toMatchObject({ rule: { id: 'login-ip' }, limit: 3 });

    const reset = await admin.caller.ratelimit.rules.delete({ id: 'login-ip' });
    expect(reset).toEqual({ id: 'login-ip', deleted: false, reset: true });
    expect((await admin.caller.ratelimit.rules.list()).items.find((r) => r.id === 'login-ip')).toMatchObject({
      limit: 30,
      customized: false,
    });
    // The default's own limit applies to the same address again (the counter is the rule's).
    expect((await limit(LOGIN, caller)).refused).toBeNull();
  });

  it('creates custom rules over procedures or REST routes, for both faces', async () => {
    const rule = await admin.caller.ratelimit.rules.create({
      name: 'Flag reads',
      match: ['GET /v1/flags'],
      key: 'user',
      limit: 2,
      windowSeconds: 10,
    });
    expect(rule.id).toMatch(/^flag-reads-[0-9a-f]{4}$/);
    const user = { ip: '192.0.2.1', userId: 'u-1' };
    expect((await limit(FLAGS, user)).refused).toBeNull();
    expect((await limit(FLAGS, user)).refused).toBeNull();
    expect((await limit(FLAGS, user)).refused?.rule.id).toBe(rule.id);
    // A REST pattern needs the operation's route: a plain route without one is not covered.
    expect((await limit({ name: 'flags.list' }, user)).headers).toBeNull();
    // Another user has a counter of their own; an anonymous caller is counted by address.
    expect((await limit(FLAGS, { ip: '192.0.2.1', userId: 'u-2' })).refused).toBeNull();
    expect((await limit(FLAGS, { ip: '192.0.2.1' })).headers).toMatchObject({ limit: 2, remaining: 1 });
    // Sliding window: a window and a half later the user may go on.
    h.advance(15_000);
    expect((await limit(FLAGS, user)).refused).toBeNull();

    await expectFieldError(
      () =>
        admin.caller.ratelimit.rules.create({
          name: 'x',
          match: ['no spaces allowed'],
          key: 'ip',
          limit: 1,
          windowSeconds: 1,
        }),
      'match.0',
    );
    const taken = await trpcErrorOf(() =>
      admin.caller.ratelimit.rules.create({
        id: 'login-ip',
        name: 'x',
        match: ['*'],
        key: 'ip',
        limit: 1,
        windowSeconds: 1,
      }),
    );
    expect(taken.code).toBe('CONFLICT');
    await admin.caller.ratelimit.rules.update({ id: rule.id, enabled: false });
    for (let i = 0; i < 5; i += 1) expect((await limit(FLAGS, user)).headers).toBeNull();
    expect(await admin.caller.ratelimit.rules.delete({ id: rule.id })).toEqual({
      id: rule.id,
      deleted: true,
      reset: false,
    });
  });

  it('ends a rule at its expiry', async () => {
    const rule = await admin.caller.ratelimit.rules.create({
      name: 'Ingest squeeze',
      match: ['telemetry.*'],
      key: 'product',
      limit: 1,
      windowSeconds: 3600,
      expiresAt: new Date(h.clock() + 60_000).toISOString(),
    });
    const caller = { ip: '192.0.2.50' };
    expect((await limit(INGEST, caller)).refused).toBeNull();
    expect((await limit(INGEST, { ip: '192.0.2.51' })).refused?.rule.id).toBe(rule.id);
    h.advance(60_000);
    expect((await limit(INGEST, caller)).refused).toBeNull();
    const past = await trpcErrorOf(() =>
      admin.caller.ratelimit.rules.update({ id: rule.id, expiresAt: new Date(h.clock() - 1).toISOString() }),
    );
    expect(past.code).toBe('BAD_REQUEST');
  });

  it("raises or lowers one user's limits until the override expires", async () => {
    const target = await h.signIn(['user']);
    const custom = await admin.caller.ratelimit.rules.create({
      name: 'Flags per user',
      match: ['flags.list'],
      key: 'user',
      limit: 2,
      windowSeconds: 3600,
    });
    const raised = await admin.caller.ratelimit.overrides.create({
      userId: target.user.id,
      ruleId: custom.id,
      limit: 4,
      reason: 'Partner integration',
      expiresAt: new Date(h.clock() + 10 * 60_000).toISOString(),
    });
    expect(raised).toMatchObject({ userEmail: target.user.email, limit: 4, multiplier: null });
    const caller = { ip: '192.0.2.9', userId: target.user.id };
    const allowed = [];
    for (let i = 0; i < 5; i += 1) allowed.push((await limit(FLAGS, caller)).refused === null);
    expect(allowed).toEqual([true, true, true, true, false]);
    // Once the override has expired the rule's own limit applies again: 4 used of 2.
    h.advance(10 * 60_000);
    expect((await limit(FLAGS, caller)).refused?.limit).toBe(2);

    const halved = await admin.caller.ratelimit.overrides.create({
      userId: target.user.id,
      multiplier: 0.5,
      reason: 'Abusive script',
      expiresAt: new Date(h.clock() + 60_000).toISOString(),
    });
    expect((await limit(LOGIN, { ip: '192.0.2.77', userId: target.user.id })).headers?.limit).toBe(15);
    expect((await admin.caller.ratelimit.overrides.list()).items.map((o) => o.id)).toEqual([
      halved.id,
      raised.id,
    ]);
    await admin.caller.ratelimit.overrides.delete({ id: halved.id });
    expect((await limit(LOGIN, { ip: '192.0.2.77', userId: target.user.id })).headers?.limit).toBe(30);

    await expectFieldError(
      () =>
        admin.caller.ratelimit.overrides.create({
          userId: target.user.id,
          limit: 5,
          reason: 'x',
          expiresAt: new Date(h.clock() + 1000).toISOString(),
        }),
      'ruleId',
    );
    const unknown = await trpcErrorOf(() =>
      admin.caller.ratelimit.overrides.create({
        userId: 'nobody',
        multiplier: 2,
        reason: 'x',
        expiresAt: new Date(h.clock() + 1000).toISOString(),
      }),
    );
    expect(unknown.code).toBe('NOT_FOUND');
    await admin.caller.ratelimit.rules.delete({ id: custom.id });
  });

  it('keeps IP rules: canonical CIDRs, no duplicates, no deny over your own address, expiry', async () => {
    const deny = await admin.caller.ratelimit.ipRules.create({
      cidr: '2001:DB8:BAD::7/48',
      action: 'deny',
      reason: 'Scraper',
    });
    expect(deny).toMatchObject({
      cidr: '2001:db8:bad::/48',
      createdByEmail: admin.user.email,
      expiresAt: null,
    });
    const state = await rules();
    expect(enforcement().ipVerdict(state, '2001:db8:bad:1::1')?.action).toBe('deny');

    const again = await trpcErrorOf(() =>
      admin.caller.ratelimit.ipRules.create({ cidr: '2001:db8:bad::/48', action: 'deny', reason: 'again' }),
    );
    expect(again.code).toBe('CONFLICT');
    // The admin's context address is 127.0.0.1 (harness): denying 127.0.0.0/8 would lock them out.
    const self = await trpcErrorOf(() =>
      admin.caller.ratelimit.ipRules.create({ cidr: '127.0.0.0/8', action: 'deny', reason: 'oops' }),
    );
    expect(self.message).toMatch(/your own address/);

    const allow = await admin.caller.ratelimit.ipRules.create({
      cidr: '::ffff:198.51.100.0/120',
      action: 'allow',
      reason: 'Office',
      expiresAt: new Date(h.clock() + 3_600_000).toISOString(),
    });
    expect(allow.cidr).toBe('198.51.100.0/24');
    expect(enforcement().ipVerdict(await rules(), '::ffff:198.51.100.3')?.id).toBe(allow.id);
    h.advance(3_600_000);
    expect(enforcement().ipVerdict(await rules(), '198.51.100.3')).toBeUndefined();

    const page = await admin.caller.ratelimit.ipRules.list({ action: 'deny' });
    expect(page.items.map((rule) => rule.id)).toEqual([deny.id]);
    expect((await admin.caller.ratelimit.ipRules.list({ search: '198.51.' })).items.map((r) => r.id)).toEqual(
      [allow.id],
    );
    await admin.caller.ratelimit.ipRules.delete({ id: deny.id });
    expect(enforcement().ipVerdict(await rules(), '2001:db8:bad:1::1')).toBeUndefined();
    const gone = await trpcErrorOf(() => admin.caller.ratelimit.ipRules.delete({ id: deny.id }));
    expect(gone.code).toBe('NOT_FOUND');
  });

  it("sees another instance's writes once its copy is older than the TTL, reading them behind the requests", async () => {
    // A second instance's cache over the same store (its own memory, as another process would have).
    const other = createProductRulesCache({
      repo: createRateLimitRepository(h.store),
      clock: h.clock,
      ttlMs: 15_000,
      exists: async () => true,
      onRefreshError: (error) => {
        throw error;
      },
    });
    const before = await other.get(PRODUCT);
    expect(before.ipRules.match('192.0.2.150', h.clock())).toBeUndefined();
    const rule = await admin.caller.ratelimit.ipRules.create({
      cidr: '192.0.2.150',
      action: 'deny',
      reason: 'x',
    });
    expect(other.get(PRODUCT)).toBe(before);
    h.advance(15_000);
    // The stale copy still answers at once; the reload runs behind it.
    expect(other.get(PRODUCT)).toBe(before);
    await vi.waitFor(() =>
      expect((other.get(PRODUCT) as ProductRules).ipRules.match('192.0.2.150', h.clock())?.id).toBe(rule.id),
    );
    // Unchanged since: the next check reads the fingerprint only and keeps the copy.
    const current = other.get(PRODUCT);
    h.advance(15_000);
    other.get(PRODUCT);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(other.get(PRODUCT)).toBe(current);
    await admin.caller.ratelimit.ipRules.delete({ id: rule.id });
  });

  it('stages an event with each change', async () => {
    const rule = await admin.caller.ratelimit.ipRules.create({
      cidr: '192.0.2.200',
      action: 'deny',
      reason: 'Spam',
    });
    const events = await h.store
      .container<{ id: string; type: string; data: Record<string, unknown> }>('events')
      .query({ where: { type: { eq: 'ratelimit.ip_rule_created' } } });
    expect(events.items.map((event) => event.data)).toContainEqual(
      expect.objectContaining({ ruleId: rule.id, cidr: '192.0.2.200/32', action: 'deny' }),
    );
  });

  it('reports 429s per minute and hour, the top offenders and the keys blocked now', async () => {
    await admin.caller.ratelimit.rules.update({ id: 'waitlist-join-ip', limit: 2, windowSeconds: 60 });
    const join: Operation = { name: 'waitlist.join', rest: 'POST /v1/waitlist/join' };
    for (let i = 0; i < 5; i += 1) await limit(join, { ip: '203.0.113.66' });
    await limit(join, { ip: '203.0.113.67' });
    enforcement().denied(PRODUCT);

    const stats = await admin.caller.ratelimit.stats();
    expect(stats.limitedLastHour).toBeGreaterThanOrEqual(3);
    expect(stats.deniedLastHour).toBe(1);
    expect(stats.perMinute).toHaveLength(60);
    expect(stats.perHour).toHaveLength(24);
    expect(stats.perMinute.at(-1)).toMatchObject({ limited: 3, denied: 1 });
    expect(stats.top[0]).toMatchObject({
      ruleId: 'waitlist-join-ip',
      key: '203.0.113.66',
      count: 3,
      keyKind: 'ip',
    });

    const blocked = await admin.caller.ratelimit.listBlocked();
    expect(blocked.items).toEqual([
      expect.objectContaining({ ruleId: 'waitlist-join-ip', key: '203.0.113.66', ip: '203.0.113.66' }),
    ]);
    expect(blocked.items[0]?.retryAfterSeconds).toBeGreaterThan(0);
    h.advance(120_000);
    expect((await admin.caller.ratelimit.listBlocked()).items).toEqual([]);
    expect((await admin.caller.ratelimit.stats()).limitedLastDay).toBeGreaterThanOrEqual(3);
  });
});
