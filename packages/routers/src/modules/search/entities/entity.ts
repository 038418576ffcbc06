import type { EventType, PlatformEvent } from '@bytelyst/events/catalogue';
import type { TSearchType } from '../schema';

/** What the index keeps of a record: its text, its exact keys, and what a result shows and opens. */
export type SearchEntry = {
  id: string;
  /** The user the record is about or by (see `erasedWithOwner`). */
  owner: string | null;
  /** What names the record (weighted 3 in the ranking): an email and name, a title, an action. */
  primary: string;
  /** The rest of its text (weight 1). */
  secondary: string;
  /** A query equal to one of these, ignoring case, puts the record first. */
  keys: readonly string[];
  title: string;
  subtitle: string | null;
  at: string | null;
  ref: Record<string, string>;
};

/**
 * One searchable type, declared once: the events after which its record is read again, how to read one and
 * page through all, and what the index keeps of it. The module builds a bus subscriber and a rebuild pass
 * from each declaration, so adding a type touches nothing else in the module.
 */
export type SearchEntity<R = unknown> = {
  type: TSearchType;
  /** A result group's heading. */
  label: string;
  /** Events after which the record is read again: indexed as it now is, or removed when it is gone. */
  events: readonly EventType[];
  /** The record an event is about; null when the event concerns none of this type. */
  recordId(event: PlatformEvent): string | null;
  find(productId: string, id: string): Promise<R | undefined>;
  /** The product's records a page at a time, for a rebuild. */
  page(
    productId: string,
    cursor: string | undefined,
    limit: number,
  ): Promise<{ items: R[]; nextCursor: string | null }>;
  /** How many records the product has, when that is cheap to know (a rebuild's progress). */
  count?(productId: string): Promise<number>;
  entry(record: R): SearchEntry;
  /**
   * Erasing a user (`user.deleted`) removes the entries they own, and they stay out of later rebuilds: their
   * account, what they sent in private. Public content (tracker items) and the audit log keep theirs.
   */
  erasedWithOwner: boolean;
  /**
   * Its events are delivered one at a time in order (per product), so a late update never writes back a record
   * its deletion already removed. Records that never change (audit entries) need not wait for each other.
   */
  ordered: boolean;
  /**
   * The record is written by another subscriber of the same event (the audit log's, which runs first): when it
   * is not there yet, the delivery fails and is retried rather than taken as a deletion.
   */
  writtenBySubscriber?: boolean;
};

/** Declarations of different record types share one list. */
// biome-ignore lint/suspicious/noExplicitAny: each declaration keeps its own record type.
export type AnySearchEntity = SearchEntity<any>;

/** A text cut to `max` characters at a word boundary when it can be. */
export const clip = (text: string, max: number): string => {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
};
