import {
  type ClientHttp2Session,
  type ClientHttp2Stream,
  connect as http2Connect,
  constants as http2Constants,
} from 'node:http2';
import { importPKCS8, SignJWT } from 'jose';
import { assertServes, type PushDriver, type PushMessage, PushProviderError, type PushSent } from './push';

export const APNS_PRODUCTION_HOST = 'https://api.push.apple.com';
export const APNS_SANDBOX_HOST = 'https://api.sandbox.push.apple.com';

/**
 * Apple refuses provider tokens older than an hour (ExpiredProviderToken) and refreshes more often than every
 * 20 minutes (TooManyProviderTokenUpdates); 50 minutes sits between the two.
 */
export const APNS_TOKEN_REFRESH_MS = 50 * 60 * 1000;
const DEFAULT_TIMEOUT_MS = 10_000;

export type ApnsDriverOptions = {
  /** APNS_KEY_ID: the id of the .p8 signing key */
  keyId: string;
  /** APNS_TEAM_ID */
  teamId: string;
  /** PEM content of the .p8 file at APNS_KEY_PATH */
  privateKey: string;
  /** APNS_HOST; defaults to production, APNS_SANDBOX_HOST for development builds */
  host?: string;
  clock: () => number;
  /** Opens the HTTP/2 session; tests pass one that reaches a loopback server with its own CA. */
  connect?: (authority: string) => ClientHttp2Session;
  /** Per-request timeout; a timeout is a transient failure. */
  timeoutMs?: number;
};

type ApnsResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: string };

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOKEN_INVALID_REASONS = new Set(['BadDeviceToken', 'DeviceTokenNotForTopic']);

const headerValue = (value: string | string[] | undefined): string | undefined =>
  Array.isArray(value) ? value[0] : value;

const parseReason = (body: string): string | undefined => {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'reason' in parsed && typeof parsed.reason === 'string') {
      return parsed.reason;
    }
  } catch {
    // APNs answers errors with JSON; anything else is reported by status alone.
  }
  return undefined;
};

const parseRetryAfterMs = (value: string | undefined): number | undefined => {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined;
};

/**
 * The APNs payload: `aps` carries what iOS shows; custom data sits beside it at the top level, where the app
 * reads it. `aps` is written last so a data key cannot replace it.
 */
export const buildApnsPayload = (message: PushMessage) => ({
  ...message.data,
  aps: {
    alert: { title: message.title, body: message.body },
    ...(message.badge === undefined ? {} : { badge: message.badge }),
    ...(message.sound === undefined ? {} : { sound: message.sound }),
  },
});

const connectionError = (error: unknown) =>
  new PushProviderError({
    provider: 'apns',
    kind: 'transient',
    reason: 'ConnectionError',
    message: `APNs request failed: ${error instanceof Error ? error.message : String(error)}`,
    cause: error,
  });

/** Maps an APNs error answer (any status but 200) to a provider error. */
const classify = (response: ApnsResponse): PushProviderError => {
  const reason = parseReason(response.body);
  const { status } = response;
  const base = {
    provider: 'apns' as const,
    status,
    reason,
    message: `APNs ${status} ${reason ?? ''}`.trim(),
  };
  if (status === 410 || (status === 400 && reason !== undefined && TOKEN_INVALID_REASONS.has(reason))) {
    return new PushProviderError({ ...base, kind: 'permanent', tokenInvalid: true });
  }
  if (status === 429 || status === 500 || status === 503) {
    const retryAfterMs = parseRetryAfterMs(headerValue(response.headers['retry-after']));
    return new PushProviderError({ ...base, kind: 'transient', retryAfterMs });
  }
  return new PushProviderError({ ...base, kind: 'permanent' });
};

/**
 * Sends straight to APNs over one reused HTTP/2 session with token (.p8) authentication. The session is replaced
 * when it closes, errors or receives GOAWAY (Apple closes idle connections); the provider token is signed once
 * and re-signed after APNS_TOKEN_REFRESH_MS of the injected clock, or once when APNs calls it expired.
 */
export const createApnsDriver = (opts: ApnsDriverOptions): PushDriver => {
  const authority = opts.host ?? APNS_PRODUCTION_HOST;
  const connect = opts.connect ?? ((target: string) => http2Connect(target));
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const signingKey = importPKCS8(opts.privateKey, 'ES256');
  // A rejected key must fail the sends that need it, not the process.
  signingKey.catch(() => undefined);

  let session: ClientHttp2Session | undefined;
  let providerToken: { jwt: Promise<string>; issuedAtMs: number } | undefined;

  const signToken = (nowMs: number) => {
    const jwt = signingKey.then((key) =>
      new SignJWT({})
        .setProtectedHeader({ alg: 'ES256', kid: opts.keyId })
        .setIssuer(opts.teamId)
        .setIssuedAt(Math.floor(nowMs / 1000))
        .sign(key),
    );
    providerToken = { jwt, issuedAtMs: nowMs };
    // A failed signature is not cached: the next send signs again.
    jwt.catch(() => {
      if (providerToken?.jwt === jwt) providerToken = undefined;
    });
    return jwt;
  };

  const currentToken = (): Promise<string> => {
    const now = opts.clock();
    if (providerToken && now - providerToken.issuedAtMs < APNS_TOKEN_REFRESH_MS) return providerToken.jwt;
    return signToken(now);
  };

  /** Re-signs after APNs called `used` expired, unless a concurrent send already replaced it. */
  const refreshedToken = async (used: string): Promise<string> => {
    const current = providerToken && (await providerToken.jwt.catch(() => undefined));
    if (current !== undefined && current !== used) return current;
    return signToken(opts.clock());
  };

  const openSession = (): ClientHttp2Session => {
    if (session && !session.closed && !session.destroyed) return session;
    const next = connect(authority);
    const forget = () => {
      if (session === next) session = undefined;
    };
    next.on('goaway', forget);
    next.on('close', forget);
    // Session errors also fail the streams in flight, which report them; this listener keeps the process alive.
    next.on('error', forget);
    session = next;
    return next;
  };

  const request = (message: PushMessage, topic: string, jwt: string): Promise<ApnsResponse> =>
    new Promise((resolve, reject) => {
      const headers: Record<string, string> = {
        ':method': 'POST',
        ':path': `/3/device/${encodeURIComponent(message.token)}`,
        authorization: `bearer ${jwt}`,
        'apns-topic': topic,
        'apns-push-type': 'alert',
        'apns-priority': '10',
        'content-type': 'application/json',
      };
      if (message.ttlSeconds !== undefined) {
        // apns-expiration is an absolute UNIX time; 0 means "deliver now or never".
        headers['apns-expiration'] =
          message.ttlSeconds === 0 ? '0' : String(Math.floor(opts.clock() / 1000) + message.ttlSeconds);
      }
      if (message.collapseKey !== undefined) headers['apns-collapse-id'] = message.collapseKey;
      if (UUID_RE.test(message.deliveryId)) headers['apns-id'] = message.deliveryId;

      let stream: ClientHttp2Stream;
      try {
        stream = openSession().request(headers);
      } catch {
        // The session went away between the check and the request (GOAWAY not yet seen as 'close').
        session = undefined;
        try {
          stream = openSession().request(headers);
        } catch (again) {
          reject(connectionError(again));
          return;
        }
      }
      let status = 0;
      let responseHeaders: ApnsResponse['headers'] = {};
      const chunks: Buffer[] = [];
      stream.setTimeout(timeoutMs, () => {
        stream.close(http2Constants.NGHTTP2_CANCEL);
        reject(
          new PushProviderError({
            provider: 'apns',
            kind: 'transient',
            reason: 'Timeout',
            message: `APNs did not answer within ${timeoutMs} ms`,
          }),
        );
      });
      stream.on('response', (received) => {
        status = Number(received[':status'] ?? 0);
        responseHeaders = received;
      });
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () =>
        resolve({ status, headers: responseHeaders, body: Buffer.concat(chunks).toString('utf8') }),
      );
      stream.on('error', (error) => reject(connectionError(error)));
      stream.on('close', () => reject(connectionError(new Error('stream closed before an answer'))));
      stream.end(JSON.stringify(buildApnsPayload(message)));
    });

  const signOrFail = (token: Promise<string>) =>
    token.catch((error: unknown) => {
      throw new PushProviderError({
        provider: 'apns',
        kind: 'permanent',
        reason: 'InvalidSigningKey',
        message: `APNs provider token could not be signed (check APNS_KEY_PATH and APNS_KEY_ID): ${String(error)}`,
        cause: error,
      });
    });

  return {
    name: 'apns',
    send: async (message): Promise<PushSent> => {
      assertServes('apns', message.platform);
      const { topic } = message;
      if (!topic) {
        throw new PushProviderError({
          provider: 'apns',
          kind: 'permanent',
          reason: 'MissingTopic',
          message: 'APNs needs the app bundle id as the message topic',
        });
      }
      const jwt = await signOrFail(currentToken());
      let response = await request(message, topic, jwt);
      if (response.status === 403 && parseReason(response.body) === 'ExpiredProviderToken') {
        response = await request(message, topic, await signOrFail(refreshedToken(jwt)));
      }
      if (response.status !== 200) throw classify(response);
      return { provider: 'apns', providerMessageId: headerValue(response.headers['apns-id']) ?? null };
    },
    close: async () => {
      const current = session;
      session = undefined;
      if (!current || current.closed) return;
      await new Promise<void>((resolve) => current.close(resolve));
    },
  };
};
