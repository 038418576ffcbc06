import type { Metadata } from 'next';
import { SubscriptionsView } from '~/components/billing/subscriptions-view';

export const metadata: Metadata = { title: 'Subscriptions' };

export default function BillingSubscriptionsPage() {
  return <SubscriptionsView />;
}
