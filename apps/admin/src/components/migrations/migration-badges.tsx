import type { TMigrationStatus } from '@bytelyst/routers/modules/migrations/schema';
import { Badge, type Tone } from '~/components/kit/badge';

const STATUS: Record<TMigrationStatus, { label: string; tone: Tone }> = {
  pending: { label: 'Pending', tone: 'neutral' },
  running: { label: 'Running', tone: 'info' },
  applied: { label: 'Applied', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  rolled_back: { label: 'Rolled back', tone: 'accent' },
  pending_approval: { label: 'Awaiting approval', tone: 'warning' },
};

export function MigrationStatusBadge({ status }: { status: TMigrationStatus }) {
  const { label, tone } = STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}
