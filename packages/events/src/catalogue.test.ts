import { describe, expect, it } from 'vitest';
import { EVENT_TYPES, ZEvent } from './catalogue';

describe('event catalogue', () => {
  it('lists the identity events once each', () => {
    expect([...EVENT_TYPES].sort()).toEqual(
      [
        'product.status_changed',
        'session.revoked',
        'token.created',
        'token.revoked',
        'user.created',
        'user.deleted',
        'user.disabled',
        'user.updated',
      ].sort(),
    );
  });

  it('parses by the literal type and rejects a payload of another type', () => {
    const base = { id: 'e1', productId: 'p', at: '2026-01-01T00:00:00.000Z', actorId: null };
    const ok = ZEvent.parse({
      ...base,
      type: 'product.status_changed',
      data: { from: 'beta', to: 'active' },
    });
    expect(ok.type).toBe('product.status_changed');
    expect(ZEvent.safeParse({ ...base, type: 'user.deleted', data: { from: 'beta' } }).success).toBe(false);
    expect(ZEvent.safeParse({ ...base, type: 'nope', data: {} }).success).toBe(false);
  });
});
