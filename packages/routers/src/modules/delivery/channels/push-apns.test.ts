import { generateKeyPairSync } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  APNS_TEST_HOST,
  createTestCertificate,
  type FakeApns,
  startFakeApns,
  type TestCertificate,
} from '../../../testing/fake-apns';
import { rejectionOf } from '../../../testing/rejection';
import type { PushDriver, PushMessage } from './push';
import { PushProviderError } from './push';
import { APNS_TOKEN_REFRESH_MS, createApnsDriver } from './push-apns';

const KEY_ID = 'ABC123DEFG';
const TEAM_ID = 'DEF123GHIJ';
const TOPIC = 'com.bytelyst.app';
const T0 = Date.UTC(2026, 0, 15, 9, 0, 0);
const MINUTE = 60_000;
const DELIVERY_ID = '6f1c2b3a-4d5e-4f60-8a7b-9c0d1e2f3a4b';
const TOKEN = 'a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90';

const message = (overrides: Partial<PushMessage> = {}): PushMessage => ({
  deliveryId: DELIVERY_ID,
  token: TOKEN,
  platform: 'ios',
  topic: TOPIC,
  title: 'Build finished',
  body: 'main is green',
  ...overrides,
});

const catchError = (promise: Promise<unknown>) => rejectionOf(promise, PushProviderError);

describe('APNs driver', () => {
  let certificate: TestCertificate;
  const keys = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const privateKey = keys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  const publicKey = keys.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  let now = T0;
  const clock = () => now;
  let fake: FakeApns;
  let driver: PushDriver;
  let connector: ReturnType<FakeApns['connector']>;

  beforeAll(async () => {
    certificate = await createTestCertificate([APNS_TEST_HOST]);
  });

  beforeEach(async () => {
    now = T0;
    fake = await startFakeApns({ certificate, publicKey, keyId: KEY_ID, teamId: TEAM_ID, clock });
    connector = fake.connector();
    driver = createApnsDriver({
      keyId: KEY_ID,
      teamId: TEAM_ID,
      privateKey,
      host: `https://${APNS_TEST_HOST}`,
      clock,
      connect: connector.connect,
    });
  });

  afterEach(async () => {
    await driver.close?.();
    await fake.close();
  });

  it('posts the alert to /3/device/<token> with the provider token and APNs headers, and returns the apns-id', async () => {
    const sent = await driver.send(
      message({
        collapseKey: 'build-42',
        badge: 3,
        sound: 'default',
        ttlSeconds: 3600,
        data: { buildId: '42' },
      }),
    );

    expect(sent).toEqual({ provider: 'apns', providerMessageId: DELIVERY_ID });
    expect(fake.requests).toHaveLength(1);
    const [request] = fake.requests;
    expect(request).toMatchObject({
      method: 'POST',
      path: `/3/device/${TOKEN}`,
      authority: `${APNS_TEST_HOST}:443`,
      status: 200,
      claims: { iss: TEAM_ID, iat: T0 / 1000 },
    });
    expect(request?.headers).toMatchObject({
      authorization: `bearer ${request?.jwt}`,
      'apns-topic': TOPIC,
      'apns-push-type': 'alert',
      'apns-priority': '10',
      'apns-collapse-id': 'build-42',
      'apns-expiration': String(T0 / 1000 + 3600),
      'apns-id': DELIVERY_ID,
    });
    expect(decodeProtectedHeader(request?.jwt ?? '')).toEqual({ alg: 'ES256', kid: KEY_ID });
    expect(decodeJwt(request?.jwt ?? '')).toEqual({ iss: TEAM_ID, iat: T0 / 1000 });
    expect(request?.body).toEqual({
      aps: { alert: { title: 'Build finished', body: 'main is green' }, badge: 3, sound: 'default' },
      buildId: '42',
    });
  });

  it('omits optional headers, and apns-id when the delivery id is not a UUID (APNs then picks the id)', async () => {
    const sent = await driver.send(message({ deliveryId: 'dlv_01' }));

    const headers = fake.requests[0]?.headers ?? {};
    expect(headers['apns-id']).toBeUndefined();
    expect(headers['apns-collapse-id']).toBeUndefined();
    expect(headers['apns-expiration']).toBeUndefined();
    expect(fake.requests[0]?.body).toEqual({
      aps: { alert: { title: 'Build finished', body: 'main is green' } },
    });
    expect(sent.providerMessageId).toMatch(/^00000000-0000-4000-8000-\d{12}$/);
  });

  it('410 Unregistered: permanent, token invalid', async () => {
    fake.enqueue({ status: 410, reason: 'Unregistered' });

    const error = await catchError(driver.send(message()));

    expect(error).toMatchObject({
      provider: 'apns',
      kind: 'permanent',
      tokenInvalid: true,
      status: 410,
      reason: 'Unregistered',
    });
  });

  it('400 BadDeviceToken and DeviceTokenNotForTopic: permanent, token invalid', async () => {
    fake.enqueue(
      { status: 400, reason: 'BadDeviceToken' },
      { status: 400, reason: 'DeviceTokenNotForTopic' },
    );

    const bad = await catchError(driver.send(message()));
    const otherTopic = await catchError(driver.send(message()));

    expect(bad).toMatchObject({
      kind: 'permanent',
      tokenInvalid: true,
      status: 400,
      reason: 'BadDeviceToken',
    });
    expect(otherTopic).toMatchObject({
      kind: 'permanent',
      tokenInvalid: true,
      reason: 'DeviceTokenNotForTopic',
    });
  });

  it('other 4xx: permanent, the token stays', async () => {
    fake.enqueue({ status: 400, reason: 'PayloadTooLarge' });

    const error = await catchError(driver.send(message()));

    expect(error).toMatchObject({
      kind: 'permanent',
      tokenInvalid: false,
      status: 400,
      reason: 'PayloadTooLarge',
    });
  });

  it('503, 500 and 429: transient, with Retry-After when APNs gives one', async () => {
    fake.enqueue(
      { status: 503, reason: 'ServiceUnavailable', retryAfterSeconds: 30 },
      { status: 500, reason: 'InternalServerError' },
      { status: 429, reason: 'TooManyRequests' },
    );

    const unavailable = await catchError(driver.send(message()));
    const internal = await catchError(driver.send(message()));
    const tooMany = await catchError(driver.send(message()));

    expect(unavailable).toMatchObject({
      kind: 'transient',
      tokenInvalid: false,
      status: 503,
      reason: 'ServiceUnavailable',
      retryAfterMs: 30_000,
    });
    expect(internal).toMatchObject({ kind: 'transient', status: 500 });
    expect(tooMany).toMatchObject({ kind: 'transient', status: 429, reason: 'TooManyRequests' });
  });

  it('403 ExpiredProviderToken: signs a new token once and retries', async () => {
    await driver.send(message());
    now = T0 + 30 * MINUTE;
    fake.enqueue({ status: 403, reason: 'ExpiredProviderToken' });

    const sent = await driver.send(message());

    expect(sent.providerMessageId).toBe(DELIVERY_ID);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 403, 200]);
    const [first, refused, retried] = fake.requests;
    expect(refused?.jwt).toBe(first?.jwt);
    expect(retried?.jwt).not.toBe(first?.jwt);
    expect(retried?.claims?.iat).toBe((T0 + 30 * MINUTE) / 1000);
  });

  it('a second ExpiredProviderToken is reported, not retried again', async () => {
    await driver.send(message());
    now = T0 + 30 * MINUTE;
    fake.enqueue(
      { status: 403, reason: 'ExpiredProviderToken' },
      { status: 403, reason: 'ExpiredProviderToken' },
    );

    const error = await catchError(driver.send(message()));

    expect(error).toMatchObject({ kind: 'permanent', status: 403, reason: 'ExpiredProviderToken' });
    expect(fake.requests.map((r) => r.status)).toEqual([200, 403, 403]);
  });

  it('reuses the provider token for 50 minutes of the clock, then signs a new one', async () => {
    await driver.send(message());
    now = T0 + APNS_TOKEN_REFRESH_MS - 1;
    await driver.send(message());
    now = T0 + APNS_TOKEN_REFRESH_MS;
    await driver.send(message());
    await driver.send(message());

    const jwts = fake.requests.map((r) => r.jwt);
    expect(fake.requests.every((r) => r.status === 200)).toBe(true);
    expect(jwts[1]).toBe(jwts[0]);
    expect(jwts[2]).not.toBe(jwts[0]);
    expect(jwts[3]).toBe(jwts[2]);
    expect(fake.requests.map((r) => r.claims?.iat)).toEqual([
      T0 / 1000,
      T0 / 1000,
      (T0 + APNS_TOKEN_REFRESH_MS) / 1000,
      (T0 + APNS_TOKEN_REFRESH_MS) / 1000,
    ]);
  });

  it('sends every push over one HTTP/2 session', async () => {
    await driver.send(message());
    await Promise.all([driver.send(message()), driver.send(message()), driver.send(message())]);

    expect(fake.requests).toHaveLength(4);
    expect(fake.connections()).toBe(1);
    expect(connector.opened).toHaveLength(1);
  });

  it('opens a new session after APNs sends GOAWAY', async () => {
    await driver.send(message());
    fake.goAway();
    await vi.waitFor(() => expect(connector.opened[0]?.closed).toBe(true));

    await driver.send(message());

    expect(fake.connections()).toBe(2);
    expect(fake.requests.map((r) => r.status)).toEqual([200, 200]);
  });

  it('a request APNs does not answer in time is a transient failure', async () => {
    const impatient = createApnsDriver({
      keyId: KEY_ID,
      teamId: TEAM_ID,
      privateKey,
      host: `https://${APNS_TEST_HOST}`,
      clock,
      connect: connector.connect,
      timeoutMs: 50,
    });
    fake.enqueue({ hang: true });

    const error = await catchError(impatient.send(message()));
    await impatient.close?.();

    expect(error).toMatchObject({ provider: 'apns', kind: 'transient', reason: 'Timeout' });
  });

  it('an Android token is refused, not sent where APNs would call it a bad token', async () => {
    const error = await catchError(driver.send(message({ platform: 'android' })));

    expect(error).toMatchObject({ kind: 'permanent', reason: 'UnsupportedPlatform', tokenInvalid: false });
    expect(fake.connections()).toBe(0);
  });

  it('a message without a topic is refused before anything is sent', async () => {
    const error = await catchError(driver.send(message({ topic: undefined })));

    expect(error).toMatchObject({ kind: 'permanent', reason: 'MissingTopic', tokenInvalid: false });
    expect(fake.connections()).toBe(0);
  });
});
