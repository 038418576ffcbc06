import type { Metadata } from 'next';
import { ProfileSection } from '~/components/account/profile-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Profile' };

export default function AccountProfilePage() {
  return (
    <>
      <PageHeader title="Your profile" description="Your name, email address and how you sign in." />
      <ProfileSection />
    </>
  );
}
