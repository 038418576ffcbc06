import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Agent, type AgentOptions, createServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import { addressAllowed } from '../lib/outbound';
import { createTestCertificate } from './fake-apns';

type Attributes = { enabled: boolean; created: number; updated: number; exp?: number; recoveryLevel: string };
type Version = { version: string; value: string; contentType?: string; attributes: Attributes };
type Secret = { name: string; versions: Version[]; deletedDate?: number };

export type FakeKeyVault = {
  /** `https://127.0.0.1:<port>` */
  url: string;
  /** Trusts the vault's certificate, and connects to loopback only. */
  agent: Agent;
  /** Every request as received: method, path, api-version, and whether it carried the bearer token. */
  requests: { method: string; path: string; apiVersion: string | null; authorized: boolean }[];
  /** The fixed bearer token the vault accepts. */
  token: string;
  secrets: Map<string, Secret>;
  stop(): Promise<void>;
};

const now = () => Math.floor(Date.now() / 1000);

/**
 * The connect step of the test's TLS agent: loopback only, so a driver bug cannot reach a real vault. The
 * certificate is trusted only by this agent (its `ca`), never process-wide.
 */
class LoopbackAgent extends Agent {
  override createConnection(
    options: { host?: string | null },
    callback?: (err: Error | null, socket: Duplex) => void,
  ): Duplex {
    const host = options.host ?? '';
    if (!addressAllowed('loopback', host)) throw new Error(`fake vault agent: ${host} is not loopback`);
    // biome-ignore lint/suspicious/noExplicitAny: Agent's createConnection is untyped in @types/node.
    return (Agent.prototype as any).createConnection.call(this, options, callback);
  }
}

/**
 * Test-only: Azure Key Vault's secrets REST API on loopback over https, speaking its wire format (api-version
 * query, bearer challenge, SecretBundle / DeletedSecretBundle bodies, error codes), in memory.
 */
export const startFakeKeyVault = async (): Promise<FakeKeyVault> => {
  const { key, cert } = await createTestCertificate(['localhost']);
  const token = `fake-${randomBytes(8).toString('hex')}`;
  const secrets = new Map<string, Secret>();
  const requests: FakeKeyVault['requests'] = [];
  let base = '';

  const bundle = (s: Secret, v: Version, withValue = true) => ({
    ...(withValue ? { value: v.value } : {}),
    id: `${base}/secrets/${s.name}/${v.version}`,
    ...(v.contentType ? { contentType: v.contentType } : {}),
    attributes: v.attributes,
    tags: {},
  });
  const deletedBundle = (s: Secret) => {
    const latest = s.versions.at(-1) as Version;
    return {
      ...bundle(s, latest, false),
      recoveryId: `${base}/deletedsecrets/${s.name}`,
      deletedDate: s.deletedDate,
      scheduledPurgeDate: (s.deletedDate ?? now()) + 7 * 86_400,
    };
  };
  const send = (res: ServerResponse, status: number, body?: unknown) => {
    res.writeHead(status, body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' });
    res.end(body === undefined ? undefined : JSON.stringify(body));
  };
  const error = (res: ServerResponse, status: number, code: string, message: string, inner?: string) =>
    send(res, status, { error: { code, message, ...(inner ? { innererror: { code: inner } } : {}) } });

  const handle = (req: IncomingMessage, res: ServerResponse, raw: string) => {
    const url = new URL(req.url ?? '/', base);
    const apiVersion = url.searchParams.get('api-version');
    const authorized = req.headers.authorization === `Bearer ${token}`;
    requests.push({ method: req.method ?? '', path: url.pathname, apiVersion, authorized });
    if (!apiVersion) return error(res, 400, 'BadParameter', 'The api-version query parameter is required');
    if (!authorized) {
      res.setHeader(
        'www-authenticate',
        'Bearer authorization="https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000", resource="https://vault.azure.net"',
      );
      return error(res, 401, 'Unauthorized', 'AKV10000: Request is missing a Bearer or PoP token.');
    }
    const parts = url.pathname.split('/').filter(Boolean);
    const [collection, rawName, third, fourth] = parts;
    const name = rawName?.toLowerCase() ?? '';
    const secret = secrets.get(name);
    const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    const missing = () =>
      error(
        res,
        404,
        'SecretNotFound',
        `A secret with (name/id) ${rawName} was not found in this key vault.`,
      );

    if (collection === 'secrets') {
      if (req.method === 'PUT' && parts.length === 2) {
        if (secret?.deletedDate)
          return error(
            res,
            409,
            'Conflict',
            `Secret ${rawName} is currently in a deleted but recoverable state.`,
          );
        const attrs = (body.attributes ?? {}) as { enabled?: boolean; exp?: number };
        const version: Version = {
          version: randomBytes(16).toString('hex'),
          value: String(body.value),
          ...(typeof body.contentType === 'string' ? { contentType: body.contentType } : {}),
          attributes: {
            enabled: attrs.enabled ?? true,
            created: now(),
            updated: now(),
            ...(attrs.exp ? { exp: attrs.exp } : {}),
            recoveryLevel: 'Recoverable+Purgeable',
          },
        };
        const next = secret ?? { name: rawName ?? '', versions: [] };
        next.versions.push(version);
        secrets.set(name, next);
        return send(res, 200, bundle(next, version));
      }
      if (!secret || secret.deletedDate) return missing();
      if (req.method === 'GET' && third === 'versions') {
        return send(res, 200, {
          value: secret.versions.map((v) => bundle(secret, v, false)),
          nextLink: null,
        });
      }
      const version = third ? secret.versions.find((v) => v.version === third) : secret.versions.at(-1);
      if (!version) return missing();
      if (req.method === 'GET' && fourth === undefined) {
        if (!version.attributes.enabled)
          return error(
            res,
            403,
            'Forbidden',
            'Operation get is not allowed on a disabled secret.',
            'SecretDisabled',
          );
        return send(res, 200, bundle(secret, version));
      }
      if (req.method === 'PATCH' && third) {
        const attrs = (body.attributes ?? {}) as { enabled?: boolean; exp?: number };
        if (attrs.enabled !== undefined) version.attributes.enabled = attrs.enabled;
        if (attrs.exp !== undefined) version.attributes.exp = attrs.exp;
        version.attributes.updated = now();
        return send(res, 200, bundle(secret, version, false));
      }
      if (req.method === 'DELETE' && parts.length === 2) {
        secret.deletedDate = now();
        return send(res, 200, deletedBundle(secret));
      }
    }
    if (collection === 'deletedsecrets') {
      if (req.method === 'GET' && parts.length === 1) {
        const deleted = [...secrets.values()].filter((s) => s.deletedDate);
        return send(res, 200, { value: deleted.map(deletedBundle), nextLink: null });
      }
      if (!secret?.deletedDate) return missing();
      if (req.method === 'GET' && parts.length === 2) return send(res, 200, deletedBundle(secret));
      if (req.method === 'POST' && third === 'recover') {
        delete secret.deletedDate;
        return send(res, 200, bundle(secret, secret.versions.at(-1) as Version, false));
      }
      if (req.method === 'DELETE' && parts.length === 2) {
        secrets.delete(name);
        return send(res, 204);
      }
    }
    return error(res, 405, 'MethodNotAllowed', `${req.method} ${url.pathname} is not supported`);
  };

  const server = createServer({ key, cert }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  const sockets = new Set<Socket>();
  server.on('secureConnection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const agentOptions: AgentOptions = { ca: cert, keepAlive: false };
  const agent = new LoopbackAgent(agentOptions);
  return {
    url: base,
    agent,
    requests,
    token,
    secrets,
    stop: async () => {
      agent.destroy();
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
