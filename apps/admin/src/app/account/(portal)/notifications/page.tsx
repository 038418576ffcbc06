import type { Metadata } from 'next';
import { NotificationsSection } from '~/components/account/notifications-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Notifications' };

export default function AccountNotificationsPage() {
  return (
    <>
      <PageHeader title="Notifications" description="Which messages reach you, and where." />
      <NotificationsSection />
    </>
  );
}
