import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import type { Caller } from './enforcer';
import type { Operation } from './patterns';
import { createProductRulesCache, type ProductRules } from './product-rules';
import { createRateLimitRepository } from './repository';

const PRODUCT = 'platform';
const FLAGS: Operation = { name: 'flags.list', rest: 'GET /v1/flags' };

describe('changing a rate-limit override', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  const enforcement = () => h.services.ratelimit.enforcement;
  const limit = async (operation: Operation, caller: Caller) =>
    enforcement().limit(await enforcement().rulesOf(PRODUCT), [operation], caller);

  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  it("changes an override's limit, multiplier and expiry in place, and another instance sees it", async () => {
    const target = await h.signIn(['user']);
    const custom = await admin.caller.ratelimit.rules.create({
      name: 'Flags per user, changed override',
      match: ['flags.list'],
      key: 'user',
      limit: 2,
      windowSeconds: 3600,
    });
    const other = createProductRulesCache({
      repo: createRateLimitRepository(h.store),
      clock: h.clock,
      ttlMs: 15_000,
      exists: async () => true,
      onRefreshError: (error) => {
        throw error;
      },
    });
    const created = await admin.caller.ratelimit.overrides.create({
      userId: target.user.id,
      ruleId: custom.id,
      limit: 3,
      reason: 'Trial integration',
      expiresAt: new Date(h.clock() + 60_000).toISOString(),
    });
    const rule = () => h.services.ratelimit.enforcement;
    const limitOn = async (state: ProductRules) =>
      rule().limit(state, [FLAGS], { ip: '192.0.2.60', userId: target.user.id });
    // A later override on every rule: the one changed below is not the newest created.
    const everyRule = await admin.caller.ratelimit.overrides.create({
      userId: target.user.id,
      multiplier: 2,
      reason: 'x',
      expiresAt: new Date(h.clock() + 30 * 60_000).toISOString(),
    });
    expect((await limitOn(await other.get(PRODUCT))).headers?.limit).toBe(3);

    h.advance(1000);
    const changed = await admin.caller.ratelimit.overrides.update({
      id: created.id,
      limit: 6,
      expiresAt: new Date(h.clock() + 10 * 60_000).toISOString(),
    });
    expect(changed).toMatchObject({
      id: created.id,
      limit: 6,
      multiplier: null,
      reason: 'Trial integration',
    });
    expect(Date.parse(changed.updatedAt)).toBeGreaterThan(Date.parse(created.updatedAt));
    expect((await limit(FLAGS, { ip: '192.0.2.61', userId: target.user.id })).headers?.limit).toBe(6);
    // The other instance's copy follows once it is older than its TTL (the override count did not change).
    h.advance(15_000);
    other.get(PRODUCT);
    await vi.waitFor(async () => expect((await limitOn(await other.get(PRODUCT))).headers?.limit).toBe(6));
    // A multiplier replaces the limit; past the old expiry the new one holds.
    const halved = await admin.caller.ratelimit.overrides.update({ id: created.id, multiplier: 0.5 });
    expect(halved).toMatchObject({ limit: null, multiplier: 0.5 });
    h.advance(60_000);
    expect((await limit(FLAGS, { ip: '192.0.2.62', userId: target.user.id })).headers?.limit).toBe(1);

    await expectFieldError(
      () => admin.caller.ratelimit.overrides.update({ id: created.id, limit: 2, multiplier: 2 }),
      'limit',
    );
    await expectFieldError(
      () =>
        admin.caller.ratelimit.overrides.update({
          id: created.id,
          expiresAt: new Date(h.clock() - 1000).toISOString(),
        }),
      'expiresAt',
    );
    await expectFieldError(
      () => admin.caller.ratelimit.overrides.update({ id: everyRule.id, limit: 5 }),
      'limit',
    );
    expect(
      (await trpcErrorOf(() => admin.caller.ratelimit.overrides.update({ id: 'nope', limit: 1 }))).code,
    ).toBe('NOT_FOUND');
    await admin.caller.ratelimit.overrides.delete({ id: everyRule.id });
    await admin.caller.ratelimit.overrides.delete({ id: created.id });
    await admin.caller.ratelimit.rules.delete({ id: custom.id });
  });
});
