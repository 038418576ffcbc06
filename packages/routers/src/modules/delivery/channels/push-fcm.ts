import { randomUUID } from 'node:crypto';
import type { Agent } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { type App, type Credential, deleteApp, initializeApp } from 'firebase-admin/app';
import { getMessaging, type Message } from 'firebase-admin/messaging';
import { importPKCS8, SignJWT } from 'jose';
import { z } from 'zod';
import { assertServes, type PushDriver, type PushMessage, PushProviderError, type PushSent } from './push';

export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const TOKEN_REQUEST_TIMEOUT_MS = 10_000;

export type FcmDriverOptions = {
  /** FCM_SERVICE_ACCOUNT_JSON: the service account key file's JSON text */
  serviceAccountJson: string;
  /**
   * Carries both the OAuth2 token request and the FCM requests. Production leaves it unset (Node's global
   * agent); tests pass one that dials a loopback fake.
   */
  httpAgent?: Agent;
  /** firebase-admin app name; unique by default so two drivers never share an app. */
  appName?: string;
  /** For apns-expiration (an absolute time) and the token assertion's iat; defaults to Date.now. */
  clock?: () => number;
};

const ZServiceAccount = z.object({
  project_id: z.string().min(1),
  client_email: z.string().min(1),
  private_key: z.string().min(1),
  private_key_id: z.string().optional(),
});
type TServiceAccount = z.infer<typeof ZServiceAccount>;

const ZTokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.number() });

export const parseServiceAccount = (json: string): TServiceAccount => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    throw new Error('FCM_SERVICE_ACCOUNT_JSON is not JSON: paste the service account key file’s content');
  }
  const result = ZServiceAccount.safeParse(parsed);
  if (!result.success) {
    const fields = result.error.issues.map((issue) => issue.path.join('.')).join(', ');
    throw new Error(`FCM_SERVICE_ACCOUNT_JSON is not a service account key (missing or invalid: ${fields})`);
  }
  return result.data;
};

/**
 * The OAuth2 JWT-bearer grant google-auth-library performs for a service account, made here so that it goes
 * through `httpAgent`. firebase-admin 13.10's `cert(object, httpAgent)` does not hand the agent to
 * google-auth-library when given a key object (only when given a file path), so its token request would
 * always use the global agent and reach oauth2.googleapis.com directly
 * (https://github.com/firebase/firebase-admin-node/issues/2960, fix in PR #2961, unreleased). A custom
 * `Credential` is firebase-admin's documented extension point; firebase-admin caches the token and asks
 * again five minutes before `expires_in` runs out.
 *
 * `onFailure` receives the classified failure, because firebase-admin rethrows any credential error as
 * app/invalid-credential and loses whether it was transient.
 */
const createServiceAccountCredential = (
  account: TServiceAccount,
  opts: { httpAgent?: Agent; clock: () => number; onFailure: (error: PushProviderError | undefined) => void },
): Credential => {
  const signingKey = importPKCS8(account.private_key, 'RS256');
  signingKey.catch(() => undefined);

  const post = (form: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpsRequest(GOOGLE_TOKEN_URL, {
        method: 'POST',
        agent: opts.httpAgent,
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'content-length': Buffer.byteLength(form),
        },
        timeout: TOKEN_REQUEST_TIMEOUT_MS,
      });
      req.on('timeout', () => req.destroy(new Error(`no answer within ${TOKEN_REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
        );
      });
      req.end(form);
    });

  const fail = (
    kind: 'transient' | 'permanent',
    message: string,
    extra: { status?: number; cause?: unknown },
  ) => {
    const error = new PushProviderError({ provider: 'fcm', kind, reason: 'OAUTH_TOKEN', message, ...extra });
    opts.onFailure(error);
    return error;
  };

  return {
    getAccessToken: async () => {
      opts.onFailure(undefined);
      const key = await signingKey.catch((cause: unknown) => {
        throw fail('permanent', 'FCM_SERVICE_ACCOUNT_JSON private_key is not a PKCS#8 RSA key', { cause });
      });
      const iat = Math.floor(opts.clock() / 1000);
      const assertion = await new SignJWT({ scope: FCM_SCOPE })
        .setProtectedHeader({
          alg: 'RS256',
          typ: 'JWT',
          ...(account.private_key_id ? { kid: account.private_key_id } : {}),
        })
        .setIssuer(account.client_email)
        .setAudience(GOOGLE_TOKEN_URL)
        .setIssuedAt(iat)
        .setExpirationTime(iat + 3600)
        .sign(key);
      const form = new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      }).toString();
      let answer: { status: number; body: string };
      try {
        answer = await post(form);
      } catch (cause) {
        throw fail('transient', `Google OAuth2 token request failed: ${String(cause)}`, { cause });
      }
      if (answer.status !== 200) {
        // invalid_grant (revoked key, clock skew) and other 4xx will not fix themselves; 5xx and 429 may.
        const kind = answer.status >= 500 || answer.status === 429 ? 'transient' : 'permanent';
        throw fail(kind, `Google OAuth2 token request: ${answer.status} ${answer.body.slice(0, 200)}`, {
          status: answer.status,
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(answer.body);
      } catch {
        body = undefined;
      }
      const token = ZTokenResponse.safeParse(body);
      if (!token.success) throw fail('transient', 'Google OAuth2 token response has no access_token', {});
      return { access_token: token.data.access_token, expires_in: token.data.expires_in };
    },
  };
};

/**
 * The FCM v1 message. The top-level `notification` is what FCM shows on every platform (Android, iOS through
 * its APNs bridge, web); each platform block carries only that platform's options, so a message holds the
 * block of its own platform.
 */
export const buildFcmMessage = (message: PushMessage, nowMs: number): Message => {
  const base = {
    token: message.token,
    notification: { title: message.title, body: message.body },
    ...(message.data ? { data: message.data } : {}),
  };
  const ttl = message.ttlSeconds;
  if (message.platform === 'android') {
    return {
      ...base,
      android: {
        priority: 'high',
        ...(message.collapseKey === undefined ? {} : { collapseKey: message.collapseKey }),
        ...(ttl === undefined ? {} : { ttl: ttl * 1000 }),
        ...(message.sound === undefined ? {} : { notification: { sound: message.sound } }),
      },
    };
  }
  if (message.platform === 'ios') {
    const headers: Record<string, string> = {};
    if (message.collapseKey !== undefined) headers['apns-collapse-id'] = message.collapseKey;
    if (ttl !== undefined)
      headers['apns-expiration'] = ttl === 0 ? '0' : String(Math.floor(nowMs / 1000) + ttl);
    const aps = {
      ...(message.badge === undefined ? {} : { badge: message.badge }),
      ...(message.sound === undefined ? {} : { sound: message.sound }),
    };
    const apns = {
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(Object.keys(aps).length > 0 ? { payload: { aps } } : {}),
    };
    return Object.keys(apns).length > 0 ? { ...base, apns } : base;
  }
  if (ttl !== undefined) return { ...base, webpush: { headers: { TTL: String(ttl) } } };
  return base;
};

const TRANSIENT_CODES = new Set([
  'messaging/server-unavailable',
  'messaging/internal-error',
  'messaging/message-rate-exceeded',
  'messaging/device-message-rate-exceeded',
  'messaging/topics-message-rate-exceeded',
  'messaging/quota-exceeded',
  'app/network-error',
  'app/network-timeout',
]);
const TOKEN_INVALID_CODES = new Set([
  'messaging/registration-token-not-registered',
  'messaging/invalid-registration-token',
]);

const errorCode = (error: unknown): string | undefined =>
  error && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
    ? error.code
    : undefined;

/** Maps a firebase-admin error (its `code`, e.g. messaging/registration-token-not-registered) to a provider error. */
export const mapFcmError = (error: unknown, tokenFailure?: PushProviderError): PushProviderError => {
  if (error instanceof PushProviderError) return error;
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'app/invalid-credential' && tokenFailure) return tokenFailure;
  const base = { provider: 'fcm' as const, reason: code, message: `FCM: ${message}`, cause: error };
  if (code !== undefined && TOKEN_INVALID_CODES.has(code)) {
    return new PushProviderError({ ...base, kind: 'permanent', tokenInvalid: true });
  }
  // FCM's INVALID_ARGUMENT covers a malformed token and a malformed message alike; only the former condemns
  // the token, and firebase-admin keeps nothing but the server's message to tell them apart.
  if (code === 'messaging/invalid-argument') {
    return new PushProviderError({
      ...base,
      kind: 'permanent',
      tokenInvalid: /registration token/i.test(message),
    });
  }
  if (code !== undefined && TRANSIENT_CODES.has(code))
    return new PushProviderError({ ...base, kind: 'transient' });
  return new PushProviderError({ ...base, kind: 'permanent' });
};

/**
 * Sends through FCM's HTTP v1 API with firebase-admin's messaging client. firebase-admin itself retries a
 * 503 up to four times (about 7 s of back-off, longer if FCM sends Retry-After) before the send fails.
 */
export const createFcmDriver = (opts: FcmDriverOptions): PushDriver => {
  const account = parseServiceAccount(opts.serviceAccountJson);
  const clock = opts.clock ?? Date.now;
  let tokenFailure: PushProviderError | undefined;
  const credential = createServiceAccountCredential(account, {
    httpAgent: opts.httpAgent,
    clock,
    onFailure: (error) => {
      tokenFailure = error;
    },
  });
  const app: App = initializeApp(
    {
      credential,
      projectId: account.project_id,
      ...(opts.httpAgent ? { httpAgent: opts.httpAgent } : {}),
    },
    opts.appName ?? `push-fcm-${randomUUID()}`,
  );
  const messaging = getMessaging(app);

  return {
    name: 'fcm',
    send: async (message): Promise<PushSent> => {
      assertServes('fcm', message.platform);
      try {
        const name = await messaging.send(buildFcmMessage(message, clock()));
        return { provider: 'fcm', providerMessageId: name };
      } catch (error) {
        throw mapFcmError(error, tokenFailure);
      }
    },
    close: () => deleteApp(app),
  };
};
