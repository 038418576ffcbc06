import type { Metadata } from 'next';
import { SubscriptionSection } from '~/components/account/subscription-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Subscription' };

export default function AccountSubscriptionPage() {
  return (
    <>
      <PageHeader title="Subscription" description="Your plan, its period and how you pay." />
      <SubscriptionSection />
    </>
  );
}
