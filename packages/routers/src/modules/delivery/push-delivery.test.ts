import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APNS_TEST_HOST, createTestCertificate, startFakeApns } from '../../testing/fake-apns';
import { FCM_HOST, FCM_TEST_HOSTS, startFakeFcm } from '../../testing/fake-fcm';
import { createTestHarness, type TestHarness } from '../../testing/harness';
import { createApnsDriver } from './channels/push-apns';
import { createFcmDriver } from './channels/push-fcm';

/**
 * Pushes through the delivery module to loopback APNs (HTTP/2, ES256 provider token) and FCM (firebase-admin
 * with its OAuth token): every device of the user with a token gets one, and a token the provider calls
 * unregistered is removed from the device at once.
 */

const PRODUCT = 'platform';

const registerPhone = async (h: TestHarness, userId: string, deviceId: string, platform: 'ios' | 'android') =>
  h.services.notifications.devices.register(PRODUCT, userId, {
    deviceId,
    platform,
    pushToken: `${platform}-token-${deviceId}-0123456789abcdef`,
    appVersion: '2.3.0',
    locale: 'en-US',
    timeZone: 'UTC',
  });

describe('push through APNs', () => {
  let h: TestHarness;
  let fake: Awaited<ReturnType<typeof startFakeApns>>;
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });

  beforeAll(async () => {
    const certificate = await createTestCertificate([APNS_TEST_HOST]);
    let clock = () => Date.parse('2026-06-01T12:00:00.000Z');
    fake = await startFakeApns({
      certificate,
      publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      keyId: 'KEY1234567',
      teamId: 'TEAM123456',
      clock: () => clock(),
    });
    const driver = createApnsDriver({
      keyId: 'KEY1234567',
      teamId: 'TEAM123456',
      privateKey: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      host: `https://${APNS_TEST_HOST}`,
      clock: () => clock(),
      connect: fake.connector().connect,
    });
    h = await createTestHarness({
      config: { delivery: { pushDriver: driver, apnsTopic: 'com.lysnr.app', quietHours: null } },
    });
    clock = h.clock;
  });
  afterAll(async () => {
    await h.services.delivery.drivers.push.close?.();
    await h.close();
    await fake.close();
  });

  it("reaches each of the user's iPhones, and drops a token APNs calls unregistered", async () => {
    const { user } = await h.signIn(['user']);
    await registerPhone(h, user.id, 'phone-a', 'ios');
    await registerPhone(h, user.id, 'phone-b', 'ios');
    fake.enqueue({ status: 410, reason: 'Unregistered' });
    const sent = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      category: 'product_updates',
      push: { type: 'feature_announcement', title: 'Live captions', body: 'Now in every meeting.' },
    });
    expect(sent.deliveries.map((d) => d.to).sort()).toEqual(['phone-a', 'phone-b']);
    await h.services.bus.drain();
    expect(fake.requests).toHaveLength(2);
    for (const request of fake.requests) {
      expect(request.headers['apns-topic']).toBe('com.lysnr.app');
      expect(request.claims).toMatchObject({ iss: 'TEAM123456' });
      expect(request.body).toMatchObject({
        aps: { alert: { title: 'Live captions', body: 'Now in every meeting.' } },
      });
    }
    const statuses = await Promise.all(
      sent.deliveries.map(async (d) => (await h.services.delivery.get(PRODUCT, d.id)).status),
    );
    expect(statuses.sort()).toEqual(['failed', 'sent']);
    const tokens = await h.services.notifications.devices.pushTargets(PRODUCT, user.id);
    // The unregistered one is gone; the other phone keeps its token.
    expect(tokens).toHaveLength(1);
  });
});

describe('push through FCM', () => {
  let h: TestHarness;
  let fake: Awaited<ReturnType<typeof startFakeFcm>>;
  const keys = generateKeyPairSync('rsa', { modulusLength: 2048 });

  beforeAll(async () => {
    const certificate = await createTestCertificate(FCM_TEST_HOSTS);
    fake = await startFakeFcm({
      certificate,
      projectId: 'lysnr-test',
      clientEmail: 'push@lysnr-test.iam.gserviceaccount.com',
      publicKey: keys.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      clock: () => Date.parse('2026-06-01T12:00:00.000Z'),
    });
    const driver = createFcmDriver({
      serviceAccountJson: JSON.stringify({
        type: 'service_account',
        project_id: 'lysnr-test',
        private_key_id: 'k1',
        private_key: keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: 'push@lysnr-test.iam.gserviceaccount.com',
        token_uri: 'https://oauth2.googleapis.com/token',
      }),
      httpAgent: fake.agent(),
      clock: () => Date.parse('2026-06-01T12:00:00.000Z'),
    });
    h = await createTestHarness({ config: { delivery: { pushDriver: driver, quietHours: null } } });
  });
  afterAll(async () => {
    await h.services.delivery.drivers.push.close?.();
    await h.close();
    await fake.close();
  });

  it('pushes a plan change to an Android phone, and removes a token FCM calls UNREGISTERED', async () => {
    const { user } = await h.signIn(['user']);
    await registerPhone(h, user.id, 'pixel', 'android');
    // Billing pushes are off by default: a user who has not opted in gets none.
    const skipped = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      category: 'billing',
      push: { type: 'subscription_change', title: 'Your plan changed', body: 'You are now on Basic.' },
    });
    expect(skipped.deliveries.map((d) => d.status)).toEqual(['skipped']);
    await h.services.notifications.preferences.update(PRODUCT, user.id, {
      preferences: { billing: { push: true } },
    });
    const first = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      category: 'billing',
      push: { type: 'subscription_change', title: 'Your plan changed', body: 'You are now on Pro.' },
    });
    await h.services.bus.drain();
    const sends = fake.requests.filter((r) => r.host === FCM_HOST);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.body).toMatchObject({
      message: {
        token: 'android-token-pixel-0123456789abcdef',
        notification: { title: 'Your plan changed', body: 'You are now on Pro.' },
        data: { type: 'subscription_change', deliveryId: first.deliveries[0]?.id },
      },
    });
    expect((await h.services.delivery.get(PRODUCT, first.deliveries[0]?.id ?? '')).status).toBe('sent');

    fake.enqueue({ errorCode: 'UNREGISTERED' });
    const second = await h.services.delivery.send(PRODUCT, {
      userId: user.id,
      category: 'billing',
      push: { type: 'subscription_change', title: 'Your plan changed', body: 'You are now on Team.' },
    });
    await h.services.bus.drain();
    const detail = await h.services.delivery.get(PRODUCT, second.deliveries[0]?.id ?? '');
    expect(detail.status).toBe('failed');
    expect(detail.error).toMatch(/fcm/);
    expect(await h.services.notifications.devices.pushTargets(PRODUCT, user.id)).toEqual([]);
  });
});
