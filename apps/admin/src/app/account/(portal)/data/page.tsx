import type { Metadata } from 'next';
import { DataSection } from '~/components/account/data-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Your data' };

export default function AccountDataPage() {
  return (
    <>
      <PageHeader title="Your data" description="Take a copy of everything we hold about you, or delete your account." />
      <DataSection />
    </>
  );
}
