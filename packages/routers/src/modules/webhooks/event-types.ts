import { PUBLIC_EVENT_TYPES } from '@bytelyst/events/catalogue';
import { AppError } from '../../app-error';

/**
 * An endpoint's event filter: exact public event types and domain wildcards (`subscription.*` matches
 * `subscription.created` and `subscription.plan.changed`); `*` or an empty list means every public event.
 */
export const matchesFilter = (filter: readonly string[], type: string): boolean =>
  filter.length === 0 ||
  filter.some(
    (entry) =>
      entry === '*' || entry === type || (entry.endsWith('.*') && type.startsWith(entry.slice(0, -1))),
  );

const PUBLIC = new Set<string>(PUBLIC_EVENT_TYPES);

/** Refuses, naming `eventTypes.N`, an entry that is not a public event type or matches none. */
export const assertEventFilter = (filter: readonly string[]): string[] => {
  const fields: { path: string; message: string }[] = [];
  filter.forEach((entry, index) => {
    if (entry === '*' || PUBLIC.has(entry)) return;
    if (entry.endsWith('.*') && PUBLIC_EVENT_TYPES.some((type) => matchesFilter([entry], type))) return;
    fields.push({
      path: `eventTypes.${index}`,
      message: entry.endsWith('.*')
        ? `No public event matches '${entry}'`
        : `'${entry}' is not a public event type (see GET /v1/events/catalogue)`,
    });
  });
  if (fields.length > 0) throw new AppError('VALIDATION', 'Unknown event types', { fields });
  return [...new Set(filter)];
};

export const isPublicEventType = (type: string): boolean => PUBLIC.has(type);
