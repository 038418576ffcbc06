import { Badge } from '~/components/kit/badge';

/** An endpoint's event filter as chips; an empty filter takes every public event. */
export function EventFilterBadges({ eventTypes }: { eventTypes: readonly string[] }) {
  if (eventTypes.length === 0) return <Badge tone="info">All public events</Badge>;
  return (
    <span className="badge-list">
      {eventTypes.map((type) => (
        <Badge key={type} tone={type.endsWith('*') ? 'accent' : 'neutral'}>
          <span className="mono">{type}</span>
        </Badge>
      ))}
    </span>
  );
}
