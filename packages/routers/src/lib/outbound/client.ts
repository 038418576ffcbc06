import { Agent, type ClientRequest, type ClientRequestArgs, type IncomingMessage, request } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  type Connector,
  type ConnectTarget,
  resolveTarget,
  systemConnector,
  type TargetPolicy,
} from '../outbound';

/**
 * The HTTP client for requests to receivers someone configured (webhook endpoints): every call resolves and
 * checks the URL again (DNS can change between calls), connects only to the address it checked, never
 * follows a redirect (the 3xx is returned as it came), bounds the whole exchange by `timeoutMs` and reads at
 * most `maxBodyBytes` of the answer, then drops the connection (a receiver that streams forever holds
 * nothing). Connections are kept alive and reused only for the same checked target (address, port, TLS and
 * server name), one agent per target, the least recently used agents closed beyond `maxTargets`.
 */

export type OutboundClientPolicy = TargetPolicy & {
  connect?: Connector;
  /** The whole exchange: resolving, connecting, the response headers and the (capped) body. */
  timeoutMs: number;
  /** Response bytes kept; default 4096. */
  maxBodyBytes?: number;
  /** Concurrent connections to one target; default 16 (more requests wait for a free one). */
  maxSocketsPerTarget?: number;
  /** Targets whose connections are kept; default 256. */
  maxTargets?: number;
  /** An idle kept-alive connection is closed after this; default 4 s (below Node's 5 s server keep-alive). */
  idleSocketMs?: number;
};

export type OutboundRequest = {
  /** Header names as given (lower-case is safest); undefined values are skipped; host and length are set here. */
  headers: Readonly<Record<string, string | undefined>>;
  body: string | Uint8Array;
  signal?: AbortSignal;
};

export type OutboundResponse = {
  status: number;
  /** Lower-case names; repeated headers joined with ', '. */
  headers: Record<string, string>;
  /** The first `maxBodyBytes` of the body, decoded as UTF-8. */
  body: string;
  /** Whether the body was longer than what `body` holds. */
  truncated: boolean;
};

export type OutboundClient = {
  post(url: string, request: OutboundRequest): Promise<OutboundResponse>;
  /** Closes every kept connection and aborts requests in flight. */
  close(): void;
};

/** The receiver did not finish the exchange within the client's `timeoutMs`. */
export class OutboundTimeout extends Error {
  constructor(host: string, timeoutMs: number) {
    super(`timed out after ${timeoutMs} ms waiting for ${host}`);
    this.name = 'OutboundTimeout';
  }
}

/** An agent whose every connection goes to one checked target through the connector. */
class TargetAgent extends Agent {
  constructor(
    private readonly target: ConnectTarget,
    private readonly connector: Connector,
    options: { maxSockets: number; idleSocketMs: number },
  ) {
    super({ keepAlive: true, maxSockets: options.maxSockets, timeout: options.idleSocketMs });
  }

  override createConnection(
    _options: ClientRequestArgs,
    callback?: (err: Error | null, stream: Duplex) => void,
  ): Duplex | null | undefined {
    try {
      return this.connector(this.target);
    } catch (error) {
      callback?.(error instanceof Error ? error : new Error(String(error)), undefined as unknown as Duplex);
      return undefined;
    }
  }
}

type Pooled = { agent: TargetAgent; inFlight: number; evicted: boolean };

const keyOf = ({ tls, address, port, servername }: ConnectTarget) =>
  `${tls ? 'https' : 'http'}|${address}|${port}|${servername ?? ''}`;

const flatten = (headers: IncomingMessage['headers']): Record<string, string> => {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
};

const isStaleSocketError = (error: unknown) =>
  error instanceof Error && 'code' in error && (error.code === 'ECONNRESET' || error.code === 'EPIPE');

export const createOutboundClient = (policy: OutboundClientPolicy): OutboundClient => {
  const connector = policy.connect ?? systemConnector;
  const maxBodyBytes = policy.maxBodyBytes ?? 4096;
  const maxTargets = Math.max(1, policy.maxTargets ?? 256);
  const agentOptions = {
    maxSockets: policy.maxSocketsPerTarget ?? 16,
    idleSocketMs: policy.idleSocketMs ?? 4000,
  };
  const pools = new Map<string, Pooled>();
  /** Evicted agents still finishing a request, so that close() reaches them too. */
  const draining = new Set<Pooled>();
  let closed = false;

  const acquire = (target: ConnectTarget): Pooled => {
    const key = keyOf(target);
    let pooled = pools.get(key);
    if (pooled) {
      pools.delete(key); // re-inserted below as the most recently used
    } else {
      pooled = { agent: new TargetAgent(target, connector, agentOptions), inFlight: 0, evicted: false };
    }
    pools.set(key, pooled);
    for (const [oldKey, oldest] of pools) {
      if (pools.size <= maxTargets) break;
      pools.delete(oldKey);
      oldest.evicted = true;
      if (oldest.inFlight === 0) oldest.agent.destroy();
      else draining.add(oldest);
    }
    pooled.inFlight += 1;
    return pooled;
  };

  const release = (pooled: Pooled) => {
    pooled.inFlight -= 1;
    if (pooled.evicted && pooled.inFlight === 0) {
      draining.delete(pooled);
      pooled.agent.destroy();
    }
  };

  const post = (raw: string, outbound: OutboundRequest): Promise<OutboundResponse> =>
    new Promise<OutboundResponse>((resolve, reject) => {
      if (closed) {
        reject(new Error('the outbound client is closed'));
        return;
      }
      const { signal } = outbound;
      if (signal?.aborted) {
        reject(signal.reason instanceof Error ? signal.reason : new Error('the request was aborted'));
        return;
      }
      let settled = false;
      let current: ClientRequest | undefined;
      let pooled: Pooled | undefined;
      let host = raw;

      const finish = (error: unknown, response?: OutboundResponse) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        if (pooled) release(pooled);
        if (response) resolve(response);
        else reject(error);
      };
      const timer = setTimeout(() => {
        const error = new OutboundTimeout(host, policy.timeoutMs);
        current?.destroy(error);
        finish(error);
      }, policy.timeoutMs);
      const onAbort = () => {
        const error = signal?.reason instanceof Error ? signal.reason : new Error('the request was aborted');
        current?.destroy(error);
        finish(error);
      };
      signal?.addEventListener('abort', onAbort, { once: true });

      const body = typeof outbound.body === 'string' ? Buffer.from(outbound.body) : outbound.body;

      const send = (url: URL, target: ConnectTarget, holder: Pooled, retry: boolean) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(outbound.headers)) {
          if (value !== undefined) headers[name.toLowerCase()] = value;
        }
        headers.host = url.host;
        headers['content-length'] = String(body.byteLength);
        let answered = false;
        const req = request(
          {
            method: 'POST',
            host: target.address,
            port: target.port,
            path: `${url.pathname}${url.search}`,
            headers,
            agent: holder.agent,
          },
          (res) => {
            answered = true;
            const chunks: Buffer[] = [];
            let size = 0;
            const respond = (truncated: boolean) =>
              finish(undefined, {
                status: res.statusCode ?? 0,
                headers: flatten(res.headers),
                body: Buffer.concat(chunks).subarray(0, maxBodyBytes).toString('utf8'),
                truncated,
              });
            res.on('data', (chunk: Buffer) => {
              if (settled) return;
              chunks.push(chunk);
              size += chunk.length;
              if (size > maxBodyBytes) {
                respond(true);
                // The rest is not wanted: the connection goes rather than reading on.
                res.destroy();
              }
            });
            res.on('end', () => respond(false));
            res.on('error', finish);
            res.on('aborted', () => finish(new Error(`${url.host} closed the connection mid-response`)));
          },
        );
        current = req;
        req.on('error', (error) => {
          // A kept-alive connection the receiver had just closed: the request never reached it, so it is sent
          // once more on a new connection (receivers dedupe on the message id anyway).
          if (!settled && !answered && !retry && req.reusedSocket && isStaleSocketError(error)) {
            send(url, target, holder, true);
            return;
          }
          finish(error);
        });
        req.end(body);
      };

      resolveTarget(raw, policy).then(
        ({ url, connect: target }) => {
          host = url.host;
          if (settled) return;
          if (closed) {
            finish(new Error('the outbound client is closed'));
            return;
          }
          pooled = acquire(target);
          send(url, target, pooled, false);
        },
        (error: unknown) => finish(error),
      );
    });

  return {
    post,
    close() {
      closed = true;
      for (const pooled of [...pools.values(), ...draining]) pooled.agent.destroy();
      pools.clear();
      draining.clear();
    },
  };
};
