import { generateKeyPairSync, sign } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type RecordedSendgridRequest = {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** the parsed JSON body, or null when the body was empty or not JSON */
  body: unknown;
};

export type FakeSendgridReply = {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** answer only after this many ms (the server's own timer; for timeouts that should still answer late) */
  delayMs?: number;
  /** never answer: the connection stays open until the client gives up or the fake closes */
  hang?: boolean;
};

/** Returns the reply for a request, or undefined to let the fake answer as SendGrid would. */
export type FakeSendgridResponder = (request: RecordedSendgridRequest) => FakeSendgridReply | undefined;

const sendgridErrors = (
  ...errors: Array<{ message: string; field?: string | null; help?: string | null }>
) => ({
  errors: errors.map((e) => ({ message: e.message, field: e.field ?? null, help: e.help ?? null })),
});

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** What api.sendgrid.com answers to POST /v3/mail/send when nothing is scripted. */
const defaultMailSendReply = (
  request: RecordedSendgridRequest,
  apiKey: string | undefined,
  messageId: () => string,
): FakeSendgridReply => {
  const auth = request.headers.authorization;
  if (typeof auth !== 'string' || !auth.startsWith('Bearer ') || auth.length <= 'Bearer '.length) {
    return { status: 401, body: sendgridErrors({ message: 'authorization required' }) };
  }
  if (apiKey !== undefined && auth !== `Bearer ${apiKey}`) {
    return {
      status: 401,
      body: sendgridErrors({ message: 'The provided authorization grant is invalid, expired, or revoked' }),
    };
  }
  const body = request.body;
  if (!isRecord(body)) return { status: 400, body: sendgridErrors({ message: 'Bad Request' }) };
  const errors: Array<{ message: string; field: string }> = [];
  if (!Array.isArray(body.personalizations) || body.personalizations.length === 0) {
    errors.push({
      message: 'The personalizations field is required and must have at least one personalization.',
      field: 'personalizations',
    });
  }
  if (!isRecord(body.from) || typeof body.from.email !== 'string') {
    errors.push({
      message:
        'The from object must be provided for every email send. It is an object that requires the email parameter, but may also contain a name parameter.',
      field: 'from.email',
    });
  }
  if (!Array.isArray(body.content) || body.content.length === 0) {
    errors.push({
      message:
        'Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block.',
      field: 'content',
    });
  }
  if (errors.length > 0) return { status: 400, body: sendgridErrors(...errors) };
  return { status: 202, headers: { 'x-message-id': messageId() } };
};

/**
 * Test-only: a loopback HTTP server speaking SendGrid v3's wire format for POST /v3/mail/send. It records
 * every request; `respondWith` scripts answers (a function, or a queue consumed one request at a time) and
 * falls back to SendGrid's own behaviour: 202 with `x-message-id` and an empty body, 401 without a Bearer
 * key (or with another key than `apiKey` when given), 400 with SendGrid-shaped errors for a body missing
 * personalizations, from or content.
 */
export const startFakeSendgrid = async (opts: { apiKey?: string } = {}) => {
  const requests: RecordedSendgridRequest[] = [];
  let responder: FakeSendgridResponder | undefined;
  let queue: FakeSendgridReply[] = [];
  let sent = 0;
  const messageId = () => {
    sent += 1;
    return `fake-sg-${String(sent).padStart(6, '0')}`;
  };
  const timers = new Set<NodeJS.Timeout>();

  const answer = (res: ServerResponse, reply: FakeSendgridReply) => {
    const status = reply.status ?? 200;
    const hasBody = reply.body !== undefined;
    res.writeHead(status, {
      ...(hasBody ? { 'content-type': 'application/json' } : {}),
      ...reply.headers,
    });
    res.end(hasBody ? JSON.stringify(reply.body) : undefined);
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      try {
        body = raw === '' ? null : JSON.parse(raw);
      } catch {
        body = null;
      }
      const request: RecordedSendgridRequest = {
        method: req.method ?? '',
        path: (req.url ?? '').split('?')[0] ?? '',
        headers: req.headers,
        body,
      };
      requests.push(request);
      const scripted = queue.shift() ?? responder?.(request);
      let reply: FakeSendgridReply;
      if (scripted) reply = scripted;
      else if (request.method === 'POST' && request.path === '/v3/mail/send')
        reply = defaultMailSendReply(request, opts.apiKey, messageId);
      else reply = { status: 404, body: sendgridErrors({ message: 'resource not found' }) };
      if (reply.hang) return;
      if (reply.delayMs !== undefined && reply.delayMs > 0) {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!res.destroyed) answer(res, reply);
        }, reply.delayMs);
        timers.add(timer);
        return;
      }
      answer(res, reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    /** Script the next answers: a queue is consumed first, one reply per request; then the function. */
    respondWith: (next: FakeSendgridResponder | FakeSendgridReply[]) => {
      if (typeof next === 'function') {
        responder = next;
        queue = [];
      } else {
        queue = [...next];
      }
    },
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
};

export type FakeSendgrid = Awaited<ReturnType<typeof startFakeSendgrid>>;

/**
 * Test-only: signs Event Webhook bodies the way SendGrid does: ECDSA P-256 over `timestamp + rawBody` with
 * SHA-256, DER signature in base64. `publicKey` is base64 DER (SPKI), the form SendGrid's settings page shows.
 */
export const createEventWebhookSigner = () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const sign_ = (rawBody: string | Buffer, timestamp: string): string =>
    sign('sha256', Buffer.concat([Buffer.from(timestamp, 'utf8'), Buffer.from(rawBody)]), {
      key: privateKey,
      dsaEncoding: 'der',
    }).toString('base64');
  return {
    publicKey: publicKey.export({ format: 'der', type: 'spki' }).toString('base64'),
    sign: sign_,
    /** The raw body and the two headers SendGrid posts for these events at `timestampSeconds`. */
    signedRequest: (events: unknown[], timestampSeconds: number) => {
      const rawBody = Buffer.from(JSON.stringify(events), 'utf8');
      const timestamp = String(timestampSeconds);
      return {
        rawBody,
        headers: {
          'x-twilio-email-event-webhook-signature': sign_(rawBody, timestamp),
          'x-twilio-email-event-webhook-timestamp': timestamp,
        },
      };
    },
  };
};

export type EventWebhookSigner = ReturnType<typeof createEventWebhookSigner>;
