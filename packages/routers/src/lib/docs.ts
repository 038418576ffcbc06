import type { BaseDoc, Stored } from '@bytelyst/db/document-store';

/** The caller's document without the store's system fields. */
export const stripSystem = <T extends BaseDoc>(doc: Stored<T>): T => {
  const { _etag, _ts, ttl, ...rest } = doc;
  return rest as unknown as T;
};
