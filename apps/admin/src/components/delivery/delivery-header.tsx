'use client';

import type { ReactNode } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';
import { trpc } from '~/lib/trpc';

export type DeliveryTab = 'log' | 'suppressions';

const TABS: readonly { id: DeliveryTab; href: string; label: string }[] = [
  { id: 'log', href: '/ops/delivery', label: 'Message log' },
  { id: 'suppressions', href: '/ops/delivery/suppressions', label: 'Suppressions' },
];

/** Title, actions and the view tabs shared by the delivery pages; the log puts its counts between. */
export function DeliveryHeader({
  tab,
  actions,
  children,
}: {
  tab: DeliveryTab;
  actions?: ReactNode;
  children?: ReactNode;
}) {
  const product = trpc.products.getCurrent.useQuery();
  return (
    <>
      <PageHeader
        title="Delivery"
        description={`Every mail and push ${product.data?.name ?? 'this product'} sent, what the providers answered, and the addresses that get no more mail.`}
        actions={actions}
      />
      {children}
      <TabNav
        label="Delivery views"
        tabs={TABS.map((t) => ({ href: t.href, label: t.label, current: t.id === tab }))}
      />
    </>
  );
}
