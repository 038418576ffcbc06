import { type ClientRequest, request as httpRequest } from 'node:http';
import type { Socket } from 'node:net';
import { performance } from 'node:perf_hooks';
import {
  type Connector,
  refusalIn,
  resolveTarget,
  systemConnector,
  type TargetPolicy,
} from '../../lib/outbound';
import { KEYWORD_BODY_BYTES } from './config';
import type { MonitorDoc } from './repository';

/**
 * What one check of a monitor found. HTTP(S) and TCP checks go through the SSRF guard exactly as webhook
 * deliveries do: the host is resolved once, every address must be one the policy admits, and the connection goes
 * to the checked address through the connector (tests: loopback only). Latency is wall time (a real network),
 * not the injected clock.
 */
export type ProbeResult = { ok: boolean; latencyMs: number | null; message: string | null };

export type InternalChecks = {
  storePing(): Promise<void>;
  blobPing(): Promise<void>;
  /** Events not yet delivered, across products. */
  eventBacklog(): Promise<number>;
  deadLetters(): Promise<number>;
  /** Whether some instance holds the job runner's leader lease now. */
  leaderLeaseFresh(): Promise<boolean>;
};

export type ProbeDeps = {
  policy: TargetPolicy;
  connect?: Connector | undefined;
  internal: InternalChecks;
  /** Heartbeat verdicts read the injected clock. */
  now: () => number;
};

const errorText = (error: unknown): string => {
  const refused = refusalIn(error);
  if (refused) return `refused by the outbound guard: ${refused.message}`;
  return error instanceof Error ? error.message : String(error);
};

/** `200-299, 301` -> does `code` match. */
export const statusAccepted = (spec: string, code: number): boolean =>
  spec.split(',').some((part) => {
    const [low = '', high] = part.trim().split('-');
    return high === undefined ? code === Number(low) : code >= Number(low) && code <= Number(high);
  });

const elapsed = (start: number) => Math.max(0, Math.round(performance.now() - start));

const probeHttp = async (monitor: MonitorDoc, deps: ProbeDeps): Promise<ProbeResult> => {
  const start = performance.now();
  const target = await resolveTarget(monitor.url ?? '', deps.policy);
  const connect = deps.connect ?? systemConnector;
  return new Promise<ProbeResult>((resolve) => {
    let settled = false;
    let req: ClientRequest | undefined;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
      // One check, one connection: nothing is kept open for the next.
      req?.destroy();
    };
    req = httpRequest(
      {
        method: 'GET',
        path: `${target.url.pathname}${target.url.search}`,
        headers: {
          host: target.url.host,
          'user-agent': 'ByteLyst-Status/1',
          accept: '*/*',
          connection: 'close',
        },
        // The socket comes from the connector for the checked address, never from a second lookup.
        createConnection: () => connect(target.connect),
      },
      (res) => {
        const code = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let size = 0;
        const judge = () => {
          const latencyMs = elapsed(start);
          if (!statusAccepted(monitor.expectedStatus, code)) {
            finish({ ok: false, latencyMs, message: `HTTP ${code}, expected ${monitor.expectedStatus}` });
            return;
          }
          if (monitor.keyword) {
            const body = Buffer.concat(chunks).subarray(0, KEYWORD_BODY_BYTES).toString('utf8');
            if (!body.includes(monitor.keyword)) {
              finish({
                ok: false,
                latencyMs,
                message: `HTTP ${code} without the keyword '${monitor.keyword}'`,
              });
              return;
            }
          }
          finish({ ok: true, latencyMs, message: `HTTP ${code}` });
        };
        if (!monitor.keyword) {
          judge();
          return;
        }
        res.on('data', (chunk: Buffer) => {
          chunks.push(chunk);
          size += chunk.length;
          if (size >= KEYWORD_BODY_BYTES) {
            judge();
            res.destroy();
          }
        });
        res.on('end', judge);
        res.on('error', (error) => finish({ ok: false, latencyMs: null, message: errorText(error) }));
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, latencyMs: null, message: `no answer within ${monitor.timeoutMs} ms` });
    }, monitor.timeoutMs);
    req.on('error', (error) => finish({ ok: false, latencyMs: null, message: errorText(error) }));
    req.end();
  });
};

const probeTcp = async (monitor: MonitorDoc, deps: ProbeDeps): Promise<ProbeResult> => {
  const start = performance.now();
  const host = monitor.host?.includes(':') ? `[${monitor.host}]` : monitor.host;
  // The address rules are the guard's; `http: 'allow'` because this is a plain TCP connect, not an http request.
  const target = await resolveTarget(`http://${host}:${monitor.port}/`, { ...deps.policy, http: 'allow' });
  const connect = deps.connect ?? systemConnector;
  return new Promise<ProbeResult>((resolve) => {
    let socket: Socket | undefined;
    let settled = false;
    const finish = (result: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket?.destroy();
      resolve(result);
    };
    const timer = setTimeout(
      () => finish({ ok: false, latencyMs: null, message: `no connection within ${monitor.timeoutMs} ms` }),
      monitor.timeoutMs,
    );
    try {
      socket = connect({ ...target.connect, tls: false });
    } catch (error) {
      finish({ ok: false, latencyMs: null, message: errorText(error) });
      return;
    }
    socket.once('connect', () =>
      finish({ ok: true, latencyMs: elapsed(start), message: `connected to port ${monitor.port}` }),
    );
    socket.once('error', (error) => finish({ ok: false, latencyMs: null, message: errorText(error) }));
  });
};

const timed = async (work: () => Promise<string | null>): Promise<ProbeResult> => {
  const start = performance.now();
  const failure = await work().catch((error: unknown) => errorText(error));
  return failure === null
    ? { ok: true, latencyMs: elapsed(start), message: null }
    : { ok: false, latencyMs: null, message: failure };
};

const probeInternal = (monitor: MonitorDoc, internal: InternalChecks): Promise<ProbeResult> =>
  timed(async () => {
    switch (monitor.check) {
      case 'store':
        await internal.storePing();
        return null;
      case 'blob':
        await internal.blobPing();
        return null;
      case 'job_runner':
        return (await internal.leaderLeaseFresh()) ? null : 'no instance holds the job runner lease';
      case 'event_backlog': {
        const pending = await internal.eventBacklog();
        const limit = monitor.threshold ?? 1000;
        return pending > limit ? `${pending} events waiting, above ${limit}` : null;
      }
      case 'dead_letters': {
        const dead = await internal.deadLetters();
        const limit = monitor.threshold ?? 100;
        return dead > limit ? `${dead} dead-lettered events, above ${limit}` : null;
      }
      default:
        return 'no internal check is set';
    }
  });

/** A push within the interval (not one that reported down) passes. */
const probeHeartbeat = (monitor: MonitorDoc, now: number): ProbeResult => {
  const last = monitor.lastHeartbeatAt ? Date.parse(monitor.lastHeartbeatAt) : null;
  if (last === null) return { ok: false, latencyMs: null, message: 'no push received yet' };
  const age = Math.round((now - last) / 1000);
  if (age > monitor.intervalSeconds) {
    return {
      ok: false,
      latencyMs: null,
      message: `no push for ${age} s (expected every ${monitor.intervalSeconds} s)`,
    };
  }
  if (monitor.lastHeartbeat?.status === 'down') {
    return { ok: false, latencyMs: null, message: monitor.lastHeartbeat.message ?? 'the push reported down' };
  }
  return {
    ok: true,
    latencyMs: monitor.lastHeartbeat?.ping ?? null,
    message: monitor.lastHeartbeat?.message ?? null,
  };
};

export const runProbe = async (monitor: MonitorDoc, deps: ProbeDeps): Promise<ProbeResult> => {
  try {
    if (monitor.type === 'http') return await probeHttp(monitor, deps);
    if (monitor.type === 'tcp') return await probeTcp(monitor, deps);
    if (monitor.type === 'internal') return await probeInternal(monitor, deps.internal);
    return probeHeartbeat(monitor, deps.now());
  } catch (error) {
    return { ok: false, latencyMs: null, message: errorText(error) };
  }
};
