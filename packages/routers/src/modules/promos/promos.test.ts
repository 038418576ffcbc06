import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../testing/billing';
import { expectFieldError, trpcErrorOf } from '../../testing/expect-error';
import type { FakeStripe } from '../../testing/fake-stripe';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { startPromoHarness } from '../../testing/promos';
import { restCaller } from '../../testing/rest';

const DAY_MS = 86_400_000;
type Caller = Awaited<ReturnType<TestHarness['root']>>['caller'];

describe('promos without a Stripe key', () => {
  let h: TestHarness;
  beforeAll(async () => {
    h = await createTestHarness();
  });
  afterAll(async () => h.close());

  it('answers 503 naming the missing setting', async () => {
    const admin = await h.callerFor('admin');
    const error = await trpcErrorOf(() => admin.promos.create({ code: 'NOKEY10', percentOff: 10 }));
    expect(error.code).toBe('SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/STRIPE_SECRET_KEY/);
  });
});

describe('promos: create, list, deactivate', () => {
  let h: TestHarness;
  let fake: FakeStripe;
  let admin: Caller;
  beforeAll(async () => {
    ({ h, fake } = await startPromoHarness());
    admin = (await h.signIn(['admin'])).caller;
  });
  afterAll(async () => {
    await h.close();
    await fake.stop();
  });

  it('creates a Stripe coupon and a promotion code over it, with idempotency keys and the product in metadata', async () => {
    fake.requests.length = 0;
    const expiresAt = new Date(h.clock() + 30 * DAY_MS).toISOString();
    const promo = await admin.promos.create({
      code: ' spring25 ',
      percentOff: 25,
      duration: 'repeating',
      durationInMonths: 3,
      maxRedemptions: 500,
      expiresAt,
      plans: ['pro'],
    });
    expect(promo).toMatchObject({
      code: 'SPRING25',
      active: true,
      percentOff: 25,
      amountOff: null,
      duration: 'repeating',
      durationInMonths: 3,
      maxRedemptions: 500,
      timesRedeemed: 0,
      expiresAt,
      firstTimeOnly: false,
      plans: ['pro'],
    });
    expect(promo.id).toMatch(/^promo_/);
    const posts = fake.requests.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual(['/v1/coupons', '/v1/promotion_codes']);
    const [coupon, code] = posts;
    expect(coupon?.form).toMatchObject({
      percent_off: '25',
      duration: 'repeating',
      duration_in_months: '3',
      'metadata[productId]': 'platform',
    });
    expect(code?.form).toMatchObject({
      'promotion[type]': 'coupon',
      'promotion[coupon]': promo.couponId,
      code: 'SPRING25',
      max_redemptions: '500',
      expires_at: String(Math.floor(Date.parse(expiresAt) / 1000)),
      'restrictions[first_time_transaction]': 'false',
      'metadata[plans]': 'pro',
      'metadata[productId]': 'platform',
    });
    expect(coupon?.headers['idempotency-key']).toMatch(/^promo-create:[0-9a-f]{40}:coupon$/);
    expect(code?.headers['idempotency-key']).toMatch(/^promo-create:[0-9a-f]{40}:promotion_code$/);
    await h.services.bus.drain();
    const [created] = (await eventsOf(h, 'promo.created')).filter((e) => e.data.promoId === promo.id);
    expect(created?.data).toMatchObject({
      code: 'SPRING25',
      percentOff: 25,
      plans: ['pro'],
      maxRedemptions: 500,
    });
  });

  it('answers the same request again with the code it made, and refuses another offer under a taken code', async () => {
    const input = { code: 'AMOUNT5', amountOff: 500, currency: 'EUR', duration: 'forever' as const };
    const first = await admin.promos.create(input);
    expect(first).toMatchObject({ amountOff: 500, currency: 'eur', percentOff: null, duration: 'forever' });
    const posts = () => fake.requests.filter((r) => r.method === 'POST').length;
    const before = posts();
    expect((await admin.promos.create(input)).id).toBe(first.id);
    expect(posts()).toBe(before);
    const error = await trpcErrorOf(() => admin.promos.create({ ...input, amountOff: 900 }));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/AMOUNT5/);
  });

  it('refuses bad input with a 400 naming the field', async () => {
    const future = new Date(h.clock() + DAY_MS).toISOString();
    expect(
      await expectFieldError(
        () => admin.promos.create({ code: 'BOTH', percentOff: 10, amountOff: 100, currency: 'usd' }),
        'amountOff',
      ),
    ).toMatch(/not both/);
    await expectFieldError(() => admin.promos.create({ code: 'NONE' }), 'percentOff');
    await expectFieldError(() => admin.promos.create({ code: 'BIG', percentOff: 150 }), 'percentOff');
    await expectFieldError(() => admin.promos.create({ code: 'ZERO', percentOff: 0 }), 'percentOff');
    await expectFieldError(() => admin.promos.create({ code: 'ab!', percentOff: 10 }), 'code');
    await expectFieldError(() => admin.promos.create({ code: 'X'.repeat(33), percentOff: 10 }), 'code');
    await expectFieldError(() => admin.promos.create({ code: 'NOCUR', amountOff: 100 }), 'currency');
    await expectFieldError(
      () => admin.promos.create({ code: 'REPEAT', percentOff: 10, duration: 'repeating' }),
      'durationInMonths',
    );
    await expectFieldError(
      () => admin.promos.create({ code: 'ONCE3', percentOff: 10, durationInMonths: 3 }),
      'durationInMonths',
    );
    const past = new Date(h.clock() - 1000).toISOString();
    await expectFieldError(
      () => admin.promos.create({ code: 'PAST', percentOff: 10, expiresAt: past }),
      'expiresAt',
    );
    await expectFieldError(
      () =>
        admin.promos.create({ code: 'NOPLAN', percentOff: 10, expiresAt: future, plans: ['pro', 'gold'] }),
      'plans.1',
    );
    expect(fake.requests.some((r) => r.form.code === 'NOPLAN' || r.form.code === 'PAST')).toBe(false);
  });

  it('lists the product’s codes with Stripe’s redemption counts, paged, and deactivates one', async () => {
    const made = [];
    for (const code of ['PAGEA', 'PAGEB', 'PAGEC'])
      made.push(await admin.promos.create({ code, percentOff: 5 }));
    const first = await admin.promos.list({ limit: 2 });
    expect(first.items.map((p) => p.code)).toEqual(['PAGEC', 'PAGEB']);
    expect(first.nextCursor).toBe(made[1]?.id);
    const second = await admin.promos.list({ limit: 2, cursor: first.nextCursor ?? '' });
    expect(second.items.map((p) => p.code)).toEqual(['PAGEA', 'AMOUNT5']);
    const remote = fake.promos.codes.get(made[0]?.id ?? '');
    if (!remote) throw new Error('the fake holds no PAGEA');
    remote.times_redeemed = 7;
    const off = await admin.promos.deactivate({ id: remote.id });
    expect(off).toMatchObject({ code: 'PAGEA', active: false, timesRedeemed: 7 });
    expect(fake.requests.at(-1)).toMatchObject({ method: 'POST', form: { active: 'false' } });
    expect(fake.requests.at(-1)?.headers['idempotency-key']).toBe(`promo-deactivate:${remote.id}`);
    expect((await admin.promos.deactivate({ id: remote.id })).active).toBe(false);
    await h.services.bus.drain();
    const events = (await eventsOf(h, 'promo.deactivated')).filter((e) => e.data.promoId === remote.id);
    expect(events.map((e) => e.data)).toEqual([{ promoId: remote.id, code: 'PAGEA', timesRedeemed: 7 }]);
    const active = await admin.promos.list({ active: true, limit: 100 });
    expect(active.items.map((p) => p.code)).toContain('PAGEB');
    expect(active.items.map((p) => p.code)).not.toContain('PAGEA');
    expect((await trpcErrorOf(() => admin.promos.get({ id: 'promo_missing' }))).code).toBe('NOT_FOUND');
  });

  it('keeps another product’s codes out of this product’s list and lookups', async () => {
    const other = await h.services.promos.create(
      'other-app',
      { code: 'OTHERAPP', percentOff: 10, duration: 'once', firstTimeOnly: false, plans: [] },
      'root',
    );
    const all = await admin.promos.list({ limit: 100 });
    expect(all.items.map((p) => p.code)).toContain('SPRING25');
    expect(all.items.map((p) => p.code)).not.toContain('OTHERAPP');
    expect((await trpcErrorOf(() => admin.promos.get({ id: other.id }))).code).toBe('NOT_FOUND');
  });

  it('serves the same over REST: 400 naming fields, 401 anonymous, 403 plain users', async () => {
    const rest = restCaller(h);
    const { auth } = await h.signIn(['admin']);
    const bearer = auth.accessToken;
    const bad = await rest('POST', '/promos', { bearer, body: { code: 'RESTBAD', percentOff: 101 } });
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { data?: { fields?: { path: string }[] } };
    expect(body.data?.fields?.map((f) => f.path)).toEqual(['percentOff']);
    const made = await rest('POST', '/promos', { bearer, body: { code: 'REST10', percentOff: 10 } });
    expect(made.status).toBe(200);
    const { id } = (await made.json()) as { id: string };
    const listed = (await (await rest('GET', '/promos?limit=100', { bearer })).json()) as {
      items: { id: string }[];
    };
    expect(listed.items.map((p) => p.id)).toContain(id);
    const off = await rest('POST', `/promos/${id}/deactivate`, { bearer, body: {} });
    expect(((await off.json()) as { active: boolean }).active).toBe(false);
    expect((await rest('GET', '/promos')).status).toBe(401);
    const plain = (await h.signIn(['user'])).auth.accessToken;
    expect((await rest('GET', '/promos', { bearer: plain })).status).toBe(403);
    expect(
      (await rest('POST', '/promos', { bearer: plain, body: { code: 'MINE10', percentOff: 10 } })).status,
    ).toBe(403);
  });
});
