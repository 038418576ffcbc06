import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loopbackOnlyConnector } from '../../testing/loopback-connector';
import { type Connector, type ConnectTarget, OutboundRefused, type Resolver } from '../outbound';
import {
  createOutboundClient,
  type OutboundClient,
  type OutboundClientPolicy,
  OutboundTimeout,
} from './client';

/**
 * The webhook client against real receivers on 127.0.0.1. Connections reach loopback only: either through
 * `loopbackOnlyConnector`, or through a connector that stands a loopback receiver in for a public address
 * (to show that the connection goes to the address that was checked) and throws for anything else.
 */

type Receiver = {
  port: number;
  url: (path?: string) => string;
  requests: { path: string; headers: IncomingMessage['headers']; body: string }[];
  /** TCP connections accepted, and those since closed. */
  connections: number;
  closed: number;
  close(): Promise<void>;
};

const receivers: Receiver[] = [];
const clients: OutboundClient[] = [];

afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(receivers.splice(0).map((receiver) => receiver.close()));
});

const startReceiver = async (
  handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end('ok'),
): Promise<Receiver> => {
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      receiver.requests.push({
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
      });
      handle(req, res);
    });
  });
  server.on('connection', (socket) => {
    receiver.connections += 1;
    sockets.add(socket);
    socket.on('close', () => {
      receiver.closed += 1;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const receiver: Receiver = {
    port,
    url: (path = '/hook') => `http://127.0.0.1:${port}${path}`,
    requests: [],
    connections: 0,
    closed: 0,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
  receivers.push(receiver);
  return receiver;
};

const client = (policy: Partial<OutboundClientPolicy>) => {
  const created = createOutboundClient({
    network: 'public',
    allowedCidrs: ['127.0.0.0/8'],
    http: 'allowed-cidrs-only',
    timeoutMs: 2000,
    connect: loopbackOnlyConnector,
    ...policy,
  });
  clients.push(created);
  return created;
};

/** Stands the loopback receiver in for `publicAddress`; any other address throws. Records every target. */
const standIn = (publicAddress: string, receiver: Receiver) => {
  const targets: ConnectTarget[] = [];
  const connect: Connector = (target) => {
    targets.push(target);
    if (target.address !== publicAddress) throw new Error(`test connector: refusing ${target.address}`);
    return loopbackOnlyConnector({ ...target, address: '127.0.0.1', port: receiver.port });
  };
  return { targets, connect };
};

const POST = { headers: { 'content-type': 'application/json', 'webhook-id': 'msg_1' }, body: '{"a":1}' };
const waitFor = async (check: () => boolean) => {
  for (let tries = 0; tries < 100 && !check(); tries += 1) await new Promise((r) => setTimeout(r, 10));
};

describe('createOutboundClient', () => {
  it('posts to a loopback receiver admitted by allowedCidrs, with the headers and body given', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.setHeader('X-Receiver', 'yes');
      res.statusCode = 202;
      res.end('accepted');
    });
    const response = await client({}).post(receiver.url('/hook?x=1'), {
      headers: { ...POST.headers, 'X-Custom': 'c', skipped: undefined },
      body: POST.body,
    });
    expect(response).toMatchObject({ status: 202, body: 'accepted', truncated: false });
    expect(response.headers['x-receiver']).toBe('yes');
    const [seen] = receiver.requests;
    expect(seen?.path).toBe('/hook?x=1');
    expect(seen?.body).toBe('{"a":1}');
    expect(seen?.headers).toMatchObject({
      host: `127.0.0.1:${receiver.port}`,
      'content-length': '7',
      'content-type': 'application/json',
      'webhook-id': 'msg_1',
      'x-custom': 'c',
    });
    expect(seen?.headers).not.toHaveProperty('skipped');
  });

  it('refuses the same receiver when allowedCidrs does not list it, before connecting', async () => {
    const receiver = await startReceiver();
    const strict = client({ allowedCidrs: [], http: 'allow' });
    await expect(strict.post(receiver.url(), POST)).rejects.toBeInstanceOf(OutboundRefused);
    await expect(client({ allowedCidrs: ['10.0.0.0/8'] }).post(receiver.url(), POST)).rejects.toThrow(
      /^127\.0\.0\.1 is a loopback address \(127\.0\.0\.0\/8\), which is not allowed$/,
    );
    expect(receiver.connections).toBe(0);
  });

  it('returns a redirect as it came and does not follow it', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    const response = await client({}).post(receiver.url(), POST);
    expect(response.status).toBe(302);
    expect(response.headers.location).toBe('http://169.254.169.254/latest/meta-data/');
    expect(receiver.requests).toHaveLength(1);
  });

  it('gives up on a receiver that never answers after timeoutMs', async () => {
    const receiver = await startReceiver(() => undefined);
    const started = performance.now();
    const error = await client({ timeoutMs: 200 })
      .post(receiver.url(), POST)
      .catch((caught: unknown) => caught);
    const elapsed = performance.now() - started;
    expect(error).toBeInstanceOf(OutboundTimeout);
    expect((error as Error).message).toBe(`timed out after 200 ms waiting for 127.0.0.1:${receiver.port}`);
    expect(elapsed).toBeGreaterThanOrEqual(190);
    expect(elapsed).toBeLessThan(1500);
    await waitFor(() => receiver.closed === 1);
    expect(receiver.closed).toBe(1);
  });

  it('bounds the whole exchange: a receiver that answers, then dribbles its body, times out too', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write('.'), 20);
      res.on('close', () => clearInterval(drip));
    });
    await expect(client({ timeoutMs: 200 }).post(receiver.url(), POST)).rejects.toThrow(
      /timed out after 200 ms/,
    );
  });

  it('keeps the first 4096 bytes of a large answer and drops the connection', async () => {
    const receiver = await startReceiver((_req, res) => res.end('x'.repeat(1024 * 1024)));
    const response = await client({}).post(receiver.url(), POST);
    expect(response.body).toHaveLength(4096);
    expect(response.truncated).toBe(true);
    await waitFor(() => receiver.closed === 1);
    expect(receiver.closed).toBe(1);
  });

  it('is not held by a receiver that streams forever', async () => {
    const receiver = await startReceiver((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      const pump = setInterval(() => res.write('y'.repeat(1000)), 5);
      res.on('close', () => clearInterval(pump));
    });
    const started = performance.now();
    const response = await client({ timeoutMs: 5000 }).post(receiver.url(), POST);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(response).toMatchObject({ status: 200, truncated: true });
    expect(response.body).toBe('y'.repeat(4096));
    await waitFor(() => receiver.closed === 1);
    expect(receiver.closed).toBe(1);
  });

  it('keeps a body of exactly the limit whole, and honours a smaller maxBodyBytes', async () => {
    const receiver = await startReceiver((_req, res) => res.end('z'.repeat(4096)));
    const whole = await client({}).post(receiver.url(), POST);
    expect(whole).toMatchObject({ body: 'z'.repeat(4096), truncated: false });
    const small = await client({ maxBodyBytes: 10 }).post(receiver.url(), POST);
    expect(small).toMatchObject({ body: 'z'.repeat(10), truncated: true });
  });

  it('reuses a kept-alive connection for the same target, not after a truncated answer', async () => {
    let large = false;
    const receiver = await startReceiver((_req, res) => res.end(large ? 'L'.repeat(10_000) : 'ok'));
    const shared = client({});
    for (let index = 0; index < 20; index += 1) {
      expect((await shared.post(receiver.url(), POST)).status).toBe(200);
    }
    expect(receiver.connections).toBe(1);
    large = true;
    expect((await shared.post(receiver.url(), POST)).truncated).toBe(true);
    large = false;
    await shared.post(receiver.url(), POST);
    expect(receiver.connections).toBe(2);
    expect(receiver.requests).toHaveLength(22);
  });

  it('keeps connections for at most maxTargets targets, dropping the least recently used', async () => {
    const a = await startReceiver();
    const b = await startReceiver();
    const roomy = client({ maxTargets: 2 });
    for (const receiver of [a, b, a, b]) await roomy.post(receiver.url(), POST);
    expect([a.connections, b.connections]).toEqual([1, 1]);
    const tight = client({ maxTargets: 1 });
    for (const receiver of [a, b, a, b]) await tight.post(receiver.url(), POST);
    expect([a.connections, b.connections]).toEqual([3, 3]);
    await waitFor(() => a.closed === 2 && b.closed === 1);
    expect([a.closed, b.closed]).toEqual([2, 1]);
  });

  it('close() drops kept connections; the client refuses to post afterwards', async () => {
    const receiver = await startReceiver();
    const closing = client({});
    await closing.post(receiver.url(), POST);
    closing.close();
    await waitFor(() => receiver.closed === 1);
    expect(receiver.closed).toBe(1);
    await expect(closing.post(receiver.url(), POST)).rejects.toThrow(/closed/);
  });

  it('stops when the caller aborts', async () => {
    const receiver = await startReceiver(() => undefined);
    const controller = new AbortController();
    const pending = client({}).post(receiver.url(), { ...POST, signal: controller.signal });
    await waitFor(() => receiver.requests.length === 1);
    controller.abort(new Error('shutting down'));
    await expect(pending).rejects.toThrow('shutting down');
  });
});

describe('DNS rebinding', () => {
  it('resolves on every call and connects to the checked address: public, then private, is refused', async () => {
    const receiver = await startReceiver();
    const answers = [['93.184.216.34'], ['10.0.0.5'], ['169.254.169.254']];
    const asked: string[] = [];
    const resolve: Resolver = async (hostname) => {
      asked.push(hostname);
      return (answers.shift() ?? []).map((address) => ({ address, family: 4 }));
    };
    const { targets, connect } = standIn('93.184.216.34', receiver);
    const rebinding = client({ resolve, connect, allowedCidrs: [], http: 'allow' });
    const first = await rebinding.post('http://hooks.example.com/in', POST);
    expect(first.status).toBe(200);
    expect(receiver.requests[0]?.headers.host).toBe('hooks.example.com');
    await expect(rebinding.post('http://hooks.example.com/in', POST)).rejects.toThrow(
      'hooks.example.com resolves to 10.0.0.5, which is not allowed: a private address (RFC 1918)',
    );
    await expect(rebinding.post('http://hooks.example.com/in', POST)).rejects.toThrow(/cloud metadata/);
    expect(asked).toEqual(['hooks.example.com', 'hooks.example.com', 'hooks.example.com']);
    expect(targets).toEqual([{ address: '93.184.216.34', family: 4, port: 80, tls: false }]);
    expect(receiver.requests).toHaveLength(1);
  });

  it('does not reuse a kept connection when the name moves to another checked address', async () => {
    const receiver = await startReceiver();
    const answers = ['93.184.216.34', '93.184.216.35'];
    const resolve: Resolver = async () => [{ address: answers.shift() ?? '', family: 4 }];
    const targets: string[] = [];
    const connect: Connector = (target) => {
      targets.push(target.address);
      if (!target.address.startsWith('93.184.216.')) throw new Error('test connector: refusing');
      return loopbackOnlyConnector({ ...target, address: '127.0.0.1', port: receiver.port });
    };
    const moving = client({ resolve, connect, allowedCidrs: [], http: 'allow' });
    await moving.post('http://hooks.example.com/', POST);
    await moving.post('http://hooks.example.com/', POST);
    expect(targets).toEqual(['93.184.216.34', '93.184.216.35']);
    expect(receiver.connections).toBe(2);
  });
});
