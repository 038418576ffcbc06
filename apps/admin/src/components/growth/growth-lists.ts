import type { TInvitationStatus } from '@bytelyst/routers/modules/growth/invitations/schema';
import type { TReferralStatus } from '@bytelyst/routers/modules/growth/referrals/schema';
import type { TWaitlistStatus } from '@bytelyst/routers/modules/growth/waitlist/schema';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';

export type InvitationFilters = { status: TInvitationStatus | '' };

export const INVITATIONS_LIST: ListConfig<InvitationFilters> = { defaults: { status: '' }, pageSize: 20 };

/** The `invitations.list` input of the view and of the server's prefetch. */
export const invitationsListInput = (filters: InvitationFilters, page: ListPage) => ({
  ...definedFilters(filters),
  ...page,
});

export type ReferralFilters = { status: TReferralStatus | ''; referrerId: string };

export const REFERRALS_LIST: ListConfig<ReferralFilters> = {
  defaults: { status: '', referrerId: '' },
  pageSize: 20,
  debounce: ['referrerId'],
};

/** The `referrals.list` input of the view and of the server's prefetch. */
export const referralsListInput = (filters: ReferralFilters, page: ListPage) => ({
  ...definedFilters(filters),
  ...page,
});

export type WaitlistFilters = { status: TWaitlistStatus | ''; search: string; from: string; to: string };

export const WAITLIST_LIST: ListConfig<WaitlistFilters> = {
  defaults: { status: '', search: '', from: '', to: '' },
  pageSize: 25,
  debounce: ['search'],
};

/** The day picked in a date field as an ISO bound in UTC (start or end of that day). */
const dayBound = (day: string, end: boolean) => `${day}T${end ? '23:59:59.999' : '00:00:00.000'}Z`;

/** Which entries the filters select: the list pages through them, the CSV export takes them all. */
export const waitlistMatch = (filters: WaitlistFilters) => {
  const search = filters.search.trim();
  return {
    ...(filters.status ? { status: filters.status } : {}),
    ...(search ? { search } : {}),
    ...(filters.from ? { createdFrom: dayBound(filters.from, false) } : {}),
    ...(filters.to ? { createdTo: dayBound(filters.to, true) } : {}),
  };
};

/** The `waitlist.list` input of the view and of the server's prefetch. */
export const waitlistListInput = (filters: WaitlistFilters, page: ListPage) => ({
  ...waitlistMatch(filters),
  sort: 'position' as const,
  direction: 'asc' as const,
  ...page,
});
