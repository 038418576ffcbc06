/**
 * Test-only: the coupons, promotion codes and subscription discounts of the loopback Stripe server
 * (fake-stripe.ts delegates to it). Speaks Stripe's wire format for the API version the client pins
 * (2026-10-28): a promotion code names its coupon under `promotion: { type: 'coupon', coupon }`, an id unless
 * `expand` asks for the object; errors are `{ error: { type, code, param, message } }`. POSTs honour the
 * Idempotency-Key header as Stripe does: the same key answers the first response again.
 */

type StripeErrorBody = { status: number; body: { error: Record<string, string | undefined> } };
type Answer = { status: number; body: unknown };

export type FakeCoupon = {
  id: string;
  object: 'coupon';
  amount_off: number | null;
  currency: string | null;
  duration: string;
  duration_in_months: number | null;
  max_redemptions: number | null;
  metadata: Record<string, string>;
  name: string | null;
  percent_off: number | null;
  redeem_by: number | null;
  times_redeemed: number;
  valid: boolean;
  created: number;
  livemode: false;
};

export type FakePromotionCode = {
  id: string;
  object: 'promotion_code';
  active: boolean;
  code: string;
  created: number;
  customer: null;
  expires_at: number | null;
  livemode: false;
  max_redemptions: number | null;
  metadata: Record<string, string>;
  promotion: { type: 'coupon'; coupon: string };
  restrictions: { first_time_transaction: boolean; minimum_amount: null; minimum_amount_currency: null };
  times_redeemed: number;
};

const invalid = (message: string, param?: string, code?: string, status = 400): StripeErrorBody => ({
  status,
  body: { error: { type: 'invalid_request_error', message, param, code } },
});
const missingParam = (param: string) =>
  invalid(`Missing required param: ${param}.`, param, 'parameter_missing');

/** Parses a form integer the way Stripe does: anything but digits is `parameter_invalid_integer`. */
const integer = (form: Record<string, string>, param: string): number | null | StripeErrorBody => {
  const raw = form[param];
  if (raw === undefined || raw === '') return null;
  if (!/^-?\d+$/.test(raw)) return invalid(`Invalid integer: ${raw}`, param, 'parameter_invalid_integer');
  return Number(raw);
};
const isError = (value: unknown): value is StripeErrorBody =>
  typeof value === 'object' && value !== null && 'status' in value && 'body' in value;

const metadataOf = (form: Record<string, string>) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([key]) => key.startsWith('metadata['))
      .map(([key, value]) => [key.slice('metadata['.length, -1), value]),
  );
const expands = (form: Record<string, string>) =>
  Object.entries(form)
    .filter(([key]) => key === 'expand[]' || /^expand\[\d+\]$/.test(key))
    .map(([, value]) => value);

export const createFakePromos = (opts: { clock?: () => number } = {}) => {
  const now = () => Math.floor((opts.clock?.() ?? Date.now()) / 1000);
  const coupons = new Map<string, FakeCoupon>();
  const codes = new Map<string, FakePromotionCode>();
  /** Subscriptions whose customer has paid before: a first_time_transaction code is refused on them. */
  const subscriptionsWithPayments = new Set<string>();
  const replays = new Map<string, Answer>();
  let serial = 0;
  const nextId = (prefix: string) => {
    serial += 1;
    return `${prefix}_fake${String(serial).padStart(6, '0')}`;
  };

  const view = (promo: FakePromotionCode, expand: boolean) => ({
    ...promo,
    promotion: {
      type: 'coupon',
      coupon: expand ? coupons.get(promo.promotion.coupon) : promo.promotion.coupon,
    },
  });

  const createCoupon = (form: Record<string, string>): Answer => {
    const percent = form.percent_off;
    const amount = integer(form, 'amount_off');
    if (isError(amount)) return amount;
    if (percent !== undefined && amount !== null) {
      return invalid('You may only specify one of these parameters: amount_off, percent_off.', 'amount_off');
    }
    if (percent === undefined && amount === null) {
      return invalid(
        'Must provide one of `amount_off` or `percent_off`.',
        'percent_off',
        'parameter_missing',
      );
    }
    const percentOff = percent === undefined ? null : Number(percent);
    if (percentOff !== null && !(percentOff > 0 && percentOff <= 100)) {
      return invalid('Invalid percent_off: must be greater than 0 and at most 100.', 'percent_off');
    }
    if (amount !== null && !form.currency) return missingParam('currency');
    const duration = form.duration ?? 'once';
    if (!['once', 'repeating', 'forever'].includes(duration)) {
      return invalid(`Invalid duration: must be one of once, repeating, or forever`, 'duration');
    }
    const months = integer(form, 'duration_in_months');
    if (isError(months)) return months;
    if (duration === 'repeating' && months === null) return missingParam('duration_in_months');
    const max = integer(form, 'max_redemptions');
    if (isError(max)) return max;
    const coupon: FakeCoupon = {
      id: form.id ?? nextId('coupon').toUpperCase(),
      object: 'coupon',
      amount_off: amount,
      currency: form.currency ?? null,
      duration,
      duration_in_months: duration === 'repeating' ? months : null,
      max_redemptions: max,
      metadata: metadataOf(form),
      name: form.name ?? null,
      percent_off: percentOff,
      redeem_by: null,
      times_redeemed: 0,
      valid: true,
      created: now(),
      livemode: false,
    };
    if (coupons.has(coupon.id)) {
      return invalid('Coupon already exists.', 'id', 'resource_already_exists');
    }
    coupons.set(coupon.id, coupon);
    return { status: 200, body: coupon };
  };

  const createPromotionCode = (form: Record<string, string>): Answer => {
    if (!form['promotion[type]']) return missingParam('promotion[type]');
    const couponId = form['promotion[coupon]'];
    if (!couponId) return missingParam('promotion[coupon]');
    if (!coupons.has(couponId)) {
      return invalid(`No such coupon: '${couponId}'`, 'promotion[coupon]', 'resource_missing');
    }
    const code = form.code ?? nextId('CODE').replace(/_/g, '').toUpperCase();
    if (!/^[a-zA-Z0-9]{1,500}$/.test(code)) {
      return invalid('Invalid code: use only letters (a-z, A-Z) and digits (0-9).', 'code');
    }
    const taken = [...codes.values()].some((p) => p.active && p.code.toLowerCase() === code.toLowerCase());
    if (taken) {
      return invalid(
        `An active promotion code with \`code: ${code}\` already exists.`,
        'code',
        'resource_already_exists',
      );
    }
    const expiresAt = integer(form, 'expires_at');
    if (isError(expiresAt)) return expiresAt;
    if (expiresAt !== null && expiresAt <= now()) {
      return invalid('The expires_at timestamp must be in the future.', 'expires_at');
    }
    const max = integer(form, 'max_redemptions');
    if (isError(max)) return max;
    if (max !== null && max < 1) {
      return invalid('max_redemptions must be a positive integer.', 'max_redemptions');
    }
    const promo: FakePromotionCode = {
      id: nextId('promo'),
      object: 'promotion_code',
      active: form.active !== 'false',
      code,
      created: now(),
      customer: null,
      expires_at: expiresAt,
      livemode: false,
      max_redemptions: max,
      metadata: metadataOf(form),
      promotion: { type: 'coupon', coupon: couponId },
      restrictions: {
        first_time_transaction: form['restrictions[first_time_transaction]'] === 'true',
        minimum_amount: null,
        minimum_amount_currency: null,
      },
      times_redeemed: 0,
    };
    codes.set(promo.id, promo);
    return { status: 200, body: view(promo, expands(form).includes('promotion.coupon')) };
  };

  const listPromotionCodes = (query: Record<string, string>): Answer => {
    const limit = Math.min(Number(query.limit ?? 10), 100);
    const expand = expands(query).includes('data.promotion.coupon');
    // Newest first, as Stripe lists; ids carry a serial, so they order like creation.
    let all = [...codes.values()].sort((a, b) => b.id.localeCompare(a.id));
    if (query.code) all = all.filter((p) => p.code.toLowerCase() === query.code?.toLowerCase());
    if (query.active) all = all.filter((p) => String(p.active) === query.active);
    if (query.coupon) all = all.filter((p) => p.promotion.coupon === query.coupon);
    if (query.starting_after) {
      const at = all.findIndex((p) => p.id === query.starting_after);
      all = at < 0 ? [] : all.slice(at + 1);
    }
    const data = all.slice(0, limit).map((p) => view(p, expand));
    return {
      status: 200,
      body: { object: 'list', url: '/v1/promotion_codes', has_more: all.length > limit, data },
    };
  };

  const noSuchCode = (id: string) =>
    invalid(`No such promotion code: '${id}'`, 'id', 'resource_missing', 404);

  /** Applies `discounts[0][promotion_code]` to a subscription, counting the redemption as Stripe does. */
  const discountSubscription = (subscriptionId: string, form: Record<string, string>): Answer => {
    const param = 'discounts[0][promotion_code]';
    const promo = codes.get(form[param] ?? '');
    if (!promo) return invalid(`No such promotion code: '${form[param]}'`, param, 'resource_missing');
    const coupon = coupons.get(promo.promotion.coupon);
    const refuse = (why: string) =>
      invalid(`This promotion code cannot be redeemed because ${why}.`, param, 'promotion_code_invalid');
    if (!promo.active || !coupon?.valid) return refuse('it is not active');
    if (promo.expires_at !== null && promo.expires_at <= now()) return refuse('it has expired');
    if (promo.max_redemptions !== null && promo.times_redeemed >= promo.max_redemptions) {
      return refuse('it has reached its maximum number of redemptions');
    }
    if (promo.restrictions.first_time_transaction && subscriptionsWithPayments.has(subscriptionId)) {
      return refuse('the associated customer has prior transactions');
    }
    promo.times_redeemed += 1;
    coupon.times_redeemed += 1;
    const discount = {
      id: nextId('di'),
      object: 'discount',
      coupon,
      promotion_code: promo.id,
      subscription: subscriptionId,
      start: now(),
      end: null,
    };
    return {
      status: 200,
      body: { id: subscriptionId, object: 'subscription', status: 'active', discounts: [discount.id] },
    };
  };

  /** Answers the request when it is one of ours; undefined lets fake-stripe.ts go on with its own routes. */
  const route = (
    method: string,
    path: string,
    form: Record<string, string>,
    query: Record<string, string>,
  ): Answer | undefined => {
    if (method === 'POST' && path === '/v1/coupons') return createCoupon(form);
    if (method === 'POST' && path === '/v1/promotion_codes') return createPromotionCode(form);
    if (method === 'GET' && path === '/v1/promotion_codes') return listPromotionCodes(query);
    const one = /^\/v1\/promotion_codes\/([\w-]+)$/.exec(path)?.[1];
    if (one) {
      const promo = codes.get(one);
      if (!promo) return noSuchCode(one);
      if (method === 'POST' && form.active !== undefined) promo.active = form.active === 'true';
      const expand = method === 'GET' ? expands(query) : expands(form);
      return { status: 200, body: view(promo, expand.includes('promotion.coupon')) };
    }
    const coupon = /^\/v1\/coupons\/([\w-]+)$/.exec(path)?.[1];
    if (method === 'GET' && coupon) {
      const found = coupons.get(coupon);
      return found
        ? { status: 200, body: found }
        : invalid(`No such coupon: '${coupon}'`, 'id', 'resource_missing', 404);
    }
    const subscription = /^\/v1\/subscriptions\/([\w-]+)$/.exec(path)?.[1];
    if (method === 'POST' && subscription && form['discounts[0][promotion_code]'] !== undefined) {
      return discountSubscription(subscription, form);
    }
    return undefined;
  };

  return {
    coupons,
    codes,
    subscriptionsWithPayments,
    handle(
      method: string,
      path: string,
      form: Record<string, string>,
      query: Record<string, string>,
      idempotencyKey: string | undefined,
    ): Answer | undefined {
      const replayKey = method === 'POST' && idempotencyKey ? `${path} ${idempotencyKey}` : undefined;
      const replayed = replayKey ? replays.get(replayKey) : undefined;
      if (replayed) return replayed;
      const answer = route(method, path, form, query);
      if (answer && replayKey) replays.set(replayKey, answer);
      return answer;
    },
  };
};

export type FakePromos = ReturnType<typeof createFakePromos>;
