import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../../testing/billing';
import { trpcErrorOf } from '../../../testing/expect-error';
import { createTestHarness, type TestHarness } from '../../../testing/harness';

describe('referrals', () => {
  let h: TestHarness;
  let admin: Awaited<ReturnType<TestHarness['signIn']>>;
  beforeAll(async () => {
    h = await createTestHarness();
    admin = await h.signIn(['admin']);
  });
  afterAll(async () => h.close());

  const paid = (userId: string, newPlan = 'pro', status = 'active') =>
    h.services.bus.emit(
      'subscription.changed',
      { subscriptionId: userId, oldPlan: 'free', newPlan, status },
      { productId: 'platform' },
    );

  it('gives each user one stable code and share link', async () => {
    const u = await h.signIn(['user']);
    const first = await u.caller.referrals.getMine();
    expect(first.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(first.shareUrl).toBe(`/join?ref=${first.code}`);
    const again = await u.caller.referrals.getMine({ baseUrl: 'https://app.example.com/signup?x=1' });
    expect(again.code).toBe(first.code);
    expect(again.shareUrl).toBe(`https://app.example.com/signup?x=1&ref=${first.code}`);
    const racing = await h.signIn(['user']);
    const codes = await Promise.all(Array.from({ length: 4 }, () => racing.caller.referrals.getMine()));
    expect(new Set(codes.map((c) => c.code)).size).toBe(1);
    expect(
      (await trpcErrorOf(() => u.caller.referrals.getMine({ baseUrl: 'javascript:alert(1)' }))).code,
    ).toBe('BAD_REQUEST');
  });

  it('tracks pending, claims to signed_up, converts once on a paid subscription', async () => {
    const referrer = await h.signIn(['user']);
    const { code } = await referrer.caller.referrals.getMine();
    const anon = await h.anonymous();
    const email = 'friend-one@example.com';
    const tracked = await anon.referrals.track({ code: code.toLowerCase(), email, source: 'twitter' });
    expect(tracked.status).toBe('pending');
    expect((await anon.referrals.track({ code, email })).referralId).toBe(tracked.referralId);
    await anon.referrals.track({ code });
    expect((await trpcErrorOf(() => anon.referrals.track({ code: 'ZZZZZZZZ' }))).code).toBe('NOT_FOUND');
    expect(await referrer.caller.referrals.statsMine()).toEqual({
      pending: 2,
      signedUp: 0,
      converted: 0,
      total: 2,
    });

    const friend = await h.signIn(['user'], { email });
    const claimed = await friend.caller.referrals.claim({ code });
    expect(claimed).toMatchObject({
      id: tracked.referralId,
      status: 'signed_up',
      referredId: friend.user.id,
    });
    expect((await friend.caller.referrals.claim({ code })).id).toBe(claimed.id);
    expect(await referrer.caller.referrals.statsMine()).toMatchObject({ pending: 1, signedUp: 1 });
    expect((await eventsOf(h, 'referral.signed_up')).map((e) => e.data)).toContainEqual({
      referralId: claimed.id,
      referrerId: referrer.user.id,
      referredId: friend.user.id,
    });

    await paid(friend.user.id, 'free', 'active');
    await paid(friend.user.id, 'pro', 'past_due');
    await h.services.bus.drain();
    expect(await referrer.caller.referrals.statsMine()).toMatchObject({ signedUp: 1, converted: 0 });
    await paid(friend.user.id);
    await h.services.bus.emit(
      'payment.succeeded',
      { invoiceId: 'in_1', amount: 900, userId: friend.user.id },
      { productId: 'platform' },
    );
    await paid(friend.user.id);
    await h.services.bus.drain();
    expect(await referrer.caller.referrals.statsMine()).toEqual({
      pending: 1,
      signedUp: 0,
      converted: 1,
      total: 2,
    });
    const completed = await eventsOf(h, 'referral.completed');
    expect(completed.map((e) => e.data)).toEqual([
      { referralId: claimed.id, referrerId: referrer.user.id, referredId: friend.user.id },
    ]);
  });

  it('converts on payment.succeeded alone, and refuses self-referral and a second referrer', async () => {
    const a = await h.signIn(['user']);
    const b = await h.signIn(['user']);
    const { code: codeA } = await a.caller.referrals.getMine();
    const { code: codeB } = await b.caller.referrals.getMine();
    const self = await trpcErrorOf(() => a.caller.referrals.claim({ code: codeA }));
    expect(self.code).toBe('BAD_REQUEST');
    const newcomer = await h.signIn(['user']);
    const claims = await Promise.allSettled([
      newcomer.caller.referrals.claim({ code: codeA }),
      newcomer.caller.referrals.claim({ code: codeB }),
    ]);
    expect(claims.filter((c) => c.status === 'fulfilled')).toHaveLength(1);
    const second = await trpcErrorOf(() =>
      newcomer.caller.referrals.claim({ code: claims[0]?.status === 'fulfilled' ? codeB : codeA }),
    );
    expect(second.code).toBe('CONFLICT');
    expect((await trpcErrorOf(() => newcomer.caller.referrals.claim({ code: 'NOPE1234' }))).code).toBe(
      'NOT_FOUND',
    );
    const veteran = await h.signIn(['user']);
    h.advance(31 * 86_400_000);
    const late = await trpcErrorOf(() => veteran.caller.referrals.claim({ code: codeA }));
    expect(late.code).toBe('FORBIDDEN');
    await h.services.bus.emit(
      'payment.succeeded',
      { invoiceId: 'in_2', amount: 500, userId: newcomer.user.id },
      { productId: 'platform' },
    );
    await h.services.bus.drain();
    const converted = await admin.caller.referrals.list({ status: 'converted' });
    expect(converted.items.map((r) => r.referredId)).toContain(newcomer.user.id);
    // The filter returns exactly the converted referrals of the unfiltered list.
    const every = (await admin.caller.referrals.list({ limit: 100 })).items;
    expect(converted.items.map((r) => r.id).sort()).toEqual(
      every
        .filter((r) => r.status === 'converted')
        .map((r) => r.id)
        .sort(),
    );
    expect(every.length).toBeGreaterThan(converted.items.length);
  });

  it('lists by status and referrer, and reports product stats with top referrers', async () => {
    const all = await admin.caller.referrals.list();
    expect(all.total).toBe(3);
    const pending = await admin.caller.referrals.list({ status: 'pending', limit: 1 });
    expect(pending.items).toHaveLength(1);
    expect(pending.items[0]?.status).toBe('pending');
    const referrerId = pending.items[0]?.referrerId ?? '';
    const mine = await admin.caller.referrals.list({ referrerId });
    const expectedMine = all.items.filter((r) => r.referrerId === referrerId).map((r) => r.id);
    expect(expectedMine).toContain(pending.items[0]?.id);
    expect(mine.items.map((r) => r.id).sort()).toEqual(expectedMine.sort());
    expect(mine.total).toBe(expectedMine.length);
    const stats = await admin.caller.referrals.stats();
    expect(stats).toMatchObject({ converted: 2, signedUp: 0, conversionRate: 1 });
    expect(stats.total).toBe(stats.pending + stats.signedUp + stats.converted);
    expect(stats.topReferrers).toHaveLength(2);
    expect(stats.topReferrers[0]).toMatchObject({ signups: 1, conversions: 1 });
  });

  it('commits each referral step with its event: racing claims and repeated signals record one each', async () => {
    const a = await h.signIn(['user']);
    const b = await h.signIn(['user']);
    const codes = [(await a.caller.referrals.getMine()).code, (await b.caller.referrals.getMine()).code];
    const newcomer = await h.signIn(['user']);
    await Promise.allSettled(
      codes.flatMap((code) => [1, 2].map(() => newcomer.caller.referrals.claim({ code }))),
    );
    await Promise.all([paid(newcomer.user.id), paid(newcomer.user.id), paid(newcomer.user.id, 'team')]);
    await h.services.bus.drain();
    const mine = async (type: string) =>
      (await eventsOf(h, type)).filter((e) => e.data.referredId === newcomer.user.id).map((e) => e.data);
    const [stored] = (await admin.caller.referrals.list({ status: 'converted' })).items.filter(
      (r) => r.referredId === newcomer.user.id,
    );
    const expected = { referralId: stored?.id, referrerId: stored?.referrerId, referredId: newcomer.user.id };
    expect(await mine('referral.signed_up')).toEqual([expected]);
    expect(await mine('referral.completed')).toEqual([expected]);
  });
});
