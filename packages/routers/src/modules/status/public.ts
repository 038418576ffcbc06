import type { Clock } from '@bytelyst/db/document-store';
import { addDays, DAY_MS, dayOf, isoNow } from '../../lib/time';
import type { ComponentsService } from './components';
import { HISTORY_DAYS, UPTIME_RULE } from './config';
import { namesOf, toIncidentView } from './incidents';
import { toMaintenanceView } from './maintenance';
import type { IncidentDoc, MaintenanceDoc, StatusRepository } from './repository';
import type { Rollups } from './rollups';
import type {
  THistoryComponent,
  THistoryDay,
  TPublicHistory,
  TPublicIncident,
  TPublicMaintenance,
  TPublicStatus,
} from './schema-public';
import { OVERALL_DESCRIPTION, overallState } from './states';
import { addTotals, emptyTotals, uptimeOf, worstOfDay } from './uptime';

type Names = ReadonlyMap<string, string>;

const publicIncident = (doc: IncidentDoc, names: Names): TPublicIncident => {
  const { updatedAt: _, ...view } = toIncidentView(doc, names);
  return view;
};

const publicMaintenance = (doc: MaintenanceDoc, names: Names): TPublicMaintenance => {
  const { source: _, createdAt: __, updatedAt: ___, ...view } = toMaintenanceView(doc, names);
  return view;
};

/** The page as the public sees it: current state, then 90 days of history. */
export const createPublicStatus = (deps: {
  repo: StatusRepository;
  clock: Clock;
  components: ComponentsService;
  rollups: Rollups;
  productName: (productId: string) => Promise<string>;
}) => {
  const { repo, clock } = deps;

  const current = async (productId: string): Promise<TPublicStatus> => {
    const snap = await deps.components.snapshot(productId);
    const names = namesOf(snap.components);
    const services = snap.components.map((doc) => ({
      id: doc.id,
      name: doc.name,
      description: doc.description,
      group: doc.group,
      status: snap.states.get(doc.id)?.state ?? 'operational',
    }));
    const overall = overallState(services.map((service) => service.status));
    const windows = [...snap.maintenance].sort(
      (a, b) =>
        Number(b.status === 'in_progress') - Number(a.status === 'in_progress') ||
        a.scheduledStart.localeCompare(b.scheduledStart),
    );
    const lastCheckedAt = snap.monitors.reduce<string | null>(
      (latest, m) => (m.lastCheckedAt && (!latest || m.lastCheckedAt > latest) ? m.lastCheckedAt : latest),
      null,
    );
    return {
      product: { id: productId, name: await deps.productName(productId) },
      overallStatus: overall,
      overallDescription: OVERALL_DESCRIPTION[overall],
      services,
      incidents: snap.openIncidents.map((doc) => publicIncident(doc, names)),
      maintenanceWindows: windows.map((doc) => publicMaintenance(doc, names)),
      lastCheckedAt,
      generatedAt: isoNow(clock),
    };
  };

  const history = async (productId: string): Promise<TPublicHistory> => {
    await deps.components.ensureSeeded(productId);
    const now = clock();
    const today = dayOf(now);
    const fromDay = dayOf(addDays(now, -(HISTORY_DAYS - 1)));
    const yesterday = dayOf(now - DAY_MS);
    const components = await repo.components.list(productId);
    const names = namesOf(components);
    const [finished, todays, recent, open, completed] = await Promise.all([
      deps.rollups.finishedDays(productId, components, fromDay, yesterday),
      deps.rollups.today(productId, components),
      repo.incidents.since(productId, `${fromDay}T00:00:00.000Z`),
      repo.incidents.open(productId),
      repo.maintenance.list(productId, { status: { eq: 'completed' } }, 100),
    ]);
    const byKey = new Map(finished.map((doc) => [doc.id, doc]));
    const days = Array.from({ length: HISTORY_DAYS }, (_, index) =>
      dayOf(addDays(Date.parse(`${fromDay}T00:00:00.000Z`), index)),
    );
    const thirtyFrom = days[HISTORY_DAYS - 30] ?? fromDay;

    const rows: THistoryComponent[] = components.map((component) => {
      let all90 = emptyTotals();
      let all30 = emptyTotals();
      let latencySum = 0;
      let latencyCount = 0;
      const bars: THistoryDay[] = days.map((day) => {
        const rollup = day === today ? todays.get(component.id) : byKey.get(`${component.id}:${day}`);
        if (!rollup) {
          return { day, uptime: null, status: null, latencyMs: null, maintenanceMinutes: 0, incidents: [] };
        }
        all90 = addTotals(all90, rollup);
        if (day >= thirtyFrom) all30 = addTotals(all30, rollup);
        latencySum += rollup.latencySum;
        latencyCount += rollup.latencyCount;
        return {
          day,
          uptime: uptimeOf(rollup),
          status: worstOfDay(rollup),
          latencyMs: rollup.latencyCount > 0 ? Math.round(rollup.latencySum / rollup.latencyCount) : null,
          maintenanceMinutes: Math.round(rollup.maintenanceMs / 60_000),
          incidents: rollup.incidents,
        };
      });
      return {
        id: component.id,
        name: component.name,
        group: component.group,
        uptime30: uptimeOf(all30),
        uptime90: uptimeOf(all90),
        latencyMs: latencyCount > 0 ? Math.round(latencySum / latencyCount) : null,
        days: bars,
      };
    });

    const incidents = [...new Map([...open, ...recent].map((doc) => [doc.id, doc])).values()].sort((a, b) =>
      b.createdAt.localeCompare(a.createdAt),
    );
    return {
      from: fromDay,
      to: today,
      rule: UPTIME_RULE,
      components: rows,
      incidents: incidents.map((doc) => publicIncident(doc, names)),
      maintenance: completed.items
        .filter((doc) => (doc.completedAt ?? '') >= `${fromDay}T00:00:00.000Z`)
        .map((doc) => publicMaintenance(doc, names)),
    };
  };

  /** Incidents and maintenance of the last 90 days, for the feed (no rollups). */
  const timeline = async (productId: string) => {
    const fromIso = `${dayOf(addDays(clock(), -(HISTORY_DAYS - 1)))}T00:00:00.000Z`;
    const [components, recent, open, windows] = await Promise.all([
      repo.components.list(productId),
      repo.incidents.since(productId, fromIso),
      repo.incidents.open(productId),
      repo.maintenance.list(productId, {}, 100),
    ]);
    const names = namesOf(components);
    const incidents = [...new Map([...open, ...recent].map((doc) => [doc.id, doc])).values()];
    return {
      incidents: incidents.map((doc) => publicIncident(doc, names)),
      maintenance: windows.items
        .filter((doc) => (doc.completedAt ?? doc.scheduledStart) >= fromIso || doc.status !== 'completed')
        .map((doc) => publicMaintenance(doc, names)),
    };
  };

  return { current, history, timeline };
};

export type PublicStatus = ReturnType<typeof createPublicStatus>;
