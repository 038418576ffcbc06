import { type Clock, type Stored, withoutSystemFields } from '@bytelyst/db/document-store';
import type { LeaseManager } from '@bytelyst/db/leases';
import type { BusLogger } from '@bytelyst/events/logger';
import { LEADER_LEASE } from '@bytelyst/scheduler/runner';
import { AppError } from '../../app-error';
import { randomId } from '../../lib/crypto';
import { dayOf, isoNow } from '../../lib/time';
import { CHECK_CONCURRENCY } from './config';
import type { ProbeResult } from './probes';
import type { CheckDoc, CheckStatus, MonitorDoc, StatusRepository } from './repository';
import type { TCheckResult } from './schema';

/**
 * The monitor loop. Monitors run on the job runner's leader only: a pass first reads the `jobs:leader` lease and
 * does nothing unless this process holds it, so with several instances each check runs once. A pass takes the
 * monitors whose `nextCheckAt` has come (any product), checks them a few at a time, and records each result with
 * the monitor's new verdict in one commit (the check rides as the monitor write's outbox). `runDue()` is one pass;
 * `start()` runs passes on a timer, tests call `runDue()` with the injected clock instead.
 *
 * Retries: a failed check puts the monitor `pending` until more than `retries` checks in a row have failed; then
 * it is `down` and the pending checks of that run are rewritten `down`, since they were the start of the outage
 * (uptime.ts counts them from then on). A success clears the run.
 */

export type MonitorRunnerDeps = {
  repo: StatusRepository;
  clock: Clock;
  leases: LeaseManager;
  instanceId: string;
  probe: (monitor: MonitorDoc) => Promise<ProbeResult>;
  pollIntervalMs: number;
  logger: BusLogger;
  /** Pending checks of past days became down: their days' rollups are computed again. */
  pastDaysChanged: (productId: string, componentId: string, days: string[]) => Promise<void>;
  /** A verdict changed: cached views of the product are dropped. */
  changed: (productId: string) => void;
};

type PassResult = { leader: boolean; checked: number };

/** Most monitors one pass takes; the rest are due at the next. */
const PASS_LIMIT = 200;

export const verdictOf = (
  current: MonitorDoc,
  result: ProbeResult,
): { status: CheckStatus; failures: number } => {
  if (result.ok) {
    const slow =
      current.degradedLatencyMs !== null &&
      result.latencyMs !== null &&
      result.latencyMs > current.degradedLatencyMs;
    return { status: slow ? 'degraded' : 'up', failures: 0 };
  }
  const failures = current.consecutiveFailures + 1;
  const down = current.status === 'down' || failures > current.retries;
  return { status: down ? 'down' : 'pending', failures };
};

const toResult = (doc: CheckDoc): TCheckResult => ({
  id: doc.id,
  monitorId: doc.monitorId,
  componentId: doc.componentId,
  at: doc.at,
  status: doc.status,
  latencyMs: doc.latencyMs,
  message: doc.message,
});

export const createMonitorRunner = (deps: MonitorRunnerDeps) => {
  const { repo, clock, logger } = deps;
  let timer: ReturnType<typeof setInterval> | undefined;
  let passing: Promise<PassResult> | null = null;

  const isLeader = async () => (await deps.leases.current(LEADER_LEASE))?.holder === deps.instanceId;

  /** Records one probe's result on the monitor and as a check, committed together. */
  const record = async (monitor: MonitorDoc, result: ProbeResult): Promise<CheckDoc> => {
    const atMs = clock();
    const at = new Date(atMs).toISOString();
    // Sortable and unique; the same id on every attempt of the write below.
    const checkId = `chk_${atMs.toString(36).padStart(9, '0')}_${randomId(6)}`;
    let previous: Stored<MonitorDoc> | undefined;
    let check: CheckDoc | undefined;
    const mutated = await repo.monitors.mutate(
      monitor.productId,
      monitor.id,
      (current) => {
        previous = current;
        const verdict = verdictOf(current, result);
        check = {
          id: checkId,
          productId: current.productId,
          monitorId: current.id,
          componentId: current.componentId,
          at,
          status: verdict.status,
          latencyMs: result.latencyMs,
          message: result.message?.slice(0, 500) ?? null,
        };
        return {
          ...withoutSystemFields(current),
          status: verdict.status,
          statusSince: verdict.status === current.status ? current.statusSince : at,
          consecutiveFailures: verdict.failures,
          pendingCheckIds:
            verdict.status === 'pending' ? [...current.pendingCheckIds, checkId].slice(-20) : [],
          lastCheckedAt: at,
          lastLatencyMs: result.latencyMs,
          lastMessage: check.message,
          nextCheckAt: current.enabled ? new Date(atMs + current.intervalSeconds * 1000).toISOString() : null,
        };
      },
      () => (check ? { entries: [{ container: repo.checksContainer, doc: check }] } : undefined),
    );
    if (!mutated || !check) throw new AppError('NOT_FOUND', 'Monitor not found');
    const before = previous;
    if (before && before.status !== mutated.doc.status) deps.changed(monitor.productId);
    if (before && check.status === 'down' && before.status !== 'down' && before.pendingCheckIds.length > 0) {
      await confirmDown(before, atMs);
    }
    return check;
  };

  /** The run of failures went down: its pending checks were the outage's start. */
  const confirmDown = async (monitor: MonitorDoc, atMs: number) => {
    const days = new Set<string>();
    for (const id of monitor.pendingCheckIds) {
      const rewritten = await repo.checks.mutate(monitor.productId, id, (check) =>
        check.status === 'pending'
          ? { ...withoutSystemFields(check), status: 'down', wasPending: true }
          : null,
      );
      if (rewritten?.changed) days.add(rewritten.doc.at.slice(0, 10));
    }
    days.delete(dayOf(atMs));
    if (days.size > 0) await deps.pastDaysChanged(monitor.productId, monitor.componentId, [...days].sort());
  };

  const checkOne = async (monitor: MonitorDoc): Promise<CheckDoc> =>
    record(monitor, await deps.probe(monitor));

  const pass = async (): Promise<PassResult> => {
    if (!(await isLeader())) return { leader: false, checked: 0 };
    const due = await repo.monitors.due(isoNow(clock), PASS_LIMIT);
    let next = 0;
    let checked = 0;
    const lane = async () => {
      while (next < due.length) {
        const monitor = due[next] as MonitorDoc;
        next += 1;
        try {
          await checkOne(monitor);
          checked += 1;
        } catch (error) {
          logger.error({ err: error, monitorId: monitor.id }, 'status monitor check failed to record');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(CHECK_CONCURRENCY, due.length) }, lane));
    return { leader: true, checked };
  };

  /** One pass over the due monitors (only on the leader); the timer of `start()` calls it, tests call it. */
  const runDue = (): Promise<PassResult> => {
    passing ??= pass().finally(() => {
      passing = null;
    });
    return passing;
  };

  return {
    isLeader,
    runDue,
    /** "Check now": runs the monitor in this process whether or not it leads, and records the result. */
    async checkNow(productId: string, id: string): Promise<TCheckResult> {
      const monitor = await repo.monitors.get(productId, id);
      if (!monitor) throw new AppError('NOT_FOUND', 'Monitor not found');
      return toResult(await checkOne(monitor));
    },
    start(): void {
      if (timer) return;
      timer = setInterval(() => {
        runDue().catch((error: unknown) => logger.error({ err: error }, 'status monitor pass failed'));
      }, deps.pollIntervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = undefined;
      await passing?.catch(() => undefined);
    },
  };
};

export type MonitorRunner = ReturnType<typeof createMonitorRunner>;
