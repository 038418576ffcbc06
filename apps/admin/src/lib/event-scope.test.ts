import { describe, expect, it } from 'vitest';
import {
  eventHref,
  parseEventScope,
  productLabel,
  scopeInput,
  scopeOfProduct,
  scopeSearch,
} from './event-scope';

describe('event scope', () => {
  it('reads only the scopes it knows from the URL', () => {
    expect(parseEventScope('platform')).toBe('platform');
    expect(parseEventScope('all')).toBe('all');
    expect(parseEventScope('everything')).toBe('current');
    expect(parseEventScope(null)).toBe('current');
  });

  it('turns a scope into the procedures’ input', () => {
    expect(scopeInput('current')).toEqual({});
    expect(scopeInput('platform')).toEqual({ productId: '*' });
    expect(scopeInput('all')).toEqual({ allProducts: true });
  });

  it('links to an event in its own product outside the current one', () => {
    expect(eventHref('e-1', 'bytelyst', 'current')).toBe('/ops/events/e-1');
    expect(eventHref('e-1', '*', 'platform')).toBe('/ops/events/e-1?product=*');
    expect(eventHref('e 1', 'lysnr', 'all')).toBe('/ops/events/e%201?product=lysnr');
  });

  it('goes back to the scope an event was read in', () => {
    expect(scopeOfProduct(undefined)).toBe('current');
    expect(scopeOfProduct('*')).toBe('platform');
    expect(scopeOfProduct('lysnr')).toBe('all');
    expect(scopeSearch('current')).toBe('');
    expect(scopeSearch('all')).toBe('?scope=all');
  });

  it('names platform events', () => {
    expect(productLabel('*')).toBe('Platform');
    expect(productLabel('bytelyst')).toBe('bytelyst');
  });
});
