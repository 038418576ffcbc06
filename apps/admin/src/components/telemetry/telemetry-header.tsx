import type { ReactNode } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';

export type TelemetryTab = 'events' | 'clusters' | 'policy' | 'devices';

const TABS: readonly { id: TelemetryTab; href: string; label: string }[] = [
  { id: 'events', href: '/telemetry', label: 'Client events' },
  { id: 'clusters', href: '/telemetry/clusters', label: 'Error clusters' },
  { id: 'policy', href: '/telemetry/policy', label: 'Policies' },
  { id: 'devices', href: '/telemetry/devices', label: 'Devices' },
];

const DESCRIPTIONS: Record<TelemetryTab, string> = {
  events:
    'Events sent by the apps of this product, newest first. Error and fatal events are grouped into clusters.',
  clusters: 'Client errors grouped by fingerprint: normalized message, top stack frames and platform.',
  policy: 'What this product collects: sampling per level, names never stored, batch size and retention.',
  devices: 'Devices registered by signed-in users, with their push registration, locale and time zone.',
};

export function TelemetryHeader({ tab, actions }: { tab: TelemetryTab; actions?: ReactNode }) {
  return (
    <>
      <PageHeader title="Telemetry" description={DESCRIPTIONS[tab]} actions={actions} />
      <TabNav
        label="Telemetry views"
        tabs={TABS.map((t) => ({ href: t.href, label: t.label, current: t.id === tab }))}
      />
    </>
  );
}
