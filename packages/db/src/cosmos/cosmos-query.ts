/**
 * Paged queries on Cosmos with the SDK's continuation tokens (never OFFSET/LIMIT). The opaque cursor wraps
 * the SDK token at which the next page's first item sits plus how many items to skip from there, so a page
 * holds exactly `limit` items and the last page has a null continuation (the driver reads one item ahead).
 */
import type { FeedOptions, Container as SdkContainer, SqlQuerySpec } from '@azure/cosmos';
import { StoreError } from '../document-store';
import { decodeCursor, encodeCursor } from '../driver-common';

type CursorPayload = { v: 1; q: string; t: string | null; s: number };

/** Ties a cursor to its query text, so it is never replayed against another query. */
function queryHash(spec: SqlQuerySpec, partitionKey: string | undefined): string {
  let h = 0;
  const text = `${partitionKey ?? ''}|${spec.query}`;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h.toString(36);
}

function decode(cursor: string, hash: string): { token: string | null; skip: number } {
  const p = decodeCursor(cursor) as Partial<CursorPayload> | null;
  if (
    p?.v !== 1 ||
    p.q !== hash ||
    !(p.t === null || typeof p.t === 'string') ||
    typeof p.s !== 'number' ||
    !Number.isInteger(p.s) ||
    p.s < 0
  ) {
    throw new StoreError('invalid', 'Continuation cursor does not belong to this query');
  }
  return { token: p.t, skip: p.s };
}

const MAX_ROUND_TRIPS = 200;

export async function queryPage(
  container: SdkContainer,
  spec: SqlQuerySpec,
  options: { limit: number; partitionKey?: string; continuation?: string },
): Promise<{ items: unknown[]; continuation: string | null }> {
  const hash = queryHash(spec, options.partitionKey);
  let { token, skip } = options.continuation ? decode(options.continuation, hash) : { token: null, skip: 0 };
  const items: unknown[] = [];
  for (let trip = 0; trip < MAX_ROUND_TRIPS; trip++) {
    // Ask for what is still missing plus one item of look-ahead; skipped items come first.
    const feed: FeedOptions = { maxItemCount: skip + options.limit + 1 - items.length };
    if (token !== null) feed.continuationToken = token;
    if (options.partitionKey !== undefined) feed.partitionKey = options.partitionKey;
    const response = await container.items.query(spec, feed).fetchNext();
    const batch = response.resources;
    for (let i = skip; i < batch.length; i++) {
      if (items.length === options.limit) {
        return {
          items,
          continuation: encodeCursor({ v: 1, q: hash, t: token, s: i } satisfies CursorPayload),
        };
      }
      items.push(batch[i]);
    }
    skip = Math.max(0, skip - batch.length);
    const next = response.continuationToken;
    if (!next || !response.hasMoreResults) return { items, continuation: null };
    token = next;
  }
  throw new StoreError('unavailable', 'Query did not complete within the round-trip budget');
}
