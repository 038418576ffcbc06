import type { ReactNode } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';

export type BillingTab = 'plans' | 'subscriptions' | 'dunning';

const TABS: readonly { id: BillingTab; href: string; label: string }[] = [
  { id: 'plans', href: '/billing', label: 'Plans' },
  { id: 'subscriptions', href: '/billing/subscriptions', label: 'Subscriptions' },
  { id: 'dunning', href: '/billing/dunning', label: 'Dunning' },
];

/** Title and the billing views as tabs (each its own URL). */
export function BillingHeader({ tab, actions }: { tab: BillingTab; actions?: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Plans & subscriptions"
        description="What the selected product sells, who is subscribed to what, and whose payment is being chased. Payments arrive from Stripe."
        actions={actions}
      />
      <TabNav
        label="Billing views"
        tabs={TABS.map((t) => ({ href: t.href, label: t.label, current: t.id === tab }))}
      />
    </>
  );
}
