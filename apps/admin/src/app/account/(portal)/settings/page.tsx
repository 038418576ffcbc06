import type { Metadata } from 'next';
import { SettingsSection } from '~/components/account/settings-section';
import { PageHeader } from '~/components/kit/page-header';

export const metadata: Metadata = { title: 'Settings' };

export default function AccountSettingsPage() {
  return (
    <>
      <PageHeader title="Settings" description="Your preferences in this product." />
      <SettingsSection />
    </>
  );
}
