import type { AddressInfo } from 'node:net';
import { createTestServer, type TestServer } from '@bytelyst/api/testing/server';

export const PASSWORD = 'correct-horse-battery';

export type RunningPlatform = {
  t: TestServer;
  baseUrl: string;
  productId: string;
  /** A REST call with a bearer, outside any client under test (the admin's, another device's). */
  call(
    method: string,
    path: string,
    opts?: { token?: string; body?: unknown },
  ): Promise<{ status: number; body: unknown }>;
  /** A new user; returns the registration's auth result. */
  register(email: string): Promise<{ accessToken: string; refreshToken: string; user: { id: string } }>;
  adminToken(): Promise<string>;
  close(): Promise<void>;
};

/** REST calls to a running API from outside any client under test (the admin's, another device's). */
export const restHelpers = (baseUrl: string, admin: { email: string; password: string }) => {
  const call: RunningPlatform['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = {};
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl}/v1${path}`, {
      method,
      headers,
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
  };
  const ok = async (method: string, path: string, opts: { token?: string; body?: unknown }) => {
    const res = await call(method, path, opts);
    if (res.status !== 200) throw new Error(`${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  return {
    call,
    register: async (email: string) =>
      (await ok('POST', '/auth/register', {
        body: { email, password: PASSWORD, name: 'Client Test' },
      })) as Awaited<ReturnType<RunningPlatform['register']>>,
    adminToken: async () =>
      ((await ok('POST', '/auth/login', { body: admin })) as { accessToken: string }).accessToken,
  };
};

/** The complete API (apps/api) on a loopback port with real drivers (sqlite + fs in a temp folder). */
export const startPlatform = async (env: Record<string, string> = {}): Promise<RunningPlatform> => {
  const t = await createTestServer({ env });
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  const baseUrl = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  return {
    t,
    baseUrl,
    productId: t.services.config.defaultProductId,
    ...restHelpers(baseUrl, t.admin),
    close: () => t.close(),
  };
};

/** A fetch that records every request it sends and the status it got back (0: no answer). */
export const recordingFetch = (inner: typeof fetch = (input, init) => globalThis.fetch(input, init)) => {
  const calls: { url: string; method: string; status: number }[] = [];
  const record: typeof fetch = async (input, init) => {
    const entry = { url: String(input), method: init?.method ?? 'GET', status: 0 };
    calls.push(entry);
    const res = await inner(input, init);
    entry.status = res.status;
    return res;
  };
  return {
    fetch: record,
    calls,
    /** Requests whose URL contains `part`. */
    to: (part: string) => calls.filter((c) => c.url.includes(part)),
  };
};
