'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { optionsOf, REFERRAL_STATUS_LABELS } from './growth-badges';
import { GrowthHeader } from './growth-header';
import { type ReferralFilters as Filters, REFERRALS_LIST, referralsListInput } from './growth-lists';
import { ReferralsTable } from './referrals-table';
import { percent, StatGrid } from './stat-grid';
import { TopReferrersCard } from './top-referrers-card';

export function ReferralsView() {
  const { filters, query, changeFilters, pager, page } = useListState(REFERRALS_LIST);
  const list = trpc.referrals.list.useQuery(referralsListInput(query, page), KEEP_PREVIOUS);
  const stats = trpc.referrals.stats.useQuery();
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
