import type { Metadata } from 'next';
import { UsageSection } from '~/components/account/usage-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Usage' };

export default function AccountUsagePage() {
  return (
    <>
      <PageHeader title="Usage" description="How much of your plan's quotas you have used." />
      <UsageSection />
    </>
  );
}
