/**
 * Rules shared by every DocumentStore driver (sqlite and cosmos), so that both enforce the same contract:
 * field-name validation, limits, partition keys, TTL arithmetic, etags and cursor encoding.
 */
import { randomBytes } from 'node:crypto';
import type { BaseDoc, Clock, ContainerDef, Stored } from './document-store';
import { StoreError } from './document-store';

export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;
/** How often a store deletes expired documents in the background. */
export const PURGE_INTERVAL_MS = 60_000;

const FIELD_RE = /^[A-Za-z_][A-Za-z0-9_.]*$/;
const CONTAINER_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Field names end up inside SQL text (json paths, index expressions): only plain identifiers pass. */
export function assertField(field: string): string {
  if (!FIELD_RE.test(field) || field.endsWith('.') || field.includes('..')) {
    throw new StoreError('invalid', `Invalid field name: ${JSON.stringify(field)}`);
  }
  return field;
}

export function assertContainerName(name: string): string {
  if (!CONTAINER_RE.test(name))
    throw new StoreError('invalid', `Invalid container name: ${JSON.stringify(name)}`);
  return name;
}

export function resolveLimit(limit: number | undefined): number {
  if (limit === undefined) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new StoreError('invalid', `limit must be an integer in 1..${MAX_LIMIT}, got ${limit}`);
  }
  return limit;
}

/** Reads a (possibly dotted) path from a document. */
export function getPath(doc: unknown, path: string): unknown {
  let value: unknown = doc;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export function partitionKeyOf(def: ContainerDef, doc: BaseDoc): string {
  const parts = def.partitionKey.map((field) => {
    const value = getPath(doc, field);
    if (typeof value !== 'string' || value === '') {
      throw new StoreError(
        'invalid',
        `Partition key field ${field} of ${def.name} must be a non-empty string`,
      );
    }
    return value;
  });
  return parts.join(':');
}

/** Documents per page of a container scan unless the caller asks otherwise. */
export const DEFAULT_SCAN_PAGE = 500;

export function scanPageSize(size: number | undefined): number {
  if (size === undefined) return DEFAULT_SCAN_PAGE;
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new StoreError('invalid', `pageSize must be an integer in 1..10000, got ${size}`);
  }
  return size;
}

/** Runs `work` over `items` with at most `concurrency` in flight; rejects with the first failure. */
export async function forEachPooled<I>(
  items: readonly I[],
  concurrency: number,
  work: (item: I) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next] as I;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, lane));
}

/** Cosmos forbids these characters in ids; both drivers refuse them so data moves freely between engines. */
const BAD_ID_CHARS = /[/\\?#]/;
const MAX_ID_LENGTH = 255;
/** Cosmos accepts at most 100 operations in one transactional batch; sqlite keeps the same limit. */
export const MAX_BATCH_OPERATIONS = 100;

export function assertId(id: unknown): string {
  if (typeof id !== 'string' || id === '' || id.length > MAX_ID_LENGTH || BAD_ID_CHARS.test(id)) {
    throw new StoreError('invalid', `Document id must be 1..${MAX_ID_LENGTH} characters without / \\ ? #`);
  }
  return id;
}

export function assertBatchSize(count: number): void {
  if (count > MAX_BATCH_OPERATIONS) {
    throw new StoreError('invalid', `A batch holds at most ${MAX_BATCH_OPERATIONS} operations, got ${count}`);
  }
}

type OrderTerm = { field: string; direction?: 'asc' | 'desc' };

/**
 * Ordering must be served by a declared index on every engine (Cosmos needs a composite index for
 * "fields, then id"): the fields must equal one `indexes` entry of the container, or be `id` alone.
 * A trailing `id` ascending is the implicit tiebreaker and may be spelled out.
 */
export function assertOrderBy(def: ContainerDef, orderBy: readonly OrderTerm[] | undefined): void {
  const terms = orderBy ?? [];
  for (const o of terms) {
    assertField(o.field);
    if (o.direction !== undefined && o.direction !== 'asc' && o.direction !== 'desc') {
      throw new StoreError('invalid', `Bad order direction: ${String(o.direction)}`);
    }
  }
  if (terms.length === 1 && terms[0]?.field === 'id') return;
  const last = terms[terms.length - 1];
  const fields = terms.map((o) => o.field);
  if (last?.field === 'id' && last.direction !== 'desc') fields.pop();
  if (fields.length === 0) return;
  if (fields.includes('id')) throw new StoreError('invalid', 'id may only end an orderBy, ascending');
  const declared = (def.indexes ?? []).some(
    (ix) => ix.length === fields.length && ix.every((f, i) => f === fields[i]),
  );
  if (!declared) {
    throw new StoreError(
      'invalid',
      `orderBy [${fields.join(', ')}] on ${def.name} needs that exact entry in the container's indexes`,
    );
  }
}

function assertTtl(ttl: unknown, what: string): number | undefined {
  if (ttl === undefined || ttl === null) return undefined;
  if (typeof ttl !== 'number' || !Number.isInteger(ttl) || (ttl < 1 && ttl !== -1)) {
    throw new StoreError(
      'invalid',
      `${what} must be a positive integer of seconds or -1, got ${String(ttl)}`,
    );
  }
  return ttl;
}

/** The per-document ttl (option first, then the document's own `ttl` property), validated. */
export function documentTtl(doc: BaseDoc, optionTtl: number | undefined): number | undefined {
  return assertTtl(optionTtl ?? (doc as { ttl?: unknown }).ttl, 'ttl');
}

/** Epoch ms at which a document written at `nowMs` expires, or null when it never does. */
export function expiresAt(def: ContainerDef, docTtl: number | undefined, nowMs: number): number | null {
  const ttl = docTtl ?? assertTtl(def.defaultTtl, 'defaultTtl');
  if (ttl === undefined || ttl === -1) return null;
  return nowMs + ttl * 1000;
}

const ETAG_BYTES = 12;
const ETAG_POOL = 256;
let etagPool = Buffer.alloc(0);
let etagOffset = 0;

/** 12 random bytes per etag, drawn from a pool refilled 3 KiB at a time (one randomBytes call per 256 writes). */
export function newEtag(): string {
  if (etagOffset + ETAG_BYTES > etagPool.length) {
    etagPool = randomBytes(ETAG_BYTES * ETAG_POOL);
    etagOffset = 0;
  }
  const etag = etagPool.toString('base64url', etagOffset, etagOffset + ETAG_BYTES);
  etagOffset += ETAG_BYTES;
  return etag;
}

export type Stamped<T extends BaseDoc> = { doc: Stored<T>; pk: string; expiresAt: number | null };

/** Adds `_etag`, `_ts` and the effective `ttl` to a document about to be written. */
export function stamp<T extends BaseDoc>(
  def: ContainerDef,
  doc: T,
  optionTtl: number | undefined,
  clock: Clock,
): Stamped<T> {
  assertId(doc.id);
  const pk = partitionKeyOf(def, doc);
  const ttl = documentTtl(doc, optionTtl);
  const now = clock();
  const { _etag: _e, _ts: _t, ...rest } = doc as T & { _etag?: unknown; _ts?: unknown };
  const stored = { ...rest, _etag: newEtag(), _ts: Math.floor(now / 1000) } as Record<string, unknown>;
  if (ttl !== undefined) stored.ttl = ttl;
  return { doc: stored as Stored<T>, pk, expiresAt: expiresAt(def, ttl, now) };
}

/** Cursors are opaque to callers: base64url of a JSON payload only the issuing driver reads. */
export function encodeCursor(payload: unknown): string {
  return Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): unknown {
  try {
    return JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch (cause) {
    throw new StoreError('invalid', 'Malformed continuation cursor', { cause });
  }
}

/** Default background purge: runs every PURGE_INTERVAL_MS, never keeps the process alive. */
export function startPurgeTimer(purge: () => Promise<number>): () => void {
  const timer = setInterval(() => {
    purge().catch(() => {
      // A failed background purge is retried on the next tick; reads filter expired docs regardless.
    });
  }, PURGE_INTERVAL_MS);
  timer.unref();
  return () => clearInterval(timer);
}
