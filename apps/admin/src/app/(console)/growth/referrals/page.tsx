import type { Metadata } from 'next';
import { ReferralsView } from '~/components/growth/referrals-view';

export const metadata: Metadata = { title: 'Referrals' };

export default function GrowthReferralsPage() {
  return <ReferralsView />;
}
