import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createFakePromos } from './fake-stripe-promos';

export type RecordedRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  form: Record<string, string>;
};

/**
 * Test-only: a loopback HTTP server answering the few api.stripe.com calls billing makes, recording each request
 * as the Stripe client sent it (form-encoded body decoded). Coupons, promotion codes and subscription discounts
 * are answered by fake-stripe-promos.ts, on `clock` (default the wall clock) for their expiry.
 */
export const startFakeStripe = async (
  opts: { subscriptionStatus?: () => string; clock?: () => number } = {},
) => {
  const requests: RecordedRequest[] = [];
  const promos = createFakePromos(opts.clock ? { clock: opts.clock } : {});
  let customers = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const [path = '', search = ''] = (req.url ?? '').split('?');
      requests.push({ method: req.method ?? '', path, headers: req.headers, form });
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json', 'request-id': `req_${requests.length}` });
        res.end(JSON.stringify(body));
      };
      if (req.headers.authorization !== 'Bearer sk_test_loopback') {
        send(401, { error: { type: 'invalid_request_error', message: 'Invalid API Key provided' } });
        return;
      }
      const key = req.headers['idempotency-key'];
      const query = Object.fromEntries(new URLSearchParams(search));
      const promo = promos.handle(
        req.method ?? '',
        path,
        form,
        query,
        typeof key === 'string' ? key : undefined,
      );
      if (promo) {
        send(promo.status, promo.body);
        return;
      }
      if (req.method === 'POST' && path === '/v1/customers') {
        customers += 1;
        send(200, {
          id: `cus_test_${customers}`,
          object: 'customer',
          email: form.email ?? null,
          metadata: {},
        });
        return;
      }
      if (req.method === 'POST' && path === '/v1/billing_portal/sessions') {
        send(200, {
          id: `bps_${requests.length}`,
          object: 'billing_portal.session',
          customer: form.customer,
          return_url: form.return_url,
          url: `https://billing.stripe.test/p/session/${form.customer}`,
        });
        return;
      }
      const sub = /^\/v1\/subscriptions\/([\w-]+)$/.exec(path);
      // Stripe having a bad moment: every call about this subscription answers 503.
      if (sub?.[1] === 'sub_unavailable') {
        send(503, { error: { type: 'api_error', message: 'Service unavailable' } });
        return;
      }
      if (sub?.[1] === 'sub_missing') {
        send(404, { error: { type: 'invalid_request_error', message: 'No such subscription' } });
        return;
      }
      if (req.method === 'GET' && sub) {
        send(200, {
          id: sub[1],
          object: 'subscription',
          status: opts.subscriptionStatus?.() ?? 'active',
          cancel_at_period_end: false,
          items: {
            object: 'list',
            data: [{ id: `si_${sub[1]}`, object: 'subscription_item', price: { id: 'price_current' } }],
          },
        });
        return;
      }
      if (req.method === 'POST' && sub) {
        const cancelAtPeriodEnd = form.cancel_at_period_end === 'true';
        send(200, {
          id: sub[1],
          object: 'subscription',
          status: 'active',
          cancel_at_period_end: cancelAtPeriodEnd,
        });
        return;
      }
      if (req.method === 'DELETE' && sub) {
        send(200, { id: sub[1], object: 'subscription', status: 'canceled' });
        return;
      }
      send(404, { error: { type: 'invalid_request_error', message: `No route ${req.method} ${path}` } });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    promos,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

export type FakeStripe = Awaited<ReturnType<typeof startFakeStripe>>;

export const STRIPE_TEST_CONFIG = {
  stripeSecretKey: 'sk_test_loopback',
  stripeWebhookSecret: 'whsec_test_secret',
  portalReturnUrl: 'https://app.example.com/account',
};
