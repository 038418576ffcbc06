import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStripeClient } from '../modules/billing/stripe/client';
import { createPromoGateway } from '../modules/promos/gateway';
import { type FakeStripe, STRIPE_TEST_CONFIG, startFakeStripe } from './fake-stripe';

/** The Stripe error the official client raised, as a plain object. */
const stripeErrorOf = async (fn: () => Promise<unknown>) => {
  try {
    await fn();
  } catch (error) {
    if (error instanceof Stripe.errors.StripeError) {
      return { type: error.type, status: error.statusCode, code: error.code, param: error.param };
    }
    throw error;
  }
  throw new Error('expected Stripe to refuse');
};

describe('loopback Stripe: coupons and promotion codes, through the official client', () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  let now = Date.parse('2026-06-01T12:00:00.000Z');
  beforeAll(async () => {
    fake = await startFakeStripe({ clock: () => now });
    const client = createStripeClient({ ...STRIPE_TEST_CONFIG, stripeApiBase: fake.url });
    if (!client) throw new Error('no client');
    stripe = client;
  });
  afterAll(async () => fake.stop());

  it('refuses coupons the way Stripe does, naming the parameter', async () => {
    expect(
      await stripeErrorOf(() => stripe.coupons.create({ percent_off: 10, amount_off: 100, currency: 'usd' })),
    ).toEqual({
      type: 'StripeInvalidRequestError',
      status: 400,
      code: undefined,
      param: 'amount_off',
    });
    expect(await stripeErrorOf(() => stripe.coupons.create({ duration: 'once' }))).toMatchObject({
      param: 'percent_off',
      code: 'parameter_missing',
    });
    expect(await stripeErrorOf(() => stripe.coupons.create({ amount_off: 100 }))).toMatchObject({
      param: 'currency',
      code: 'parameter_missing',
    });
    expect(await stripeErrorOf(() => stripe.coupons.create({ percent_off: 120 }))).toMatchObject({
      param: 'percent_off',
    });
    expect(
      await stripeErrorOf(() => stripe.coupons.create({ percent_off: 10, duration: 'repeating' })),
    ).toMatchObject({ param: 'duration_in_months', code: 'parameter_missing' });
  });

  it('creates, finds by code (any case), retrieves, switches off, and replays an idempotent create', async () => {
    const coupon = await stripe.coupons.create({ percent_off: 15, duration: 'forever' });
    expect(coupon).toMatchObject({
      object: 'coupon',
      percent_off: 15,
      duration: 'forever',
      times_redeemed: 0,
      valid: true,
    });
    const params = { promotion: { type: 'coupon' as const, coupon: coupon.id }, code: 'Fifteen' };
    const made = await stripe.promotionCodes.create(params, { idempotencyKey: 'k-1' });
    expect(made).toMatchObject({
      object: 'promotion_code',
      code: 'Fifteen',
      active: true,
      times_redeemed: 0,
    });
    expect(made.promotion).toEqual({ type: 'coupon', coupon: coupon.id });
    expect((await stripe.promotionCodes.create(params, { idempotencyKey: 'k-1' })).id).toBe(made.id);
    expect(await stripeErrorOf(() => stripe.promotionCodes.create(params))).toMatchObject({
      param: 'code',
      code: 'resource_already_exists',
    });
    const found = await stripe.promotionCodes.list({ code: 'FIFTEEN', expand: ['data.promotion.coupon'] });
    expect(found.data.map((p) => p.id)).toEqual([made.id]);
    expect(found.data[0]?.promotion.coupon).toMatchObject({ id: coupon.id, percent_off: 15 });
    expect(await stripeErrorOf(() => stripe.promotionCodes.retrieve('promo_nope'))).toMatchObject({
      status: 404,
      code: 'resource_missing',
    });
    expect((await stripe.promotionCodes.update(made.id, { active: false })).active).toBe(false);
    expect((await stripe.promotionCodes.list({ code: 'fifteen', active: true })).data).toEqual([]);
    const past = Math.floor(now / 1000) - 1;
    expect(
      await stripeErrorOf(() => stripe.promotionCodes.create({ ...params, code: 'LATE', expires_at: past })),
    ).toMatchObject({ param: 'expires_at' });
    expect(
      await stripeErrorOf(() =>
        stripe.promotionCodes.create({ promotion: { type: 'coupon', coupon: 'NOPE' }, code: 'NOPE' }),
      ),
    ).toMatchObject({ param: 'promotion[coupon]', code: 'resource_missing' });
    now += 1000;
  });

  it('turns a Stripe refusal about a parameter into a 400 naming our field', async () => {
    const gateway = createPromoGateway({ ...STRIPE_TEST_CONFIG, stripeApiBase: fake.url });
    const input = { code: 'GATEWAY', duration: 'once' as const, firstTimeOnly: false, plans: [] };
    await expect(
      gateway.create('platform', { ...input, percentOff: 120 }, 'gw-1', 'root'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'percentOff' }],
    });
    await expect(
      gateway.create('platform', { ...input, amountOff: 100 }, 'gw-2', 'root'),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: [{ path: 'currency' }],
    });
  });
});
