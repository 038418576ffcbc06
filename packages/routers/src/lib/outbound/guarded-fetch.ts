import { request as httpRequest, type IncomingMessage } from 'node:http';
import type { CustomFetch, CustomFetchOptions } from 'openid-client';
import {
  type Connector,
  OutboundRefused,
  resolveTarget,
  systemConnector,
  type TargetPolicy,
} from '../outbound';

/**
 * A fetch for openid-client (`customFetch`) that only reaches what the policy allows: every request goes
 * through `resolveTarget`, and the socket comes from the connector for the address that was checked.
 * Redirects are never followed (openid-client asks for `redirect: 'manual'` and gets the 3xx).
 */

export type GuardedFetchPolicy = TargetPolicy & {
  connect?: Connector;
  timeoutMs: number;
  /** Largest response body read; default 1 MiB (metadata, keys and tokens are a few KiB). */
  maxBytes?: number;
};

const bodyBytes = (body: CustomFetchOptions['body']): Buffer | undefined => {
  if (body === undefined || body === null) return undefined;
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof URLSearchParams) return Buffer.from(body.toString());
  if (body instanceof ArrayBuffer) return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new OutboundRefused('request', 'streamed request bodies are not supported');
};

const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

const toResponse = (res: IncomingMessage, body: Buffer): Response => {
  const headers = new Headers();
  for (const [name, value] of Object.entries(res.headers)) {
    if (Array.isArray(value)) for (const item of value) headers.append(name, item);
    else if (value !== undefined) headers.set(name, value);
  }
  const status = res.statusCode ?? 502;
  return new Response(NO_BODY_STATUSES.has(status) ? null : new Uint8Array(body), {
    status,
    statusText: res.statusMessage ?? '',
    headers,
  });
};

export const createGuardedFetch = (policy: GuardedFetchPolicy): CustomFetch => {
  const connect = policy.connect ?? systemConnector;
  const maxBytes = policy.maxBytes ?? 1024 * 1024;
  return async (raw, init) => {
    const { url, connect: target } = await resolveTarget(raw, policy);
    const body = bodyBytes(init.body);
    return new Promise<Response>((resolve, reject) => {
      const req = httpRequest(
        {
          method: init.method,
          path: `${url.pathname}${url.search}`,
          headers: {
            ...init.headers,
            host: url.host,
            ...(body ? { 'content-length': String(body.length) } : {}),
          },
          // No agent and no host: the socket comes from `connect` alone (tests prove it is called), so nothing
          // here could open a connection to an address that was not checked.
          createConnection: () => connect(target),
          timeout: policy.timeoutMs,
          ...(init.signal ? { signal: init.signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          let size = 0;
          res.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxBytes) {
              res.destroy();
              reject(
                new OutboundRefused('response', `the response from ${url.host} is over ${maxBytes} bytes`),
              );
              return;
            }
            chunks.push(chunk);
          });
          res.on('end', () => resolve(toResponse(res, Buffer.concat(chunks))));
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${url.host} did not answer in ${policy.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  };
};
