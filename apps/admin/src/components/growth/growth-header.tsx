import type { ReactNode } from 'react';
import { PageHeader } from '~/components/kit/page-header';
import { TabNav } from '~/components/kit/tab-nav';

export type GrowthTab = 'invitations' | 'referrals';

const TABS: readonly { id: GrowthTab; href: string; label: string }[] = [
  { id: 'invitations', href: '/growth', label: 'Invitations' },
  { id: 'referrals', href: '/growth/referrals', label: 'Referrals' },
];

/** Title and the growth views as tabs (each its own URL). */
export function GrowthHeader({ tab, actions }: { tab: GrowthTab; actions?: ReactNode }) {
  return (
    <>
      <PageHeader
        title="Invitations & referrals"
        description="Invitation codes that let people in, and the referral links users share with friends."
        actions={actions}
      />
      <TabNav
        label="Growth views"
        tabs={TABS.map((t) => ({ href: t.href, label: t.label, current: t.id === tab }))}
      />
    </>
  );
}
