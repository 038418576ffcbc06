import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf } from '../../testing/billing';
import { shapeOf, trpcErrorOf } from '../../testing/expect-error';
import type { FakeStripe } from '../../testing/fake-stripe';
import type { TestHarness } from '../../testing/harness';
import { promoCustomer, recordPayment, startPromoHarness } from '../../testing/promos';
import { restCaller } from '../../testing/rest';

const DAY_MS = 86_400_000;
type Caller = Awaited<ReturnType<TestHarness['root']>>['caller'];

const reasonOf = async (fn: () => Promise<unknown>) => {
  const error = await trpcErrorOf(fn);
  const shape = shapeOf(error) as { data: { reason?: string; fields?: { path: string }[] } };
  return { code: error.code, reason: shape.data.reason, fields: shape.data.fields?.map((f) => f.path) };
};

/** A subscription update with the code, sent to the loopback Stripe server as the Stripe client sends it. */
const redeemAtStripe = (fake: FakeStripe, subscriptionId: string, promoId: string) =>
  fetch(`${fake.url}/v1/subscriptions/${subscriptionId}`, {
    method: 'POST',
    headers: {
      authorization: 'Bearer sk_test_loopback',
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ 'discounts[0][promotion_code]': promoId }),
  });

describe('promos: validate and redeem', () => {
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

  it('says whether a code applies, with its discount, and why not: unknown code, wrong plan', async () => {
    await admin.promos.create({ code: 'PROONLY', percentOff: 20, plans: ['pro'] });
    const { caller } = await promoCustomer(h, 'team');
    expect(await caller.promos.validate({ code: 'proonly', planCode: 'pro' })).toEqual({
      code: 'PROONLY',
      valid: true,
      reason: null,
      message: null,
      planCode: 'pro',
      discount: { percentOff: 20, amountOff: null, currency: null, duration: 'once', durationInMonths: null },
    });
    // Without a plan, the caller's own (team) is the one judged.
    expect(await caller.promos.validate({ code: 'PROONLY' })).toMatchObject({
      valid: false,
      reason: 'wrong_plan',
      planCode: 'team',
      discount: null,
    });
    expect(await caller.promos.validate({ code: 'NOSUCHCODE' })).toMatchObject({
      valid: false,
      reason: 'not_found',
    });
    const checkout = h.services.promos.checkoutDiscounts;
    const user = (await promoCustomer(h, 'pro')).user;
    const [discount] = await checkout('platform', user.id, { code: 'PROONLY', planCode: 'pro' });
    expect(discount?.promotion_code).toMatch(/^promo_/);
    await expect(checkout('platform', user.id, { code: 'PROONLY', planCode: 'team' })).rejects.toMatchObject({
      code: 'UNPROCESSABLE',
      reason: 'wrong_plan',
    });
  });

  it('redeems on the caller’s Stripe subscription, counts it, and stops at max redemptions', async () => {
    const promo = await admin.promos.create({
      code: 'ONLYONE',
      amountOff: 300,
      currency: 'usd',
      maxRedemptions: 1,
    });
    const first = await promoCustomer(h, 'pro', 'sub_first');
    fake.requests.length = 0;
    expect(await first.caller.promos.redeem({ code: 'onlyone' })).toMatchObject({
      code: 'ONLYONE',
      promoId: promo.id,
      stripeSubscriptionId: 'sub_first',
      discount: { amountOff: 300, currency: 'usd' },
    });
    const update = fake.requests.find((r) => r.path === '/v1/subscriptions/sub_first');
    expect(update?.form).toEqual({ 'discounts[0][promotion_code]': promo.id });
    expect(update?.headers['idempotency-key']).toBe(`promo-redeem:sub_first:${promo.id}`);
    expect((await admin.promos.get({ id: promo.id })).timesRedeemed).toBe(1);
    await h.services.bus.drain();
    const redeemed = (await eventsOf(h, 'promo.redeemed')).filter((e) => e.data.promoId === promo.id);
    expect(redeemed.map((e) => e.data)).toEqual([
      {
        promoId: promo.id,
        code: 'ONLYONE',
        userId: first.user.id,
        stripeSubscriptionId: 'sub_first',
        plan: 'pro',
      },
    ]);
    const second = await promoCustomer(h, 'pro', 'sub_second');
    expect(await second.caller.promos.validate({ code: 'ONLYONE' })).toMatchObject({ reason: 'exhausted' });
    expect(await reasonOf(() => second.caller.promos.redeem({ code: 'ONLYONE' }))).toEqual({
      code: 'UNPROCESSABLE_CONTENT',
      reason: 'exhausted',
      fields: ['code'],
    });
    // Stripe holds the same line on its own: a redemption sent past our check is refused there too.
    const stripeSays = await redeemAtStripe(fake, 'sub_second', promo.id);
    expect(stripeSays.status).toBe(400);
    expect(JSON.stringify(await stripeSays.json())).toMatch(/maximum number of redemptions/);
    expect(fake.promos.codes.get(promo.id)?.times_redeemed).toBe(1);
  });

  it('judges expiry on the injected clock, here and at Stripe', async () => {
    const expiresAt = new Date(h.clock() + DAY_MS).toISOString();
    const promo = await admin.promos.create({ code: 'TOMORROW', percentOff: 10, expiresAt });
    const { caller } = await promoCustomer(h, 'pro', 'sub_late');
    expect((await caller.promos.validate({ code: 'TOMORROW' })).valid).toBe(true);
    h.advance(DAY_MS);
    expect(await caller.promos.validate({ code: 'TOMORROW' })).toMatchObject({
      valid: false,
      reason: 'expired',
    });
    expect((await reasonOf(() => caller.promos.redeem({ code: 'TOMORROW' }))).reason).toBe('expired');
    const stripeSays = await redeemAtStripe(fake, 'sub_late', promo.id);
    expect(stripeSays.status).toBe(400);
    expect(await stripeSays.json()).toEqual({
      error: {
        type: 'invalid_request_error',
        code: 'promotion_code_invalid',
        param: 'discounts[0][promotion_code]',
        message: 'This promotion code cannot be redeemed because it has expired.',
      },
    });
  });

  it('keeps first-time codes to customers without a payment, and refuses inactive codes', async () => {
    const promo = await admin.promos.create({ code: 'WELCOME', percentOff: 50, firstTimeOnly: true });
    expect(fake.requests.at(-1)?.form['restrictions[first_time_transaction]']).toBe('true');
    const fresh = await promoCustomer(h, 'pro');
    expect((await fresh.caller.promos.validate({ code: 'WELCOME' })).valid).toBe(true);
    const paid = await promoCustomer(h, 'pro', 'sub_paid');
    await recordPayment(h, paid.user.id);
    expect(await paid.caller.promos.validate({ code: 'WELCOME' })).toMatchObject({
      reason: 'not_first_time',
    });
    expect(await reasonOf(() => fresh.caller.promos.redeem({ code: 'WELCOME' }))).toMatchObject({
      code: 'CONFLICT',
      reason: 'no_stripe_subscription',
    });
    await admin.promos.deactivate({ id: promo.id });
    expect(await fresh.caller.promos.validate({ code: 'WELCOME' })).toMatchObject({ reason: 'inactive' });
  });

  it('passes on Stripe’s own refusal as a 422 naming the code', async () => {
    await admin.promos.create({ code: 'STRIPESAYS', percentOff: 15, firstTimeOnly: true });
    // Stripe knows of a payment this platform has not heard of yet.
    fake.promos.subscriptionsWithPayments.add('sub_known_payer');
    const { caller } = await promoCustomer(h, 'pro', 'sub_known_payer');
    const error = await trpcErrorOf(() => caller.promos.redeem({ code: 'STRIPESAYS' }));
    expect(error.code).toBe('UNPROCESSABLE_CONTENT');
    expect(error.message).toMatch(/prior transactions/);
    expect((shapeOf(error) as { data: { reason?: string } }).data.reason).toBe('refused_by_stripe');
  });

  it('validates and redeems over REST', async () => {
    await admin.promos.create({ code: 'RESTPRO', percentOff: 30, plans: ['pro'] });
    const rest = restCaller(h);
    const { auth } = await promoCustomer(h, 'pro', 'sub_rest');
    const bearer = auth.accessToken;
    const valid = await rest('POST', '/promos/validate', { bearer, body: { code: 'RESTPRO' } });
    expect(await valid.json()).toMatchObject({ valid: true, planCode: 'pro', discount: { percentOff: 30 } });
    const wrong = await rest('POST', '/promos/validate', {
      bearer,
      body: { code: 'RESTPRO', planCode: 'team' },
    });
    expect(await wrong.json()).toMatchObject({ valid: false, reason: 'wrong_plan' });
    const bad = await rest('POST', '/promos/validate', { bearer, body: { code: 'no spaces' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { data?: { fields?: { path: string }[] } }).data?.fields?.[0]?.path).toBe(
      'code',
    );
    const redeemed = await rest('POST', '/promos/redeem', { bearer, body: { code: 'RESTPRO' } });
    expect(redeemed.status).toBe(200);
    expect(await redeemed.json()).toMatchObject({ stripeSubscriptionId: 'sub_rest' });
    expect((await rest('POST', '/promos/validate', { body: { code: 'RESTPRO' } })).status).toBe(401);
  });
});
