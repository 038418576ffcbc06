import type { Agent } from 'node:http';
import type { ClientHttp2Session } from 'node:http2';
import type { PushDriver, PushLogger } from './push';
import { createApnsDriver } from './push-apns';
import { createFcmDriver } from './push-fcm';
import { createLogPushDriver } from './push-log';

// Routing a push: a device's platform decides whether the configured driver can reach it. apns: ios, macos;
// fcm: android, web, and ios through FCM's APNs bridge; log: everything. The table is PUSH_DRIVER_PLATFORMS
// in push.ts, where the drivers read it too.
export { PUSH_DRIVER_PLATFORMS, pushDriverServes } from './push';

export type PushDriverName = 'log' | 'fcm' | 'apns';

export type PushDriverConfig = {
  /** PUSH_DRIVER */
  driver: PushDriverName;
  fcm?: {
    /** FCM_SERVICE_ACCOUNT_JSON */
    serviceAccountJson?: string;
    httpAgent?: Agent;
  };
  apns?: {
    /** APNS_KEY_ID */
    keyId?: string;
    /** APNS_TEAM_ID */
    teamId?: string;
    /** the content of the .p8 file at APNS_KEY_PATH */
    privateKey?: string;
    /** APNS_HOST */
    host?: string;
    connect?: (authority: string) => ClientHttp2Session;
    timeoutMs?: number;
  };
  clock: () => number;
  logger: PushLogger;
};

const missing = (entries: [envVar: string, value: string | undefined][]) =>
  entries.filter(([, value]) => !value).map(([envVar]) => envVar);

/** Builds the configured push driver; throws at start-up, naming the env vars, when its settings are missing. */
export const createPushDriver = (config: PushDriverConfig): PushDriver => {
  switch (config.driver) {
    case 'log':
      return createLogPushDriver(config.logger);
    case 'fcm': {
      const serviceAccountJson = config.fcm?.serviceAccountJson;
      if (!serviceAccountJson) throw new Error('PUSH_DRIVER=fcm needs FCM_SERVICE_ACCOUNT_JSON');
      return createFcmDriver({ serviceAccountJson, httpAgent: config.fcm?.httpAgent, clock: config.clock });
    }
    case 'apns': {
      const { keyId, teamId, privateKey, ...rest } = config.apns ?? {};
      const absent = missing([
        ['APNS_KEY_ID', keyId],
        ['APNS_TEAM_ID', teamId],
        ['APNS_KEY_PATH', privateKey],
      ]);
      if (!keyId || !teamId || !privateKey) {
        throw new Error(
          `PUSH_DRIVER=apns needs APNS_KEY_ID, APNS_TEAM_ID and APNS_KEY_PATH (missing: ${absent.join(', ')})`,
        );
      }
      return createApnsDriver({ keyId, teamId, privateKey, clock: config.clock, ...rest });
    }
  }
};
