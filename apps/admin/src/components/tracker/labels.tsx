import type { TItemKind, TItemPriority, TItemStatus } from '@bytelyst/routers/modules/tracker/items/schema';
import { Badge, type Tone } from '~/components/kit/badge';

export const STATUS_LABELS: Record<TItemStatus, string> = {
  open: 'Open',
  planned: 'Planned',
  in_progress: 'In progress',
  done: 'Done',
  closed: 'Closed',
};
const STATUS_TONES: Record<TItemStatus, Tone> = {
  open: 'info',
  planned: 'accent',
  in_progress: 'warning',
  done: 'success',
  closed: 'neutral',
};

export const KIND_LABELS: Record<TItemKind, string> = { bug: 'Bug', feature: 'Feature', task: 'Task' };
const KIND_TONES: Record<TItemKind, Tone> = { bug: 'danger', feature: 'accent', task: 'neutral' };

export const PRIORITY_LABELS: Record<TItemPriority, string> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
  critical: 'Critical',
};
const PRIORITY_TONES: Record<TItemPriority, Tone> = {
  low: 'neutral',
  medium: 'info',
  high: 'warning',
  critical: 'danger',
};

export const optionsOf = <K extends string>(labels: Record<K, string>) =>
  (Object.keys(labels) as K[]).map((value) => ({ value, label: labels[value] }));

export function ItemStatusBadge({ status }: { status: TItemStatus }) {
  return (
    <Badge tone={STATUS_TONES[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function ItemKindBadge({ kind }: { kind: TItemKind }) {
  return <Badge tone={KIND_TONES[kind]}>{KIND_LABELS[kind]}</Badge>;
}

export function PriorityBadge({ priority }: { priority: TItemPriority }) {
  return <Badge tone={PRIORITY_TONES[priority]}>{PRIORITY_LABELS[priority]}</Badge>;
}
