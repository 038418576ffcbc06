import type { Metadata } from 'next';
import { LicensesSection } from '~/components/account/licenses-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Licenses' };

export default function AccountLicensesPage() {
  return (
    <>
      <PageHeader title="Licenses" description="Your license keys and the devices they are activated on." />
      <LicensesSection />
    </>
  );
}
