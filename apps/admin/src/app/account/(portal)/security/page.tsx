import type { Metadata } from 'next';
import { SecuritySection } from '~/components/account/security-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Password and email' };

export default function AccountSecurityPage() {
  return (
    <>
      <PageHeader title="Password and email" description="How you sign in to your account." />
      <SecuritySection />
    </>
  );
}
