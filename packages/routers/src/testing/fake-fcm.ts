import type { IncomingHttpHeaders } from 'node:http';
import { Agent, type AgentOptions, createServer, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as tlsConnect } from 'node:tls';
import { importSPKI, jwtVerify } from 'jose';
import type { TestCertificate } from './fake-apns';

export const GOOGLE_OAUTH_HOST = 'oauth2.googleapis.com';
export const FCM_HOST = 'fcm.googleapis.com';
/** The only hosts a FakeFcm agent lets a request name; it dials 127.0.0.1 for each of them. */
export const FCM_TEST_HOSTS = [GOOGLE_OAUTH_HOST, FCM_HOST];

export type FcmRecordedRequest = {
  host: string;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** JSON body, or the form fields of a token request */
  body: unknown;
  status: number;
};

export type FcmQueuedError =
  | { errorCode: 'UNREGISTERED' }
  | { errorCode: 'INVALID_ARGUMENT'; message?: string; field?: string }
  | { errorCode: 'UNAVAILABLE' }
  | { errorCode: 'INTERNAL' }
  | { errorCode: 'QUOTA_EXCEEDED' };

const FCM_SCOPE = 'https://www.googleapis.com/auth/firebase.messaging';
const FCM_ERROR_TYPE = 'type.googleapis.com/google.firebase.fcm.v1.FcmError';

/** FCM v1's error answers, as the service writes them. */
const errorAnswer = (queued: FcmQueuedError): { status: number; body: unknown } => {
  const fcmError = (code: number, status: string, message: string, extra: unknown[] = []) => ({
    status: code,
    body: {
      error: {
        code,
        message,
        status,
        details: [{ '@type': FCM_ERROR_TYPE, errorCode: queued.errorCode }, ...extra],
      },
    },
  });
  switch (queued.errorCode) {
    case 'UNREGISTERED':
      return fcmError(404, 'NOT_FOUND', 'Requested entity was not found.');
    case 'INVALID_ARGUMENT':
      return fcmError(
        400,
        'INVALID_ARGUMENT',
        queued.message ?? 'The registration token is not a valid FCM registration token',
        [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field: queued.field ?? 'message.token', description: 'Invalid value' }],
          },
        ],
      );
    case 'UNAVAILABLE':
      return fcmError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    case 'INTERNAL':
      return fcmError(500, 'INTERNAL', 'Internal error encountered.');
    case 'QUOTA_EXCEEDED':
      return fcmError(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded for sending messages.');
  }
};

/**
 * Test-only: a loopback HTTPS server answering the two Google endpoints firebase-admin's messaging needs: the
 * OAuth2 token endpoint (it checks the JWT-bearer assertion's RS256 signature against the service account's
 * public key, issuer, audience and scope, then issues an access token) and FCM v1 messages:send (it demands
 * an access token it issued, records the body and answers with a message name or the next queued error).
 * `agent()` routes a client there.
 */
export const startFakeFcm = async (opts: {
  certificate: TestCertificate;
  projectId: string;
  clientEmail: string;
  /** SPKI PEM of the service account key */
  publicKey: string;
  clock: () => number;
}) => {
  const publicKey = await importSPKI(opts.publicKey, 'RS256');
  const requests: FcmRecordedRequest[] = [];
  const queue: FcmQueuedError[] = [];
  const issued: string[] = [];
  let messages = 0;

  const checkAssertion = async (assertion: string | undefined): Promise<boolean> => {
    if (!assertion) return false;
    try {
      const { payload } = await jwtVerify(assertion, publicKey, {
        algorithms: ['RS256'],
        issuer: opts.clientEmail,
        audience: `https://${GOOGLE_OAUTH_HOST}/token`,
        currentDate: new Date(opts.clock()),
        requiredClaims: ['iat', 'exp'],
      });
      return typeof payload.scope === 'string' && payload.scope.split(' ').includes(FCM_SCOPE);
    } catch {
      return false;
    }
  };

  const server = createServer({ key: opts.certificate.key, cert: opts.certificate.cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const host = String(req.headers.host ?? '').replace(/:443$/, '');
      const path = req.url ?? '';
      const isForm = String(req.headers['content-type'] ?? '').startsWith(
        'application/x-www-form-urlencoded',
      );
      const body: unknown = isForm
        ? Object.fromEntries(new URLSearchParams(text))
        : text
          ? JSON.parse(text)
          : undefined;
      const record: FcmRecordedRequest = {
        host,
        method: req.method ?? '',
        path,
        headers: req.headers,
        body,
        status: 0,
      };
      requests.push(record);
      const send = (status: number, answer: unknown) => {
        record.status = status;
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' });
        res.end(JSON.stringify(answer));
      };

      if (host === GOOGLE_OAUTH_HOST && req.method === 'POST' && path === '/token') {
        const form = body as Record<string, string>;
        if (
          form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
          !(await checkAssertion(form.assertion))
        ) {
          send(400, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
          return;
        }
        const accessToken = `ya29.fake-${issued.length + 1}`;
        issued.push(accessToken);
        send(200, { access_token: accessToken, expires_in: 3600, token_type: 'Bearer' });
        return;
      }

      if (
        host === FCM_HOST &&
        req.method === 'POST' &&
        path === `/v1/projects/${opts.projectId}/messages:send`
      ) {
        const bearer = String(req.headers.authorization ?? '').replace(/^Bearer /, '');
        if (!issued.includes(bearer)) {
          send(401, {
            error: {
              code: 401,
              message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
              status: 'UNAUTHENTICATED',
            },
          });
          return;
        }
        const next = queue.shift();
        if (next) {
          const answer = errorAnswer(next);
          send(answer.status, answer.body);
          return;
        }
        messages += 1;
        send(200, { name: `projects/${opts.projectId}/messages/${messages}` });
        return;
      }

      send(404, {
        error: { code: 404, message: `fake FCM: no route ${req.method} ${host}${path}`, status: 'NOT_FOUND' },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    port,
    requests,
    /** Access tokens issued, in order. */
    issued,
    /** The next messages:send requests get these errors, in order. */
    enqueue: (...errors: FcmQueuedError[]) => {
      queue.push(...errors);
    },
    /**
     * An agent that sends every request for a Google host here, verifying TLS against that host name with the
     * test certificate, and refuses any other host before a socket is opened: a bug cannot reach a network.
     */
    agent: (agentOptions: AgentOptions = {}) => new LoopbackAgent(port, opts.certificate.cert, agentOptions),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
    },
  };
};

export class LoopbackAgent extends Agent {
  /** Host names requests asked for, in order (refused ones included). */
  readonly dialed: string[] = [];

  constructor(
    private readonly port: number,
    private readonly ca: string,
    options: AgentOptions,
  ) {
    super(options);
  }

  override createConnection(options: RequestOptions): Duplex {
    const host = String(options.servername || options.host || options.hostname || '');
    this.dialed.push(host);
    if (!FCM_TEST_HOSTS.includes(host)) {
      throw new Error(`LoopbackAgent: refusing to connect to ${host || '(no host)'}`);
    }
    return tlsConnect({ host: '127.0.0.1', port: this.port, servername: host, ca: this.ca });
  }
}

export type FakeFcm = Awaited<ReturnType<typeof startFakeFcm>>;
