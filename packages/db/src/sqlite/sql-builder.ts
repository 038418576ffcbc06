/**
 * Turns the typed Filter and OrderBy into parameterised SQLite. Values are always bound; field names are
 * validated identifiers embedded as json paths, so the expressions match the expression indexes exactly.
 */
import type { FieldCondition, Filter, OrderBy, ScalarValue } from '../document-store';
import { StoreError } from '../document-store';
import { assertField } from '../driver-common';

export type SqlValue = string | number | null;
export type Fragment = { sql: string; params: SqlValue[] };

/** The SQL expression for a field's value: the `id` column, or json_extract on the body. */
export function valueExpr(field: string): string {
  assertField(field);
  return field === 'id' ? 'id' : `json_extract(body, '$.${field}')`;
}

function typeExpr(field: string): string {
  return `json_type(body, '$.${assertField(field)}')`;
}

/** JSON type names as reported by json_type / json_each.type for a scalar. */
function jsonTypesOf(value: ScalarValue): string[] {
  if (value === null) return ['null'];
  if (typeof value === 'boolean') return [value ? 'true' : 'false'];
  if (typeof value === 'number') return ['integer', 'real'];
  return ['text'];
}

function bindable(value: ScalarValue): SqlValue {
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function assertScalar(value: unknown, op: string): asserts value is ScalarValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  throw new StoreError('invalid', `${op} takes a string, number, boolean or null`);
}

function assertRange(value: unknown, op: string): asserts value is string | number {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return;
  throw new StoreError('invalid', `${op} takes a string or a number`);
}

function typeIn(field: string, types: readonly string[]): string {
  return `${typeExpr(field)} IN (${types.map((t) => `'${t}'`).join(', ')})`;
}

/** Equality with JSON type awareness: true never equals 1, null only matches an explicit null. */
function eqSql(field: string, value: ScalarValue): Fragment {
  if (value === null || typeof value === 'boolean')
    return { sql: typeIn(field, jsonTypesOf(value)), params: [] };
  return { sql: `${valueExpr(field)} = ?`, params: [value] };
}

const RANGE_OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function conditionSql(field: string, cond: FieldCondition): Fragment[] {
  const out: Fragment[] = [];
  const v = valueExpr(field);
  for (const [op, raw] of Object.entries(cond)) {
    if (raw === undefined) continue;
    switch (op) {
      case 'eq':
        assertScalar(raw, op);
        out.push(eqSql(field, raw));
        break;
      case 'ne': {
        assertScalar(raw, op);
        const eq = eqSql(field, raw);
        out.push({ sql: `(${typeExpr(field)} IS NOT NULL AND NOT (${eq.sql}))`, params: eq.params });
        break;
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte':
        assertRange(raw, op);
        out.push({
          sql: `(${typeIn(field, jsonTypesOf(raw))} AND ${v} ${RANGE_OPS[op]} ?)`,
          params: [raw],
        });
        break;
      case 'in': {
        if (!Array.isArray(raw)) throw new StoreError('invalid', 'in takes an array');
        const values = raw as unknown[];
        if (values.length === 0) {
          out.push({ sql: '0', params: [] });
          break;
        }
        const parts = values.map((value) => {
          assertScalar(value, op);
          return eqSql(field, value);
        });
        out.push({
          sql: `(${parts.map((p) => p.sql).join(' OR ')})`,
          params: parts.flatMap((p) => p.params),
        });
        break;
      }
      case 'contains': {
        assertScalar(raw, op);
        const member = `EXISTS (SELECT 1 FROM json_each(body, '$.${field}') AS je WHERE je.type IN (${jsonTypesOf(
          raw,
        )
          .map((t) => `'${t}'`)
          .join(', ')}) AND je.value IS ?)`;
        const arrayPart = `(${typeExpr(field)} = 'array' AND ${member})`;
        if (typeof raw === 'string') {
          out.push({
            sql: `((${typeExpr(field)} = 'text' AND instr(${v}, ?) > 0) OR ${arrayPart})`,
            params: [raw, raw],
          });
        } else {
          out.push({ sql: arrayPart, params: [bindable(raw)] });
        }
        break;
      }
      case 'icontains':
        if (typeof raw !== 'string') throw new StoreError('invalid', 'icontains takes a string');
        out.push({
          sql: `(${typeExpr(field)} = 'text' AND instr(lower(${v}), lower(?)) > 0)`,
          params: [raw],
        });
        break;
      case 'startsWith':
        if (typeof raw !== 'string') throw new StoreError('invalid', 'startsWith takes a string');
        out.push({
          sql: `(${typeExpr(field)} = 'text' AND substr(${v}, 1, length(?)) = ?)`,
          params: [raw, raw],
        });
        break;
      case 'exists':
        if (typeof raw !== 'boolean') throw new StoreError('invalid', 'exists takes a boolean');
        out.push({ sql: `${typeExpr(field)} IS ${raw ? 'NOT ' : ''}NULL`, params: [] });
        break;
      default:
        throw new StoreError('invalid', `Unknown filter operator: ${JSON.stringify(op)}`);
    }
  }
  return out;
}

export function filterSql<T>(where: Filter<T> | undefined): Fragment[] {
  if (!where) return [];
  const out: Fragment[] = [];
  for (const [field, cond] of Object.entries(where)) {
    assertField(field);
    if (cond === undefined) continue;
    if (cond === null || typeof cond !== 'object')
      throw new StoreError('invalid', `Bad condition on ${field}`);
    out.push(...conditionSql(field, cond));
  }
  return out;
}

export type SortKey = { expr: string; desc: boolean };

/** The sort keys of a query: the requested fields, then `id` ascending as the tiebreaker. */
export function sortKeys<T>(orderBy: readonly OrderBy<T>[] | undefined): SortKey[] {
  const keys: SortKey[] = [];
  for (const o of orderBy ?? []) {
    if (o.direction !== undefined && o.direction !== 'asc' && o.direction !== 'desc') {
      throw new StoreError('invalid', `Bad order direction: ${String(o.direction)}`);
    }
    const key = { expr: valueExpr(o.field), desc: o.direction === 'desc' };
    keys.push(key);
    if (o.field === 'id') return keys; // id is unique: nothing after it can break a tie
  }
  keys.push({ expr: 'id', desc: false });
  return keys;
}

/**
 * Keyset condition "row comes after `last`" under SQLite's ordering (NULLs first ascending, last
 * descending): an OR over each key of (all earlier keys equal AND this key strictly after).
 */
export function afterSql(keys: readonly SortKey[], last: readonly SqlValue[]): Fragment {
  const branches: Fragment[] = [];
  for (let i = 0; i < keys.length; i++) {
    const parts: string[] = [];
    const params: SqlValue[] = [];
    for (let j = 0; j < i; j++) {
      parts.push(`${keys[j]?.expr} IS ?`);
      params.push(last[j] ?? null);
    }
    const key = keys[i];
    if (!key) continue;
    const value = last[i] ?? null;
    if (!key.desc) {
      if (value === null) parts.push(`${key.expr} IS NOT NULL`);
      else {
        parts.push(`${key.expr} > ?`);
        params.push(value);
      }
    } else if (value === null) {
      continue; // nothing sorts after NULL in descending order
    } else {
      parts.push(`(${key.expr} < ? OR ${key.expr} IS NULL)`);
      params.push(value);
    }
    branches.push({ sql: parts.join(' AND '), params });
  }
  if (branches.length === 0) return { sql: '0', params: [] };
  const or: Fragment = {
    sql: `(${branches.map((b) => `(${b.sql})`).join(' OR ')})`,
    params: branches.flatMap((b) => b.params),
  };
  // The OR alone makes SQLite walk the index from its start on every page (paging N rows costs N^2/limit);
  // a redundant bound on the first key, implied by every branch, lets it seek to the last page's end instead.
  // Ascending only: descending, NULLs sort last, and `x <= ? OR x IS NULL` gives SQLite no range to seek.
  const first = keys[0];
  const value = last[0] ?? null;
  if (!first || first.desc || value === null || keys.length < 2) return or;
  return { sql: `${first.expr} >= ? AND ${or.sql}`, params: [value, ...or.params] };
}

export function orderSql(keys: readonly SortKey[]): string {
  return keys.map((k) => `${k.expr} ${k.desc ? 'DESC' : 'ASC'}`).join(', ');
}
