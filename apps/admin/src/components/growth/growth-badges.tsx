import type { TInvitationStatus } from '@bytelyst/routers/modules/growth/invitations/schema';
import type { TReferralStatus } from '@bytelyst/routers/modules/growth/referrals/schema';
import type { TWaitlistStatus } from '@bytelyst/routers/modules/growth/waitlist/schema';
import { Badge, type Tone } from '~/components/kit/badge';

export const WAITLIST_STATUS_LABELS: Record<TWaitlistStatus, string> = {
  waiting: 'Waiting',
  invited: 'Invited',
  joined: 'Joined',
  removed: 'Removed',
};
const WAITLIST_TONES: Record<TWaitlistStatus, Tone> = {
  waiting: 'neutral',
  invited: 'info',
  joined: 'success',
  removed: 'danger',
};

export const INVITATION_STATUS_LABELS: Record<TInvitationStatus, string> = {
  active: 'Active',
  exhausted: 'Used up',
  expired: 'Expired',
  revoked: 'Revoked',
};
const INVITATION_TONES: Record<TInvitationStatus, Tone> = {
  active: 'success',
  exhausted: 'neutral',
  expired: 'warning',
  revoked: 'danger',
};

export const REFERRAL_STATUS_LABELS: Record<TReferralStatus, string> = {
  pending: 'Pending',
  signed_up: 'Signed up',
  converted: 'Converted',
};
const REFERRAL_TONES: Record<TReferralStatus, Tone> = {
  pending: 'neutral',
  signed_up: 'info',
  converted: 'success',
};

export function WaitlistStatusBadge({ status }: { status: TWaitlistStatus }) {
  return (
    <Badge tone={WAITLIST_TONES[status]} dot>
      {WAITLIST_STATUS_LABELS[status]}
    </Badge>
  );
}

export function InvitationStatusBadge({ status }: { status: TInvitationStatus }) {
  return (
    <Badge tone={INVITATION_TONES[status]} dot>
      {INVITATION_STATUS_LABELS[status]}
    </Badge>
  );
}

export function ReferralStatusBadge({ status }: { status: TReferralStatus }) {
  return (
    <Badge tone={REFERRAL_TONES[status]} dot>
      {REFERRAL_STATUS_LABELS[status]}
    </Badge>
  );
}

export const optionsOf = (labels: Record<string, string>, any: string) => [
  { value: '', label: any },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];
