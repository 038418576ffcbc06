'use client';

import type { TReferralStatus } from '@bytelyst/routers/modules/growth/referrals/schema';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { usePagedFilters } from '~/hooks/use-cursor-pager';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { trpc } from '~/lib/trpc';
import { optionsOf, REFERRAL_STATUS_LABELS } from './growth-badges';
import { GrowthHeader } from './growth-header';
import { ReferralsTable } from './referrals-table';
import { percent, StatGrid } from './stat-grid';
import { TopReferrersCard } from './top-referrers-card';

const PAGE_SIZE = 20;
type Filters = { status: TReferralStatus | ''; referrerId: string };

export function ReferralsView() {
  const { filters, changeFilters, pager } = usePagedFilters<Filters>({ status: '', referrerId: '' });
  const referrerId = useDebouncedValue(filters.referrerId.trim(), 300);
  const list = trpc.referrals.list.useQuery(
    {
      ...(filters.status ? { status: filters.status } : {}),
      ...(referrerId ? { referrerId } : {}),
      limit: PAGE_SIZE,
      cursor: pager.cursor,
    },
    { placeholderData: (previous) => previous },
  );
  const stats = trpc.referrals.productStats.useQuery();
  const data = stats.data;
  return (
    <>
      <GrowthHeader tab="referrals" />
      <StatGrid
        label="Referral counts"
        error={stats.error}
        onRetry={() => void stats.refetch()}
        stats={[
          { label: 'Pending', value: data?.pending, hint: 'Visits and invites, no sign-up yet' },
          { label: 'Signed up', value: data?.signedUp, hint: 'Registered with a referral code' },
          { label: 'Converted', value: data?.converted, hint: 'Referred users now paying' },
          { label: 'Conversion', value: percent(data?.conversionRate), hint: 'Converted of all sign-ups' },
        ]}
      />
      <TopReferrersCard
        referrers={data?.topReferrers ?? []}
        isLoading={stats.isLoading}
        error={stats.error}
        onRetry={() => void stats.refetch()}
        onPick={(userId) => changeFilters({ ...filters, referrerId: userId })}
      />
      <search className="filters">
        <SelectField
          label="Status"
          value={filters.status}
          options={optionsOf(REFERRAL_STATUS_LABELS, 'Any status')}
          onChange={(event) => changeFilters({ ...filters, status: event.target.value as Filters['status'] })}
        />
        <TextField
          className="field-grow"
          label="Referrer ID"
          type="search"
          placeholder="Only this user's referrals"
          value={filters.referrerId}
          onChange={(event) => changeFilters({ ...filters, referrerId: event.target.value })}
        />
      </search>
      <section className="card" aria-label="Referrals">
        <ReferralsTable referrals={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} total={list.data?.total} noun="referrals" />
      </section>
    </>
  );
}
