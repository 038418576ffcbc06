import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createPushDriver, pushDriverServes } from './push-drivers';

const base = { clock: () => 0, logger: { info: () => undefined } };

describe('createPushDriver', () => {
  it('builds the log driver with no settings', () => {
    expect(createPushDriver({ ...base, driver: 'log' }).name).toBe('log');
  });

  it('names the env vars a driver is missing', () => {
    expect(() => createPushDriver({ ...base, driver: 'fcm' })).toThrow(
      'PUSH_DRIVER=fcm needs FCM_SERVICE_ACCOUNT_JSON',
    );
    expect(() => createPushDriver({ ...base, driver: 'apns', apns: { keyId: 'K' } })).toThrow(
      'PUSH_DRIVER=apns needs APNS_KEY_ID, APNS_TEAM_ID and APNS_KEY_PATH (missing: APNS_TEAM_ID, APNS_KEY_PATH)',
    );
  });

  it('builds the apns driver without connecting until the first send', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const driver = createPushDriver({
      ...base,
      driver: 'apns',
      apns: {
        keyId: 'K',
        teamId: 'T',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        connect: () => {
          throw new Error('no connection expected');
        },
      },
    });

    expect(driver.name).toBe('apns');
    await driver.close?.();
  });
});

describe('pushDriverServes', () => {
  it('apns serves Apple devices, fcm serves Android, web and iOS, log serves all', () => {
    expect(pushDriverServes('apns', 'ios')).toBe(true);
    expect(pushDriverServes('apns', 'macos')).toBe(true);
    expect(pushDriverServes('apns', 'android')).toBe(false);
    expect(pushDriverServes('fcm', 'android')).toBe(true);
    expect(pushDriverServes('fcm', 'ios')).toBe(true);
    expect(pushDriverServes('fcm', 'web')).toBe(true);
    expect(pushDriverServes('fcm', 'windows')).toBe(false);
    expect(pushDriverServes('log', 'linux')).toBe(true);
  });
});
