import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { loopbackOnlyConnector } from '../../testing/loopback-connector';
import { startWebhookReceiver, type WebhookReceiver } from '../../testing/webhook-receiver';
import { WEBHOOK_CONTAINERS } from './containers';
import type { MessageDoc } from './repository';

const PRODUCT = 'platform';
/** One more than an endpoint's local queue holds (LANE_CAP in engine.ts): the rest wait in the store. */
const EVENTS = 2100;

/**
 * A burst larger than an endpoint's local queue, behind a receiver that holds its answers meanwhile: the
 * fan-out persists the overflow unclaimed, and once the receiver answers the engine takes the overflow from the
 * store as soon as the queue runs low, not on its next timer poll (the harness never starts the timer, so only
 * that path can deliver it).
 */
describe('webhook delivery: a backlog beyond the local queue', () => {
  let h: TestHarness;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    // The held attempts must not time out while the burst is emitted.
    h = await createTestHarness({
      config: {
        webhooks: { allowedCidrs: ['127.0.0.0/8'], connect: loopbackOnlyConnector, timeoutMs: 120_000 },
      },
    });
    receiver = await startWebhookReceiver({ gated: true });
  });
  afterAll(async () => {
    await receiver.close();
    await h.close();
  });

  it('delivers every message of a burst once, the overflow taken from the store without a timer', async () => {
    const admin = (await h.signIn(['admin'])).caller;
    const endpoint = await admin.webhooks.endpoints.create({
      url: receiver.url,
      eventTypes: ['flag.toggled'],
    });
    const ids: string[] = [];
    for (let sent = 0; sent < EVENTS; sent += 100) {
      const events = await Promise.all(
        Array.from({ length: 100 }, (_, i) =>
          h.services.bus.emit(
            'flag.toggled',
            { flagId: `burst-${sent + i}`, enabled: true, percentage: 1 },
            { productId: PRODUCT },
          ),
        ),
      );
      ids.push(...events.map((e) => e.id));
    }
    await h.services.bus.drain();
    const messages = h.store.container<MessageDoc>(WEBHOOK_CONTAINERS.webhookDeliveries.name);
    const overflow = await messages.count({
      where: { endpointId: { eq: endpoint.id }, claim: { eq: null } },
    });
    expect(overflow).toBeGreaterThan(0);
    expect(h.services.webhooks.engine.stats()).toMatchObject({ queued: EVENTS - overflow - 8, active: 8 });

    receiver.release();
    await h.services.webhooks.engine.whenIdle();
    const received = receiver.received.map((req) => String(req.headers['webhook-id']));
    expect(received).toHaveLength(EVENTS);
    expect(new Set(received)).toEqual(new Set(ids));
    expect(await messages.count({ where: { endpointId: { eq: endpoint.id } } })).toBe(EVENTS);
    expect(
      await messages.count({ where: { endpointId: { eq: endpoint.id }, status: { eq: 'succeeded' } } }),
    ).toBe(EVENTS);
  }, 60_000);
});
