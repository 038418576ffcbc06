import type { Metadata } from 'next';
import { SessionsSection } from '~/components/account/sessions-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Sessions' };

export default function AccountSessionsPage() {
  return (
    <>
      <PageHeader title="Sessions" description="Where your account is signed in." />
      <SessionsSection />
    </>
  );
}
