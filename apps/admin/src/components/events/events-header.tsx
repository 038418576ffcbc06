'use client';

import { SelectField } from '~/components/kit/field';
import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';
import { type EventScope, scopeSearch } from '~/lib/event-scope';
import { trpc } from '~/lib/trpc';
import { EventStats } from './event-stats';
import { RecoverDialog } from './recover-dialog';

export type EventsTab = 'recent' | 'dead-letters' | 'catalogue';

const TABS: readonly { id: EventsTab; path: string; label: string }[] = [
  { id: 'recent', path: '/ops/events', label: 'Recent events' },
  { id: 'dead-letters', path: '/ops/events/dead-letters', label: 'Dead letters' },
  { id: 'catalogue', path: '/ops/events/catalogue', label: 'Catalogue' },
];

type Props = { tab: EventsTab; scope: EventScope; onScopeChange: (scope: EventScope) => void };

/** Title, scope, counts and the view tabs shared by the events pages. */
export function EventsHeader({ tab, scope, onScopeChange }: Props) {
  const me = trpc.auth.getMine.useQuery();
  const product = trpc.products.getCurrent.useQuery();
  // Other products and platform events are super_admin only; the API refuses everyone else.
  const canChooseScope = me.data?.roles.includes('super_admin') ?? false;
  const productName = product.data?.name ?? 'this product';
  const search = scopeSearch(scope);
  const described =
    scope === 'platform'
      ? 'Events of the platform itself: job failures and dead-letter reports.'
      : scope === 'all'
        ? 'Events of every product, newest first.'
        : `Events of ${productName} on the durable bus, and their delivery to each subscriber.`;

  return (
    <>
      <PageHeader
        title="Events"
        doc="architecture#how-an-event-flows"
        description={described}
        actions={
          <div className="row">
            {canChooseScope ? (
              <SelectField
                label="Scope"
                className="field-inline"
                value={scope}
                options={[
                  { value: 'current', label: `This product (${productName})` },
                  { value: 'platform', label: 'Platform events' },
                  { value: 'all', label: 'All products' },
                ]}
                onChange={(event) => onScopeChange(event.target.value as EventScope)}
              />
            ) : null}
            {/* A recovery is the selected product's: its endpoints, its notifications, its jobs. */}
            {scope === 'current' ? <RecoverDialog /> : null}
          </div>
        }
      />
      <EventStats scope={scope} />
      <TabNav
        label="Event views"
        tabs={TABS.map((t) => ({ href: `${t.path}${search}`, label: t.label, current: t.id === tab }))}
      />
    </>
  );
}
