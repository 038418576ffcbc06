import { describe, expect, it } from 'vitest';
import { definedFilters, parseListParams, writeListParams } from './list-params';

const DEFAULTS = { status: '', sort: 'newest' };

describe('list params', () => {
  it('reads filters over their defaults and the cursor stack in order', () => {
    const params = new URLSearchParams('status=open&cursor=a&cursor=b&other=x');
    expect(parseListParams(params, DEFAULTS)).toEqual({
      filters: { status: 'open', sort: 'newest' },
      cursors: ['a', 'b'],
    });
  });

  it('writes only values that differ from the defaults and keeps foreign params', () => {
    const base = new URLSearchParams('scope=all&status=old&cursor=z');
    const next = writeListParams(base, { filters: { status: '', sort: 'oldest' }, cursors: ['c'] }, DEFAULTS);
    expect(next.toString()).toBe('scope=all&sort=oldest&cursor=c');
  });

  it('keeps two lists of one page apart with a prefix', () => {
    const params = writeListParams(
      new URLSearchParams('status=open'),
      { filters: { status: 'failed', sort: 'newest' }, cursors: ['r1'] },
      DEFAULTS,
      'runs',
    );
    expect(params.get('status')).toBe('open');
    expect(parseListParams(params, DEFAULTS, 'runs')).toEqual({
      filters: { status: 'failed', sort: 'newest' },
      cursors: ['r1'],
    });
  });

  it('leaves empty filters out of a query input and trims the rest', () => {
    expect(definedFilters({ status: '', search: '  ada ' })).toEqual({ search: 'ada' });
  });
});
