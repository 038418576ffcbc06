import { PARTIAL_OUTAGE_WEIGHT } from './config';
import type { CheckStatus } from './repository';
import type { TComponentState, TIncidentImpact, TMonitorStatus } from './schema';
import { componentState, stateOfMonitors } from './states';

/**
 * The uptime rule (config.ts UPTIME_RULE), over time rather than over samples: a component's state is known at
 * every instant of a window (each monitor holds its last check's verdict until the next, each incident its last
 * impact on the component until resolved, each maintenance window from its start to its end), and the time in
 * each state is summed. Checks that were retrying (`pending`) count as up, unless the failures they belonged to
 * went on to put the monitor down: those checks are rewritten `down` when that happens (monitor-runner.ts), so
 * by the time a day is rolled up they count as down.
 */

export type TimelineInput = {
  fromMs: number;
  toMs: number;
  /** Checks of the component's monitors, including each monitor's last check before `fromMs`. */
  checks: readonly { monitorId: string; atMs: number; status: CheckStatus }[];
  /** Impact changes on the component; `null` ends an incident's impact. */
  impacts: readonly { incidentId: string; atMs: number; impact: TIncidentImpact | null }[];
  /** Maintenance windows naming the component (`endMs` null: still in progress). */
  maintenance: readonly { startMs: number; endMs: number | null }[];
};

export type StateTotals = {
  observedMs: number;
  maintenanceMs: number;
  majorMs: number;
  partialMs: number;
  degradedMs: number;
};

type Change =
  | { atMs: number; kind: 'check'; monitorId: string; status: TMonitorStatus }
  | { atMs: number; kind: 'impact'; incidentId: string; impact: TIncidentImpact | null }
  | { atMs: number; kind: 'maintenance'; delta: 1 | -1 };

export const emptyTotals = (): StateTotals => ({
  observedMs: 0,
  maintenanceMs: 0,
  majorMs: 0,
  partialMs: 0,
  degradedMs: 0,
});

/** Time in each state within [fromMs, toMs). */
export const stateTotals = (input: TimelineInput): StateTotals => {
  const totals = emptyTotals();
  if (input.toMs <= input.fromMs) return totals;
  const changes: Change[] = [
    ...input.checks.map((c) => ({
      atMs: c.atMs,
      kind: 'check' as const,
      monitorId: c.monitorId,
      status: c.status as TMonitorStatus,
    })),
    ...input.impacts.map((i) => ({ ...i, kind: 'impact' as const })),
    ...input.maintenance.flatMap((m) => [
      { atMs: m.startMs, kind: 'maintenance' as const, delta: 1 as const },
      ...(m.endMs === null ? [] : [{ atMs: m.endMs, kind: 'maintenance' as const, delta: -1 as const }]),
    ]),
  ].sort((a, b) => a.atMs - b.atMs);

  const monitors = new Map<string, TMonitorStatus>();
  const impacts = new Map<string, TIncidentImpact>();
  let maintenance = 0;
  const apply = (change: Change) => {
    if (change.kind === 'check') monitors.set(change.monitorId, change.status);
    else if (change.kind === 'impact') {
      if (change.impact === null) impacts.delete(change.incidentId);
      else impacts.set(change.incidentId, change.impact);
    } else maintenance += change.delta;
  };
  const stateNow = (): TComponentState =>
    componentState({
      monitors: stateOfMonitors([...monitors.values()]),
      impacts: [...impacts.values()],
      inMaintenance: maintenance > 0,
    });
  const add = (state: TComponentState, ms: number) => {
    if (ms <= 0) return;
    totals.observedMs += ms;
    if (state === 'under_maintenance') totals.maintenanceMs += ms;
    else if (state === 'major_outage') totals.majorMs += ms;
    else if (state === 'partial_outage') totals.partialMs += ms;
    else if (state === 'degraded_performance') totals.degradedMs += ms;
  };

  let index = 0;
  while (index < changes.length && (changes[index]?.atMs ?? 0) <= input.fromMs) {
    apply(changes[index] as Change);
    index += 1;
  }
  let at = input.fromMs;
  for (; index < changes.length; index += 1) {
    const change = changes[index] as Change;
    if (change.atMs >= input.toMs) break;
    add(stateNow(), change.atMs - at);
    at = change.atMs;
    apply(change);
  }
  add(stateNow(), input.toMs - at);
  return totals;
};

/** 0..1 by the rule; null when nothing outside maintenance was observed. */
export const uptimeOf = (totals: StateTotals): number | null => {
  const denominator = totals.observedMs - totals.maintenanceMs;
  if (denominator <= 0) return null;
  const down = totals.majorMs + PARTIAL_OUTAGE_WEIGHT * totals.partialMs;
  return Math.max(0, 1 - down / denominator);
};

export const addTotals = (a: StateTotals, b: StateTotals): StateTotals => ({
  observedMs: a.observedMs + b.observedMs,
  maintenanceMs: a.maintenanceMs + b.maintenanceMs,
  majorMs: a.majorMs + b.majorMs,
  partialMs: a.partialMs + b.partialMs,
  degradedMs: a.degradedMs + b.degradedMs,
});

/** The worst state a day saw, for its bar (null: nothing observed). */
export const worstOfDay = (totals: StateTotals): TComponentState | null => {
  if (totals.majorMs > 0) return 'major_outage';
  if (totals.partialMs > 0) return 'partial_outage';
  if (totals.degradedMs > 0) return 'degraded_performance';
  if (totals.maintenanceMs > 0) return 'under_maintenance';
  return totals.observedMs > 0 ? 'operational' : null;
};
