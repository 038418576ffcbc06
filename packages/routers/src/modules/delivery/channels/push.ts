/** Platforms a device can register a push token for. */
export type PushPlatform = 'ios' | 'android' | 'web' | 'macos' | 'windows' | 'linux';

export type PushMessage = {
  deliveryId: string;
  token: string;
  platform: PushPlatform;
  /** APNs topic: the app's bundle id (per product); required by the apns driver */
  topic?: string;
  title: string;
  body: string;
  data?: Record<string, string>;
  collapseKey?: string;
  badge?: number;
  sound?: string;
  /** seconds; APNs apns-expiration / FCM ttl */
  ttlSeconds?: number;
};

export type PushProviderName = 'fcm' | 'apns' | 'log';

export type PushSent = { provider: PushProviderName; providerMessageId: string | null };

export type PushFailureKind = 'transient' | 'permanent';

/**
 * A provider refused or could not take a push. `transient`: try again later (after `retryAfterMs` if set);
 * `permanent`: the same message will fail again. `tokenInvalid`: the provider says this token will never work
 * again (remove it from the user's devices).
 */
export class PushProviderError extends Error {
  readonly provider: PushProviderName;
  readonly kind: PushFailureKind;
  readonly tokenInvalid: boolean;
  readonly status?: number;
  readonly reason?: string;
  readonly retryAfterMs?: number;

  constructor(init: {
    provider: PushProviderName;
    kind: PushFailureKind;
    tokenInvalid?: boolean;
    status?: number;
    reason?: string;
    retryAfterMs?: number;
    message: string;
    cause?: unknown;
  }) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause });
    this.name = 'PushProviderError';
    this.provider = init.provider;
    this.kind = init.kind;
    this.tokenInvalid = init.tokenInvalid ?? false;
    if (init.status !== undefined) this.status = init.status;
    if (init.reason !== undefined) this.reason = init.reason;
    if (init.retryAfterMs !== undefined) this.retryAfterMs = init.retryAfterMs;
  }
}

export type PushDriver = {
  readonly name: PushProviderName;
  send(message: PushMessage): Promise<PushSent>;
  /** Releases connections (an HTTP/2 session, a firebase app). */
  close?(): Promise<void>;
};

/**
 * Which platforms each driver sends to: APNs reaches Apple devices directly; FCM reaches Android, web
 * browsers, and iOS through its APNs bridge (the app registers an FCM token instead of an APNs one); the log
 * driver accepts everything. Windows and Linux have no driver yet. A driver refuses other platforms
 * (permanent, token kept) rather than let a provider call a foreign token invalid.
 */
export const PUSH_DRIVER_PLATFORMS: Record<PushProviderName, readonly PushPlatform[]> = {
  apns: ['ios', 'macos'],
  fcm: ['android', 'ios', 'web'],
  log: ['ios', 'android', 'web', 'macos', 'windows', 'linux'],
};

export const pushDriverServes = (driver: PushProviderName, platform: PushPlatform): boolean =>
  PUSH_DRIVER_PLATFORMS[driver].includes(platform);

/** The pino-compatible slice of a logger the push drivers use. */
export type PushLogger = { info(obj: Record<string, unknown>, msg: string): void };

/** The last 6 characters of a device token: enough to match a log line to a device, not enough to push to it. */
export const tokenTail = (token: string): string => `…${token.slice(-6)}`;

/** Refuses, before any request, a device of a platform the driver does not reach. */
export const assertServes = (driver: PushProviderName, platform: PushPlatform): void => {
  if (!pushDriverServes(driver, platform)) {
    throw new PushProviderError({
      provider: driver,
      kind: 'permanent',
      reason: 'UnsupportedPlatform',
      message: `the ${driver} driver does not send to ${platform} devices`,
    });
  }
};
