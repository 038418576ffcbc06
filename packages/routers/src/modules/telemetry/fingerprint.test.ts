import { describe, expect, it } from 'vitest';
import { addToSketch, estimateUsers, SKETCH_SIZE, userHash } from './affected-users';
import { fingerprintOf, normalizeMessage, topFrames } from './fingerprint';

describe('fingerprint', () => {
  it('replaces numbers, hex ids, uuids and quoted strings in the message', () => {
    expect(
      normalizeMessage(
        `User 123 not found: "bob" id 0x1f2e order 5f3a9c0b12 req 123e4567-e89b-12d3-a456-426614174000 'x'`,
      ),
    ).toBe('User <n> not found: <str> id <hex> order <hex> req <uuid> <str>');
    expect(normalizeMessage('Failed to fetch')).toBe('Failed to fetch');
  });

  it('keeps the top frames without line, column or query', () => {
    const stack =
      'TypeError: x is undefined\n  at a (https://h.example/app.js?v=3:10:20)\n  at b (app.js:1:2)\n' +
      'b@https://h.example/app.js:4:9\n  at c.d(Main.kt:12)\n3   App  0x0000000100a1b2c3 main + 44\n  at f (x.js:1:1)';
    expect(topFrames(stack)).toEqual([
      'at a (https://h.example/app.js)',
      'at b (app.js)',
      'b@https://h.example/app.js',
      'at c.d(Main.kt)',
      'App main',
    ]);
    expect(topFrames(undefined)).toEqual([]);
  });

  it('is equal across occurrences that differ only in ids and positions, and differs by platform', () => {
    const a = fingerprintOf({
      name: 'e',
      platform: 'ios',
      message: 'Order 17 failed',
      stack: 'Error\n at pay (pay.js:10:1)',
    });
    const b = fingerprintOf({
      name: 'e',
      platform: 'ios',
      message: 'Order 99 failed',
      stack: 'Error\n at pay (pay.js:12:7)',
    });
    const c = fingerprintOf({
      name: 'e',
      platform: 'web',
      message: 'Order 99 failed',
      stack: 'Error\n at pay (pay.js:12:7)',
    });
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{40}$/);
    expect(c.fingerprint).not.toBe(a.fingerprint);
    expect(a.title).toBe('Order <n> failed');
  });
});

describe('affected users sketch', () => {
  it('is exact for few users and close for many', () => {
    const few = addToSketch([], ['a', 'b', 'a'].map(userHash));
    expect(estimateUsers(few)).toBe(2);
    let sketch: number[] = [];
    for (let i = 0; i < 5000; i += 100) {
      sketch = addToSketch(
        sketch,
        Array.from({ length: 100 }, (_, j) => userHash(`u:${i + j}`)),
      );
    }
    expect(sketch).toHaveLength(SKETCH_SIZE);
    expect(estimateUsers(sketch)).toBeGreaterThan(3500);
    expect(estimateUsers(sketch)).toBeLessThan(6500);
  });
});
