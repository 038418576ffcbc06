import type { TSubscriptionStatus } from '@bytelyst/routers/modules/billing/subscriptions/schema';
import { Badge } from '~/components/kit/badge';
import { SUBSCRIPTION_STATUS_LABELS, SUBSCRIPTION_STATUS_TONES } from './billing-format';

export function SubscriptionStatusBadge({ status }: { status: TSubscriptionStatus }) {
  return (
    <Badge tone={SUBSCRIPTION_STATUS_TONES[status]} dot>
      {SUBSCRIPTION_STATUS_LABELS[status]}
    </Badge>
  );
}
