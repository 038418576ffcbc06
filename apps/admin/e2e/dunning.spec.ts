import { createHmac } from 'node:crypto';
import { type APIRequestContext, expect, test } from '@playwright/test';
import { E2E_ADMIN, E2E_API_ORIGIN, E2E_STRIPE_WEBHOOK_SECRET } from '../../../playwright.config';
import { shot, signIn } from './support';

/** The API's REST face, as product clients and Stripe call it (no console, no cookie). */
const API = `${E2E_API_ORIGIN}/v1`;

async function call<T>(
  request: APIRequestContext,
  method: 'GET' | 'POST',
  path: string,
  headers: Record<string, string>,
  data?: unknown,
) {
  const res = await request.fetch(`${API}${path}`, { method, headers, ...(data ? { data } : {}) });
  expect(res.status(), `${method} ${path}: ${await res.text()}`).toBe(200);
  return (await res.json()) as T;
}

type Banner = { stage: string; daysLeft: number; invoiceId: string } | null;
type SubscriptionView = { subscription: { planCode: string; status: string }; dunning: Banner };

let eventCounter = 0;

/**
 * Posts a Stripe event to the real webhook route, signed the way Stripe signs (HMAC-SHA256 of `t.body` under
 * the endpoint secret the e2e server was started with).
 */
async function stripeEvent(request: APIRequestContext, type: string, invoice: Record<string, unknown>) {
  eventCounter += 1;
  const now = Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: `evt_e2e_${now}_${eventCounter}`,
    object: 'event',
    type,
    created: now,
    data: { object: invoice },
  });
  const v1 = createHmac('sha256', E2E_STRIPE_WEBHOOK_SECRET).update(`${now}.${body}`).digest('hex');
  const res = await request.post(`${API}/stripe/webhook`, {
    headers: { 'content-type': 'application/json', 'stripe-signature': `t=${now},v1=${v1}` },
    data: body,
  });
  expect(res.status(), await res.text()).toBe(200);
  return (await res.json()) as { outcome: string; duplicate: boolean };
}

test('an account is walked through dunning by signed Stripe events, each stage seen on /billing/dunning', async ({
  page,
  request,
}) => {
  const run = Date.now().toString(36);
  const { id: productId } = await call<{ id: string }>(request, 'GET', '/products/current', {});
  const product = { 'x-product-id': productId };
  const login = await call<{ accessToken: string }>(request, 'POST', '/auth/login', {}, E2E_ADMIN);
  const admin = { ...product, authorization: `Bearer ${login.accessToken}` };

  // Two customers on the enterprise plan, which the e2e server gives 0 grace days (e2e-dunning.ts).
  const customer = async (name: string) => {
    // Created by the admin, not signed up: sign-ups from one address are rate limited across the journeys.
    const email = `${name}.${run}@example.com`;
    const user = await call<{ id: string }>(request, 'POST', '/users', admin, {
      email,
      name,
      password: 'correct-horse-battery',
      roles: ['user'],
    });
    const session = await call<{ accessToken: string }>(request, 'POST', '/auth/login', product, {
      email,
      password: 'correct-horse-battery',
    });
    const signed = { accessToken: session.accessToken, user };
    const auth = { ...product, authorization: `Bearer ${signed.accessToken}` };
    await call(request, 'GET', '/subscriptions/me', auth);
    await call(request, 'POST', `/subscriptions/users/${signed.user.id}/plan`, admin, {
      planCode: 'enterprise',
    });
    const invoiceId = `in_e2e_${run}_${name}`;
    const invoice = (attempt: number, paid = 0) => ({
      id: invoiceId,
      object: 'invoice',
      currency: 'eur',
      amount_due: 9900,
      amount_paid: paid,
      attempt_count: attempt,
      metadata: { productId, userId: signed.user.id },
    });
    const banner = async () =>
      (await call<SubscriptionView>(request, 'GET', '/subscriptions/me', auth)).dunning;
    const plan = async () =>
      (await call<SubscriptionView>(request, 'GET', '/subscriptions/me', auth)).subscription.planCode;
    return { invoiceId, invoice, banner, plan };
  };
  const dora = await customer('dora');
  const rex = await customer('rex');

  // First failure: the client's banner shows, the payment-failed mail goes out.
  expect((await stripeEvent(request, 'invoice.payment_failed', dora.invoice(1))).outcome).toBe(
    'payment failed',
  );
  await expect.poll(async () => (await dora.banner())?.stage).toBe('started');

  // The billing views' third tab, beside plans and subscriptions.
  const openDunning = async () => {
    await page.getByRole('link', { name: 'Plans & subscriptions' }).click();
    await page
      .getByRole('navigation', { name: 'Billing views' })
      .getByRole('link', { name: 'Dunning' })
      .click();
    await expect(page).toHaveURL(/\/billing\/dunning/);
  };
  await signIn(page);
  await openDunning();
  const cases = page.getByRole('region', { name: 'Dunning cases' });
  const doraRow = cases.getByRole('row').filter({ hasText: dora.invoiceId });
  await expect(doraRow).toContainText('Payment failed');
  await expect(doraRow).toContainText('0 days');
  await expect(doraRow.getByRole('list', { name: 'Mails sent' }).getByRole('listitem')).toHaveCount(1);
  await shot(page, 'dunning-started');

  // Stripe's second and third attempts fail; the third is delivered twice: one final warning, one mail.
  await stripeEvent(request, 'invoice.payment_failed', dora.invoice(2));
  await stripeEvent(request, 'invoice.payment_failed', dora.invoice(3));
  await stripeEvent(request, 'invoice.payment_failed', dora.invoice(3));
  await expect.poll(async () => (await dora.banner())?.stage).toBe('final_warning');
  await page.reload();
  await expect(doraRow).toContainText('Final warning');
  await expect(doraRow.getByRole('list', { name: 'Mails sent' }).getByRole('listitem')).toHaveCount(2);
  await expect(doraRow).toContainText('3 attempts');

  // The other customer pays after one failure: dunning ends, the banner clears, the revenue counts.
  await stripeEvent(request, 'invoice.payment_failed', rex.invoice(1));
  await expect.poll(async () => (await rex.banner())?.stage).toBe('started');
  await stripeEvent(request, 'invoice.payment_succeeded', rex.invoice(2, 9900));
  await expect.poll(async () => rex.banner()).toBeNull();
  await page.reload();
  await page.getByLabel('Filter by stage').selectOption('recovered');
  const rexRow = cases.getByRole('row').filter({ hasText: rex.invoiceId });
  await expect(rexRow).toContainText('Recovered');
  await expect(page.getByRole('region', { name: 'Recovered revenue' })).toContainText(
    '€99.00 recovered in the last 30 days',
  );
  await shot(page, 'dunning-recovered');

  // The grace period (0 days on this plan) has ended: the daily job, run now from the jobs console, downgrades.
  await page.getByRole('link', { name: 'Jobs', exact: true }).click();
  const jobs = page.getByRole('region', { name: 'Scheduled jobs' });
  await jobs.getByRole('button', { name: 'Run dunning-grace-check now' }).click();
  await expect(jobs.getByRole('row').filter({ hasText: 'dunning-grace-check' })).toContainText('Succeeded');
  await expect.poll(() => dora.plan()).toBe('free');
  expect(await dora.banner()).toBeNull();
  expect(await rex.plan()).toBe('enterprise');

  await openDunning();
  await page.getByLabel('Filter by stage').selectOption('downgraded');
  await expect(doraRow).toContainText('Downgraded');
  await expect(doraRow).toContainText('To free');
  await expect(doraRow.getByRole('list', { name: 'Mails sent' }).getByRole('listitem')).toHaveCount(3);
  await shot(page, 'dunning-downgraded');

  // A late failure of the paid invoice does not restart dunning.
  await stripeEvent(request, 'invoice.payment_failed', rex.invoice(2));
  expect(await rex.banner()).toBeNull();
});
