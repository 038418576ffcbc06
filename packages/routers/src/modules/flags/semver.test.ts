import { describe, expect, it } from 'vitest';
import { VERSION_PATTERN } from './schema';
import { compareVersionStrings, isVersion, parseVersion } from './semver';

describe('version comparator', () => {
  it('follows the semver 2.0.0 precedence example chain', () => {
    const chain = [
      '1.0.0-alpha',
      '1.0.0-alpha.1',
      '1.0.0-alpha.beta',
      '1.0.0-beta',
      '1.0.0-beta.2',
      '1.0.0-beta.11',
      '1.0.0-rc.1',
      '1.0.0',
      '1.0.1',
      '1.1.0',
      '2.0.0',
      '2.1.0',
      '2.1.1',
      '10.0.0',
    ];
    for (let i = 0; i < chain.length; i++) {
      for (let j = 0; j < chain.length; j++) {
        const a = chain[i] ?? '';
        const b = chain[j] ?? '';
        expect(compareVersionStrings(a, b), `${a} vs ${b}`).toBe(Math.sign(i - j));
      }
    }
  });

  it('compares numerically, not as text', () => {
    expect(compareVersionStrings('1.10.0', '1.9.0')).toBe(1);
    expect(compareVersionStrings('1.0.0-rc.10', '1.0.0-rc.9')).toBe(1);
    expect(compareVersionStrings('1.0.0-2', '1.0.0-a')).toBe(-1);
  });

  it('fills missing parts with 0, accepts a leading v and ignores build metadata', () => {
    expect(compareVersionStrings('2', '2.0.0')).toBe(0);
    expect(compareVersionStrings('2.1', '2.1.0')).toBe(0);
    expect(compareVersionStrings('v3.0.0', '3.0.0')).toBe(0);
    expect(compareVersionStrings('1.0.0+build.5', '1.0.0+build.9')).toBe(0);
    expect(compareVersionStrings('1.0.0-beta+exp.sha.5114f85', '1.0.0-beta')).toBe(0);
  });

  it('refuses what is not a version', () => {
    for (const bad of ['', 'abc', '1.2.3.4', '01.2.3', '1.2.3-', '1.2.3-01', '1..2', '1.2.3-a..b', ' 1.x']) {
      expect(parseVersion(bad), bad).toBeNull();
    }
    expect(() => compareVersionStrings('1.0', 'nope')).toThrow();
  });

  it('the isomorphic schema pattern accepts exactly what the parser accepts', () => {
    for (const text of [
      '1',
      '1.2',
      '1.2.3',
      'v1.2.3-rc.1+b',
      '1.2.3.4',
      'x',
      '01.1',
      '1.0.0-01',
      '1.0.0-0a',
    ]) {
      expect(VERSION_PATTERN.test(text), text).toBe(isVersion(text));
    }
  });
});
