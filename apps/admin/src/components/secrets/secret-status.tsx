import type { TSecret } from '@bytelyst/routers/modules/secrets/schema';
import { Badge, type Tone } from '~/components/kit/badge';

/** The page's first query, prefetched on the server with the same input. */
export const SECRETS_LIST_INPUT = { scope: 'product' as const, deleted: true };

const STATUS: Record<TSecret['status'], { label: string; tone: Tone }> = {
  active: { label: 'Active', tone: 'success' },
  expiring: { label: 'Expiring', tone: 'warning' },
  expired: { label: 'Expired', tone: 'danger' },
  deleted: { label: 'Deleted', tone: 'neutral' },
};

export function SecretStatusBadge({ status }: { status: TSecret['status'] }) {
  const { label, tone } = STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

/** `yyyy-mm-dd` of an ISO instant, for a date input. */
export const dayOf = (iso: string | null) => (iso ? iso.slice(0, 10) : '');
