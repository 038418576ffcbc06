import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next';

describe('safeNext', () => {
  it.each([
    ['/users?page=2', '/users?page=2'],
    [['/audit', '/other'], '/audit'],
    [undefined, '/'],
    [null, '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['users', '/'],
  ])('%j -> %s', (value, expected) => {
    expect(safeNext(value)).toBe(expected);
  });
});
