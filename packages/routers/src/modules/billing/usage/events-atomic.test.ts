import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createPlan, failEmitsOf, settledEventsAbout, subscribe } from '../../../testing/billing';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';
import { BILLING_CONTAINERS } from '../containers';
import { flagId, type UsagePeriodDoc } from './repository';

describe('usage: the quota warning commits with its flag', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
    await createPlan(h, 'tight', { quotas: { 'api.calls': { limit: 1, period: 'day' } } });
  });
  afterEach(() => vi.restoreAllMocks());
  afterAll(async () => h.close());

  it('records usage.quota_exceeded with the flag, once per period, without a separate emit', async () => {
    const refusedEmits = failEmitsOf(h, ['usage.']);
    const { caller, user } = await h.signIn(['user']);
    await subscribe(h, user.id, 'tight');
    await caller.usage.record({ metric: 'api.calls', idempotencyKey: 'atomic-1' });
    for (const attempt of ['atomic-2', 'atomic-3']) {
      const refused = await trpcErrorOf(() =>
        caller.usage.record({ metric: 'api.calls', idempotencyKey: attempt }),
      );
      expect(refused.code).toBe('TOO_MANY_REQUESTS');
    }

    // The second refusal found the flag raised: its create failed, and so did the event riding on it.
    expect(await settledEventsAbout(h, 'usage.quota_exceeded', user.id, ['userId'])).toEqual([
      {
        userId: user.id,
        metric: 'api.calls',
        limit: 1,
        period: 'day',
        resetsAt: '2026-06-02T00:00:00.000Z',
      },
    ]);
    const flag = await h.store
      .container<UsagePeriodDoc>(BILLING_CONTAINERS.usagePeriods.name)
      .read(flagId(user.id, 'api.calls', '2026-06-01'), 'platform');
    expect(flag).toMatchObject({ kind: 'flag', limit: 1 });
    expect(refusedEmits).toEqual([]);
  });
});
