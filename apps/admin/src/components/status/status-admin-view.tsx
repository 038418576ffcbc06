'use client';

import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { tableStateOf } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { ComponentCards } from './component-cards';
import { ComponentDialog } from './component-dialog';
import { IncidentDialog } from './incident-dialog';
import { IncidentsCard } from './incidents-card';
import { STATE_LABELS } from './labels';
import { MaintenanceCard } from './maintenance-card';
import { MaintenanceDialog } from './maintenance-dialog';
import { MonitorsCard } from './monitors-card';

const REFRESH_MS = 15_000;

/** /ops/status: the public page's controls. Component states come from the monitors and open incidents. */
export function StatusAdminView({ apiUrl }: { apiUrl: string }) {
  const now = useNow();
  const components = trpc.status.components.list.useQuery(undefined, { refetchInterval: REFRESH_MS });
  const monitors = trpc.status.monitors.list.useQuery(undefined, { refetchInterval: REFRESH_MS });
  const maintenance = trpc.status.maintenance.list.useQuery(undefined, { refetchInterval: REFRESH_MS });
  const subscribers = trpc.status.subscribers.stats.useQuery();
  const [dialog, setDialog] = useState<'incident' | 'maintenance' | 'component' | null>(null);
  const items = components.data?.items ?? [];
  const monitorItems = monitors.data?.items ?? [];
  const broken = items.filter((c) => c.state !== 'operational');
  const windows = maintenance.data?.items ?? [];
  const upcoming = windows.filter((w) => w.status === 'scheduled' || w.status === 'in_progress').length;

  return (
    <>
      <PageHeader
        title="Status page"
        description="What the public page at /status says: component states from the monitors, incidents with their updates, and scheduled maintenance. Subscribers are mailed every update."
        actions={
          <>
            <a className="btn" href="/status" target="_blank" rel="noreferrer">
              <Icon name="monitor" size={14} />
              Open public page
            </a>
            <NewButton label="New incident" onClick={() => setDialog('incident')} />
          </>
        }
      />
      <div className="grid grid-stats">
        <div className="card stat">
          <div className="stat-label">Components</div>
          <div className="stat-value">{items.length}</div>
          <div className="stat-hint">
            {broken.length === 0
              ? 'All operational'
              : broken.map((c) => `${c.name}: ${STATE_LABELS[c.state].toLowerCase()}`).join(', ')}
          </div>
        </div>
        <div className="card stat">
          <div className="stat-label">Monitors</div>
          <div className="stat-value">{monitorItems.length}</div>
          <div className="stat-hint">
            {monitorItems.filter((m) => m.enabled && m.status === 'down').length} down ·{' '}
            {monitorItems.filter((m) => m.enabled && m.status === 'pending').length} retrying
          </div>
        </div>
        <div className="card stat">
          <div className="stat-label">Maintenance</div>
          <div className="stat-value">{upcoming}</div>
          <div className="stat-hint">scheduled or in progress</div>
        </div>
        <div className="card stat">
          <div className="stat-label">Email subscribers</div>
          <div className="stat-value">{subscribers.data?.active ?? '—'}</div>
          <div className="stat-hint">
            {subscribers.data ? `${subscribers.data.pending} awaiting confirmation` : ' '}
          </div>
        </div>
      </div>

      <section aria-labelledby="components-title" className="stack">
        <div className="row">
          <h2 className="section-title" id="components-title">
            Components
          </h2>
          <span className="spacer" />
          <Button size="sm" onClick={() => setDialog('component')}>
            <Icon name="plus" size={14} />
            Add component
          </Button>
        </div>
        <ComponentCards
          components={items}
          monitorsOf={(id) => monitorItems.filter((m) => m.componentId === id && m.enabled).length}
          now={now}
        />
      </section>

      <IncidentsCard now={now} actions={null} />
      <MaintenanceCard
        windows={windows}
        {...tableStateOf(maintenance)}
        actions={
          <Button size="sm" onClick={() => setDialog('maintenance')}>
            <Icon name="clock" size={14} />
            Schedule maintenance
          </Button>
        }
      />
      <MonitorsCard
        monitors={monitorItems}
        components={items}
        apiUrl={apiUrl}
        now={now}
        {...tableStateOf(monitors)}
      />

      <IncidentDialog open={dialog === 'incident'} onClose={() => setDialog(null)} components={items} />
      <MaintenanceDialog open={dialog === 'maintenance'} onClose={() => setDialog(null)} components={items} />
      <ComponentDialog open={dialog === 'component'} onClose={() => setDialog(null)} />
    </>
  );
}
