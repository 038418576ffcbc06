import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import {
  type ClientHttp2Session,
  createSecureServer,
  connect as http2Connect,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
} from 'node:http2';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { promisify } from 'node:util';
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';

export type TestCertificate = { key: string; cert: string };

/**
 * Test-only: a throwaway self-signed certificate (P-256, one day) for `hostnames`, made with the openssl CLI
 * because node:crypto cannot issue X.509 certificates. Clients trust it by passing `cert` as their `ca`, so TLS
 * is verified for real, against the provider's own host name.
 */
export const createTestCertificate = async (hostnames: string[]): Promise<TestCertificate> => {
  const dir = await mkdtemp(join(tmpdir(), 'push-cert-'));
  try {
    const keyPath = join(dir, 'key.pem');
    const certPath = join(dir, 'cert.pem');
    const san = [...hostnames.map((h) => `DNS:${h}`), 'IP:127.0.0.1'].join(',');
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-keyout',
      keyPath,
      '-out',
      certPath,
      '-subj',
      '/CN=localhost',
      '-days',
      '1',
      '-addext',
      `subjectAltName=${san}`,
    ]);
    return { key: await readFile(keyPath, 'utf8'), cert: await readFile(certPath, 'utf8') };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export type ApnsRecordedRequest = {
  method: string;
  path: string;
  authority: string;
  headers: IncomingHttpHeaders;
  body: unknown;
  /** The provider token as sent (after `bearer `). */
  jwt: string;
  /** Its claims, when it verified. */
  claims?: { iss?: unknown; iat?: unknown };
  status: number;
};

export type ApnsQueuedAnswer =
  | { status: 410; reason: 'Unregistered' | 'ExpiredToken' }
  | { status: 400 | 403 | 429 | 500 | 503; reason: string; retryAfterSeconds?: number }
  /** Never answers: for timeouts. */
  | { hang: true };

export const APNS_TEST_HOST = 'api.sandbox.push.apple.com';

/**
 * Test-only: a loopback HTTP/2 TLS server that acts as APNs. It checks every provider token the way Apple does
 * (ES256 signature with the key's public half, `kid`, `iss`, `iat` not older than an hour by the injected clock,
 * a new token no sooner than 20 minutes after the last), records each request, and answers 200 with an
 * apns-id or the next queued error.
 */
export const startFakeApns = async (opts: {
  certificate: TestCertificate;
  /** SPKI PEM of the .p8 key the driver signs with */
  publicKey: string;
  keyId: string;
  teamId: string;
  clock: () => number;
}) => {
  const publicKey = await importSPKI(opts.publicKey, 'ES256');
  const requests: ApnsRecordedRequest[] = [];
  const queue: ApnsQueuedAnswer[] = [];
  const sessions = new Set<ServerHttp2Session>();
  let connections = 0;
  let lastToken: { jwt: string; iat: number } | undefined;
  let ids = 0;

  const verify = async (
    jwt: string,
  ): Promise<{ reason?: string; claims?: ApnsRecordedRequest['claims'] }> => {
    try {
      const header = decodeProtectedHeader(jwt);
      if (header.kid !== opts.keyId) return { reason: 'InvalidProviderToken' };
      // Expiry is judged below by the injected clock, not jose's wall clock.
      const { payload } = await jwtVerify(jwt, publicKey, {
        algorithms: ['ES256'],
        issuer: opts.teamId,
        currentDate: new Date(opts.clock()),
      });
      const claims = { iss: payload.iss, iat: payload.iat };
      if (typeof payload.iat !== 'number') return { reason: 'MissingProviderToken', claims };
      const nowSeconds = Math.floor(opts.clock() / 1000);
      if (nowSeconds - payload.iat > 3600) return { reason: 'ExpiredProviderToken', claims };
      if (lastToken && lastToken.jwt !== jwt) {
        if (payload.iat - lastToken.iat < 20 * 60) return { reason: 'TooManyProviderTokenUpdates', claims };
      }
      if (lastToken?.jwt !== jwt) lastToken = { jwt, iat: payload.iat };
      return { claims };
    } catch {
      return { reason: 'InvalidProviderToken' };
    }
  };

  const server = createSecureServer({ key: opts.certificate.key, cert: opts.certificate.cert });
  server.on('session', (session) => {
    connections += 1;
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const authorization = String(headers.authorization ?? '');
      const jwt = authorization.startsWith('bearer ') ? authorization.slice('bearer '.length) : '';
      const checked = jwt ? await verify(jwt) : { reason: 'MissingProviderToken' };
      const record: ApnsRecordedRequest = {
        method: String(headers[':method']),
        path: String(headers[':path']),
        authority: String(headers[':authority']),
        headers,
        body: text ? JSON.parse(text) : undefined,
        jwt,
        claims: checked.claims,
        status: 0,
      };
      requests.push(record);
      const answer = (status: number, extra: Record<string, string>, body?: unknown) => {
        record.status = status;
        if (stream.destroyed) return;
        stream.respond({ ':status': status, ...extra });
        stream.end(body === undefined ? undefined : JSON.stringify(body));
      };
      const apnsId = String(
        headers['apns-id'] ?? `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
      );
      if (checked.reason) {
        const status = checked.reason === 'TooManyProviderTokenUpdates' ? 429 : 403;
        answer(status, { 'apns-id': apnsId }, { reason: checked.reason });
        return;
      }
      const next = queue.shift();
      if (next && 'hang' in next) return;
      if (next) {
        const extra: Record<string, string> = { 'apns-id': apnsId, 'content-type': 'application/json' };
        if ('retryAfterSeconds' in next && next.retryAfterSeconds !== undefined) {
          extra['retry-after'] = String(next.retryAfterSeconds);
        }
        const body =
          next.status === 410 ? { reason: next.reason, timestamp: opts.clock() } : { reason: next.reason };
        answer(next.status, extra, body);
        return;
      }
      answer(200, { 'apns-id': apnsId });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    requests,
    /** TLS connections (HTTP/2 sessions) opened so far. */
    connections: () => connections,
    /** The next requests get these answers, in order. */
    enqueue: (...answers: ApnsQueuedAnswer[]) => {
      queue.push(...answers);
    },
    /** Sends GOAWAY on every open session, as APNs does to idle connections. */
    goAway: () => {
      for (const session of sessions) session.close();
    },
    /**
     * A `connect` for the driver: accepts only `https://${APNS_TEST_HOST}` and always dials 127.0.0.1, verifying
     * the certificate against the APNs host name. `opened` collects the client sessions.
     */
    connector: () => {
      const opened: ClientHttp2Session[] = [];
      const connect = (authority: string): ClientHttp2Session => {
        if (authority !== `https://${APNS_TEST_HOST}`) {
          throw new Error(`fake APNs: refusing to connect to ${authority}`);
        }
        const session = http2Connect(authority, {
          createConnection: () =>
            tlsConnect({
              host: '127.0.0.1',
              port,
              servername: APNS_TEST_HOST,
              ca: opts.certificate.cert,
              ALPNProtocols: ['h2'],
            }),
        });
        opened.push(session);
        return session;
      };
      return { connect, opened };
    },
    close: async () => {
      for (const session of sessions) session.destroy();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
};

export type FakeApns = Awaited<ReturnType<typeof startFakeApns>>;
