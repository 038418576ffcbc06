/** The sqlite driver's continuation cursor: the last row's sort values (including `id`) for keyset paging. */
import { StoreError } from '../document-store';
import { decodeCursor, encodeCursor } from '../driver-common';
import type { SortKey, SqlValue } from './sql-builder';

type CursorPayload = { v: 1; s: string; k: SqlValue[] };

/** A short signature of the sort order, so a cursor is never applied to a differently ordered query. */
function signature(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.expr}${k.desc ? '-' : '+'}`).join(',');
}

export function encodeSqliteCursor(keys: readonly SortKey[], values: readonly SqlValue[]): string {
  const payload: CursorPayload = { v: 1, s: signature(keys), k: [...values] };
  return encodeCursor(payload);
}

export function decodeSqliteCursor(keys: readonly SortKey[], cursor: string): SqlValue[] {
  const payload = decodeCursor(cursor) as Partial<CursorPayload> | null;
  const values = payload?.k;
  if (
    payload?.v !== 1 ||
    payload.s !== signature(keys) ||
    !Array.isArray(values) ||
    values.length !== keys.length ||
    !values.every((x) => x === null || typeof x === 'string' || typeof x === 'number')
  ) {
    throw new StoreError('invalid', 'Continuation cursor does not belong to this query');
  }
  return values;
}
