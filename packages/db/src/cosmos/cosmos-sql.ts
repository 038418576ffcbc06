/**
 * Turns the typed Filter and OrderBy into parameterised Cosmos SQL. Field names are validated and
 * written in bracket notation (`c["a"]["b"]`) so reserved words are safe; every value is a parameter.
 */
import type { SqlParameter } from '@azure/cosmos';
import type { FieldCondition, Filter, OrderBy, ScalarValue } from '../document-store';
import { StoreError } from '../document-store';
import { assertField } from '../driver-common';

export type CosmosFragment = { sql: string; parameters: SqlParameter[] };

/** The document property holding expiry (epoch seconds) for read-time filtering and purging. */
export const EXPIRES_AT = '_expiresAt';
/** The synthetic partition key property written for multi-field partition keys. */
export const SYNTHETIC_PK = 'pk';

export function fieldRef(field: string): string {
  return `c${assertField(field)
    .split('.')
    .map((p) => `["${p}"]`)
    .join('')}`;
}

/** Builds parameter names unique within one query. */
export class Params {
  readonly list: SqlParameter[] = [];
  add(value: ScalarValue | readonly ScalarValue[]): string {
    const name = `@p${this.list.length}`;
    this.list.push({ name, value: value as SqlParameter['value'] });
    return name;
  }
}

function assertScalar(value: unknown, op: string): asserts value is ScalarValue {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return;
  throw new StoreError('invalid', `${op} takes a string, number, boolean or null`);
}

function eqSql(ref: string, value: ScalarValue, params: Params): string {
  return value === null ? `IS_NULL(${ref})` : `${ref} = ${params.add(value)}`;
}

const RANGE_OPS = { lt: '<', lte: '<=', gt: '>', gte: '>=' } as const;

function conditionSql(field: string, cond: FieldCondition, params: Params): string[] {
  const ref = fieldRef(field);
  const out: string[] = [];
  for (const [op, raw] of Object.entries(cond)) {
    if (raw === undefined) continue;
    switch (op) {
      case 'eq':
        assertScalar(raw, op);
        out.push(eqSql(ref, raw, params));
        break;
      case 'ne':
        assertScalar(raw, op);
        out.push(`(IS_DEFINED(${ref}) AND NOT (${eqSql(ref, raw, params)}))`);
        break;
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        if (typeof raw !== 'string' && !(typeof raw === 'number' && Number.isFinite(raw))) {
          throw new StoreError('invalid', `${op} takes a string or a number`);
        }
        const typeCheck = typeof raw === 'string' ? `IS_STRING(${ref})` : `IS_NUMBER(${ref})`;
        out.push(`(${typeCheck} AND ${ref} ${RANGE_OPS[op]} ${params.add(raw)})`);
        break;
      }
      case 'in': {
        if (!Array.isArray(raw)) throw new StoreError('invalid', 'in takes an array');
        const values = raw as unknown[];
        if (values.length === 0) {
          out.push('false');
          break;
        }
        const parts = values.map((value) => {
          assertScalar(value, op);
          return eqSql(ref, value, params);
        });
        out.push(`(${parts.join(' OR ')})`);
        break;
      }
      case 'contains': {
        assertScalar(raw, op);
        const p = params.add(raw);
        const member = `(IS_ARRAY(${ref}) AND ARRAY_CONTAINS(${ref}, ${p}))`;
        out.push(
          typeof raw === 'string' ? `((IS_STRING(${ref}) AND CONTAINS(${ref}, ${p})) OR ${member})` : member,
        );
        break;
      }
      case 'icontains':
        if (typeof raw !== 'string') throw new StoreError('invalid', 'icontains takes a string');
        out.push(`(IS_STRING(${ref}) AND CONTAINS(LOWER(${ref}), ${params.add(raw.toLowerCase())}))`);
        break;
      case 'startsWith':
        if (typeof raw !== 'string') throw new StoreError('invalid', 'startsWith takes a string');
        out.push(`(IS_STRING(${ref}) AND STARTSWITH(${ref}, ${params.add(raw)}))`);
        break;
      case 'exists':
        if (typeof raw !== 'boolean') throw new StoreError('invalid', 'exists takes a boolean');
        out.push(raw ? `IS_DEFINED(${ref})` : `NOT IS_DEFINED(${ref})`);
        break;
      default:
        throw new StoreError('invalid', `Unknown filter operator: ${JSON.stringify(op)}`);
    }
  }
  return out;
}

export type WhereInput<T> = {
  nowSeconds: number;
  /** The partition key property (`tenant`, or `pk` when synthetic) and the value to restrict to. */
  partition?: { field: string; value: string };
  where?: Filter<T>;
};

/** WHERE clause: never expired, in the partition when given (the test server ignores the option), filters. */
export function whereSql<T>(input: WhereInput<T>, params: Params): string {
  const live = `(NOT IS_DEFINED(c.${EXPIRES_AT}) OR IS_NULL(c.${EXPIRES_AT}) OR c.${EXPIRES_AT} > ${params.add(input.nowSeconds)})`;
  // Outbox documents (cosmos-outbox.ts) share the partition of the change they report but are no part of it.
  const parts = [live, 'NOT IS_DEFINED(c._outbox)'];
  if (input.partition)
    parts.push(`${fieldRef(input.partition.field)} = ${params.add(input.partition.value)}`);
  for (const [field, cond] of Object.entries(input.where ?? {})) {
    assertField(field);
    if (cond === undefined) continue;
    if (cond === null || typeof cond !== 'object')
      throw new StoreError('invalid', `Bad condition on ${field}`);
    parts.push(...conditionSql(field, cond, params));
  }
  return parts.join(' AND ');
}

/** ORDER BY: the requested fields, then `id` ascending (matching the composite indexes built at init). */
export function orderBySql<T>(orderBy: readonly OrderBy<T>[] | undefined): string {
  const terms: string[] = [];
  for (const o of orderBy ?? []) {
    if (o.direction !== undefined && o.direction !== 'asc' && o.direction !== 'desc') {
      throw new StoreError('invalid', `Bad order direction: ${String(o.direction)}`);
    }
    terms.push(`${fieldRef(o.field)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`);
    if (o.field === 'id') return terms.join(', ');
  }
  terms.push('c["id"] ASC');
  return terms.join(', ');
}

type CompositePath = { path: string; order: 'ascending' | 'descending' };

/**
 * Composite indexes for a container: every declared index in every direction combination, followed by
 * `id` ascending, because every ORDER BY ends with the `id` tiebreaker.
 */
export function compositeIndexes(indexes: readonly (readonly string[])[] | undefined): CompositePath[][] {
  const out: CompositePath[][] = [];
  for (const fields of indexes ?? []) {
    if (fields.length === 0 || fields.includes('id')) continue;
    const combos = 1 << fields.length;
    for (let mask = 0; mask < combos; mask++) {
      out.push([
        ...fields.map(
          (f, i): CompositePath => ({
            path: `/${assertField(f).split('.').join('/')}`,
            order: mask & (1 << i) ? 'descending' : 'ascending',
          }),
        ),
        { path: '/id', order: 'ascending' },
      ]);
    }
  }
  return out;
}
