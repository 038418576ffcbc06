/**
 * The persistence contract every driver (sqlite, cosmos) fulfils, proven by one contract suite.
 * Documents are plain JSON objects with a string `id`; the store adds `_etag` and `_ts`.
 */
import type { FullTextIndex, FullTextSpec } from './full-text/full-text';

/** A document as written by callers. */
export type BaseDoc = { id: string };

/** A document as returned by the store: `_etag` changes on every write, `_ts` is epoch seconds of the last write. */
export type Stored<T extends BaseDoc> = T & { _etag: string; _ts: number; ttl?: number };

/** Declared once per container in the catalogue (containers.ts) and created idempotently on start-up. */
export type ContainerDef = {
  name: string;
  /**
   * Fields whose values, joined by ':', form the partition key. One field is stored under its own path
   * (`/productId`); several form a synthetic `pk` property (written `/productId:jobName`).
   */
  partitionKey: readonly string[];
  /** Default time-to-live in seconds; documents may override it with their own `ttl` (-1: never expires). */
  defaultTtl?: number;
  /** Fields queried or ordered by; sqlite builds an index per entry, cosmos a composite index where several. */
  indexes?: readonly (readonly string[])[];
  /**
   * Every query of this container names its partition: sqlite then keeps only the partition-led copy of each
   * index (a cross-partition query still answers, by scanning). For write-heavy containers: each index is one
   * more B-tree to update per document.
   */
  partitionScopedIndexes?: boolean;
  /**
   * Makes this a full-text index instead of a document container: reached through `DocumentStore.fullText`
   * only (`container` refuses it). Sqlite keeps it in FTS5 tables, Cosmos as documents carrying their tokens
   * (full-text/full-text.ts). It holds derived data that its owner can rebuild from the sources.
   */
  fullText?: FullTextSpec;
};

export type ScalarValue = string | number | boolean | null;

/** Conditions on one field; several conditions on one field and several fields are ANDed. */
export type FieldCondition = {
  eq?: ScalarValue;
  ne?: ScalarValue;
  lt?: string | number;
  lte?: string | number;
  gt?: string | number;
  gte?: string | number;
  in?: readonly ScalarValue[];
  /** Substring of a string field, or membership in an array field. Case-sensitive. */
  contains?: ScalarValue;
  /** Case-insensitive substring of a string field. */
  icontains?: string;
  startsWith?: string;
  exists?: boolean;
};

/** Typed filter: keys are fields of the document (top-level; dotted paths reach nested fields). */
export type Filter<T> = { [K in keyof T & string]?: FieldCondition } & Record<
  string,
  FieldCondition | undefined
>;

export type OrderBy<T> = { field: keyof T & string; direction?: 'asc' | 'desc' };

export type Query<T> = {
  /** Restrict to one partition (cheaper on cosmos); omitted = cross-partition. */
  partitionKey?: string;
  where?: Filter<T>;
  /**
   * Sorted by these fields, then by `id` ascending as a tiebreaker so paging is stable. The fields must equal
   * one entry of the container's `indexes` (Cosmos serves "fields, then id" only from a composite index),
   * or be `id` alone; anything else is rejected with `invalid` by every driver.
   */
  orderBy?: readonly OrderBy<T>[];
  /** Page size, 1..1000; default 100. */
  limit?: number;
  /** Opaque cursor from a previous page's `continuation`. */
  continuation?: string;
};

export type Page<T> = { items: T[]; continuation: string | null };

export type WriteOptions = {
  /** Per-document time-to-live in seconds; -1 never expires; overrides the container default. */
  ttl?: number;
};

export type ReplaceOptions = WriteOptions & {
  /** Fail with `precondition_failed` unless the stored `_etag` equals this. */
  ifMatch?: string;
};

export type BatchOperation<T extends BaseDoc> =
  | { op: 'create'; doc: T; ttl?: number }
  | { op: 'upsert'; doc: T; ttl?: number }
  | { op: 'replace'; doc: T; ifMatch?: string; ttl?: number }
  | { op: 'delete'; id: string; ifMatch?: string };

/**
 * A document bound for another container, written if and only if the write it rides with commits: the
 * transactional outbox. Each entry is created (an existing id counts as already written, never overwritten).
 */
export type OutboxEntry = { container: string; doc: BaseDoc; ttl?: number };

/** Documents for other containers that a write commits with it, and what to run once it has committed. */
export type Outbox = {
  readonly entries: readonly OutboxEntry[];
  /** Called once, after the write and its entries are in place, with the entries as stored; must not throw. */
  committed?(stored: readonly Stored<BaseDoc>[]): void;
};

/**
 * Sqlite writes the entries in the same transaction as the change. Cosmos has no transaction across
 * containers: it writes one outbox document holding the entries into the change's own partition, in the same
 * transactional batch, then moves the entries to their containers; after a crash in between, `relayOutbox`
 * finishes the move. Either way the entries are in place when the write resolves.
 */
export type CommitOptions = { outbox?: Outbox };

export type MutateOptions<T extends BaseDoc> = {
  /** Read-apply-replace rounds before giving up with `precondition_failed`. Default 20. */
  attempts?: number;
  ttl?: number;
  /** What to commit with the change; called with each attempt's next document. */
  outbox?: (next: T, current: Stored<T>) => Outbox | undefined;
};

export type Mutated<T extends BaseDoc> = { doc: Stored<T>; changed: boolean };

/** One document as a container scan yields it: the stored document, its partition key and when it expires. */
export type ScannedDoc<T extends BaseDoc> = {
  doc: Stored<T>;
  partitionKey: string;
  /** Epoch ms at which it expires (container default or its own ttl); null when it never does. */
  expiresAt: number | null;
};

/** A document for `bulkWrite`, with its own time-to-live in seconds (-1 never expires) when it has one. */
export type BulkDoc<T extends BaseDoc> = { doc: T; ttl?: number };

export type StoreErrorCode = 'conflict' | 'not_found' | 'precondition_failed' | 'invalid' | 'unavailable';

/** Every driver throws this (never a driver-specific error) for the cases callers must handle. */
export class StoreError extends Error {
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
  }
}

export const isStoreError = (error: unknown, code?: StoreErrorCode): error is StoreError =>
  error instanceof StoreError && (code === undefined || error.code === code);

export type Container<T extends BaseDoc> = {
  readonly def: ContainerDef;
  /** The partition key value of a document under this container's definition. */
  partitionKeyOf(doc: T): string;
  /** Throws `conflict` when a document with this id exists in the partition. */
  create(doc: T, options?: WriteOptions & CommitOptions): Promise<Stored<T>>;
  /** Undefined when absent or expired. */
  read(id: string, partitionKey: string): Promise<Stored<T> | undefined>;
  upsert(doc: T, options?: WriteOptions & CommitOptions): Promise<Stored<T>>;
  /** Throws `not_found` when absent, `precondition_failed` on a stale `ifMatch`. */
  replace(doc: T, options?: ReplaceOptions & CommitOptions): Promise<Stored<T>>;
  /**
   * Returns false when absent (and then commits no outbox); throws `precondition_failed` on a stale `ifMatch`.
   */
  delete(id: string, partitionKey: string, options?: { ifMatch?: string } & CommitOptions): Promise<boolean>;
  /**
   * Read, apply `change`, replace with the read etag; on a stale etag read again and re-apply, up to
   * `attempts` rounds. `change` returns (or resolves to) the next document, or null to leave it as it is; it
   * may throw to refuse. Undefined when the document does not exist.
   */
  mutate(
    id: string,
    partitionKey: string,
    change: (current: Stored<T>) => T | null | Promise<T | null>,
    options?: MutateOptions<T>,
  ): Promise<Mutated<T> | undefined>;
  query(query?: Query<T>): Promise<Page<Stored<T>>>;
  count(query?: Pick<Query<T>, 'partitionKey' | 'where'>): Promise<number>;
  /**
   * All operations (at most 100) in one partition, atomically: all apply or none (the failing one's error is
   * thrown). Resolves to the written documents of the create/upsert/replace operations, in order. The outbox's
   * entries take no operation slot on sqlite and one on Cosmos.
   */
  batch(
    partitionKey: string,
    operations: readonly BatchOperation<T>[],
    options?: CommitOptions,
  ): Promise<Stored<T>[]>;
  /**
   * Every live document of every partition, in pages of at most `pageSize` (default 500), read as the caller
   * pulls them, so a whole container is never held in memory (backups). Pages follow the engine's own order;
   * a document written during the scan may or may not appear.
   */
  scan(options?: { pageSize?: number }): AsyncIterable<ScannedDoc<T>[]>;
  /**
   * Writes many documents of any partitions with no outbox and no atomicity across them (restores, bulk
   * loads): `upsert` overwrites, `create` throws `conflict` on an existing id (documents before it may be
   * written). Resolves to how many were written.
   */
  bulkWrite(docs: readonly BulkDoc<T>[], options?: { mode?: 'upsert' | 'create' }): Promise<number>;
  /** Deletes every document of the container, expired or not; resolves to how many live ones went. */
  clear(): Promise<number>;
};

/** What the engine's own account says about itself (Cosmos: the data plane's database account). */
export type StoreAccount = {
  writableRegions: string[];
  readableRegions: string[];
  multipleWriteRegions: boolean;
  consistency: string;
};

export type DocumentStore = {
  readonly driver: 'sqlite' | 'cosmos';
  /** Creates databases, containers and indexes that are missing; safe to call on every start. */
  init(defs: readonly ContainerDef[]): Promise<void>;
  /** Every container `init` declared, in declaration order (a backup walks them all). */
  declared(): readonly ContainerDef[];
  /** A declared container; throws when `init` did not declare it. */
  container<T extends BaseDoc>(name: string): Container<T>;
  /** A declared full-text index (a container declared with `fullText`); throws `invalid` for any other name. */
  fullText(name: string): FullTextIndex;
  /** Deletes expired documents everywhere; returns how many went. Reads never return them either way. */
  purgeExpired(): Promise<number>;
  /**
   * Moves outbox entries left behind by a crash (older than `minAgeMs`, default 5 s) to their containers;
   * returns how many outbox documents it finished. Always 0 on sqlite, whose outbox commits in place.
   */
  relayOutbox(options?: { minAgeMs?: number }): Promise<number>;
  /** The account's regions and consistency; only Cosmos has one (sqlite leaves it out). */
  account?(): Promise<StoreAccount>;
  /** Resolves when the backing engine answers. */
  ping(): Promise<void>;
  close(): Promise<void>;
};

/** A stored document without the store's bookkeeping (`_etag`, `_ts`, `ttl`), ready to be written back. */
export const withoutSystemFields = <T extends BaseDoc>(
  doc: T & { _etag?: string; _ts?: number; ttl?: number },
): T => {
  const { _etag: _e, _ts: _t, ttl: _ttl, ...rest } = doc;
  return rest as unknown as T;
};

/** Injected wall clock in epoch milliseconds, so tests can move time (TTL, leases). */
export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
