import type { TComponentState, TIncidentImpact, TMonitorStatus } from './schema';

/**
 * How states combine. A component is in the worst of what its monitors and its open incidents say, and under
 * maintenance while a window in progress names it. The overall state is the worst component's.
 */

const SEVERITY: Record<TComponentState, number> = {
  operational: 0,
  under_maintenance: 1,
  degraded_performance: 2,
  partial_outage: 3,
  major_outage: 4,
};

export const worstState = (states: readonly TComponentState[]): TComponentState =>
  states.reduce<TComponentState>(
    (worst, state) => (SEVERITY[state] > SEVERITY[worst] ? state : worst),
    'operational',
  );

/**
 * What a component's monitors say: every monitor down is a major outage, some down a partial outage, a slow
 * one degraded performance. Pending (failures still within the retries) is not down yet; a monitor never
 * checked says nothing.
 */
export const stateOfMonitors = (statuses: readonly TMonitorStatus[]): TComponentState => {
  const known = statuses.filter((status) => status !== 'unknown');
  const down = known.filter((status) => status === 'down').length;
  if (down > 0) return down === known.length ? 'major_outage' : 'partial_outage';
  return known.includes('degraded') ? 'degraded_performance' : 'operational';
};

export const componentState = (opts: {
  monitors: TComponentState;
  impacts: readonly TIncidentImpact[];
  inMaintenance: boolean;
}): TComponentState =>
  opts.inMaintenance ? 'under_maintenance' : worstState([opts.monitors, ...opts.impacts]);

/** The overall state: the worst component's, under maintenance only when nothing is worse. */
export const overallState = (states: readonly TComponentState[]): TComponentState => worstState(states);

export const OVERALL_DESCRIPTION: Record<TComponentState, string> = {
  operational: 'All systems operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const incidentImpactOf = (impacts: readonly TIncidentImpact[]): 'none' | TIncidentImpact =>
  impacts.length === 0 ? 'none' : (worstState(impacts) as TIncidentImpact);
