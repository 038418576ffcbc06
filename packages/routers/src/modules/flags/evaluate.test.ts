import { describe, expect, it } from 'vitest';
import { compileFlag, compileRules, decide, evaluateAll, isOn, prepareSubject } from './evaluate';
import { ZFlagTargeting } from './schema';

const USERS = Array.from({ length: 100_000 }, (_, i) => `user-${i.toString(36)}-${(i * 7919) % 100_003}`);
const targeting = (over: Partial<ReturnType<typeof ZFlagTargeting.parse>> = {}) => ZFlagTargeting.parse(over);
const flag = (percentage: number, over: Parameters<typeof targeting>[0] = {}, key = 'new-editor') =>
  compileFlag({ key, enabled: true, percentage, targeting: targeting(over) });
const holders = (percentage: number, key = 'new-editor'): Set<string> => {
  const f = flag(percentage, {}, key);
  return new Set(USERS.filter((userId) => isOn(decide(f, prepareSubject({ userId })))));
};

describe('percentage rollout over 100,000 user ids', () => {
  it.each([1, 10, 25, 50, 90])('%d%% reaches that share within ±0.5 points', (p) => {
    const share = (holders(p).size / USERS.length) * 100;
    expect(Math.abs(share - p)).toBeLessThanOrEqual(0.5);
  });

  it('raising the percentage keeps every earlier holder', () => {
    let previous = new Set<string>();
    for (const p of [0, 0.01, 1, 5, 10, 25, 33.33, 50, 90, 99.99, 100]) {
      const now = holders(p);
      const lost = [...previous].filter((userId) => !now.has(userId));
      expect(lost, `raised to ${p}%`).toEqual([]);
      expect(now.size).toBeGreaterThanOrEqual(previous.size);
      previous = now;
    }
    expect(previous.size).toBe(USERS.length);
  });

  it('the same user always lands in the same bucket, and keys bucket independently', () => {
    const a = holders(50, 'flag-a');
    expect(holders(50, 'flag-a')).toEqual(a);
    const b = holders(50, 'flag-b');
    const overlap = [...a].filter((u) => b.has(u)).length / USERS.length;
    expect(Math.abs(overlap - 0.25)).toBeLessThan(0.01);
  });

  it('0% is nobody and 100% is everybody, including callers without any id', () => {
    expect(holders(0).size).toBe(0);
    expect(decide(flag(100), prepareSubject({}))).toBe('in_rollout');
    expect(decide(flag(0), prepareSubject({}))).toBe('outside_rollout');
    expect(decide(flag(50), prepareSubject({}))).toBe('no_subject');
  });

  it('anonymous callers bucket on their device id, users on their user id', () => {
    const f = flag(50);
    const byDevice = USERS.slice(0, 2000).map((id) => decide(f, prepareSubject({ deviceId: id })));
    const byUser = USERS.slice(0, 2000).map((id) => decide(f, prepareSubject({ userId: id })));
    expect(byDevice).toEqual(byUser);
    const user = USERS.find((id) => decide(f, prepareSubject({ userId: id })) === 'in_rollout') ?? '';
    const device = USERS.find((id) => decide(f, prepareSubject({ userId: id })) === 'outside_rollout') ?? '';
    expect(decide(f, prepareSubject({ userId: user, deviceId: device }))).toBe('in_rollout');
  });
});

describe('targeting rules, in order', () => {
  const s = (o: Parameters<typeof prepareSubject>[0]) => prepareSubject({ userId: 'u1', ...o });

  it('disabled beats everything, exclude beats include, include beats platform, version and rollout', () => {
    const rules = { includeUserIds: ['u1'], excludeUserIds: ['u2'], platforms: ['ios' as const] };
    const off = compileFlag({ key: 'k', enabled: false, percentage: 100, targeting: targeting(rules) });
    expect(decide(off, s({}))).toBe('disabled');
    const f = flag(0, { ...rules, minAppVersion: '9.0.0' });
    expect(decide(f, s({ platform: 'web' }))).toBe('included');
    expect(decide(f, s({ userId: 'u2', platform: 'ios', appVersion: '9.1.0' }))).toBe('excluded');
    expect(decide(flag(100, rules), s({ userId: 'u2', platform: 'ios' }))).toBe('excluded');
  });

  it('platforms: listed ones only; a caller without a platform is outside', () => {
    const f = flag(100, { platforms: ['ios', 'android'] });
    expect(decide(f, s({ platform: 'ios' }))).toBe('in_rollout');
    expect(decide(f, s({ platform: 'android' }))).toBe('in_rollout');
    expect(decide(f, s({ platform: 'web' }))).toBe('platform');
    expect(decide(f, s({}))).toBe('platform');
    expect(decide(flag(100), s({}))).toBe('in_rollout');
  });

  it('app version range: inclusive bounds with pre-release ordering', () => {
    const f = flag(100, { minAppVersion: '2.0.0', maxAppVersion: '3.1.0' });
    expect(decide(f, s({ appVersion: '2.0.0' }))).toBe('in_rollout');
    expect(decide(f, s({ appVersion: '3.1.0' }))).toBe('in_rollout');
    expect(decide(f, s({ appVersion: '2.10.4' }))).toBe('in_rollout');
    expect(decide(f, s({ appVersion: '2.0.0-rc.1' }))).toBe('app_version');
    expect(decide(f, s({ appVersion: '3.1.1' }))).toBe('app_version');
    expect(decide(f, s({ appVersion: '3.1.1-beta' }))).toBe('app_version');
    expect(decide(f, s({ appVersion: 'garbage' }))).toBe('app_version');
    expect(decide(f, s({}))).toBe('app_version');
    const minOnly = flag(100, { minAppVersion: '1.5.0-beta.2' });
    expect(decide(minOnly, s({ appVersion: '1.5.0-beta.10' }))).toBe('in_rollout');
    expect(decide(minOnly, s({ appVersion: '1.5.0-beta.1' }))).toBe('app_version');
    expect(decide(flag(100, { maxAppVersion: '1.0.0' }), s({ appVersion: '1.0.0-rc.1' }))).toBe('in_rollout');
  });

  it('include/exclude lists match the user id, not a device id', () => {
    const f = flag(0, { includeUserIds: ['d1'] });
    expect(decide(f, prepareSubject({ deviceId: 'd1' }))).toBe('outside_rollout');
  });

  it('evaluateAll returns every key and compileRules serves callers with their own key (experiments)', () => {
    const flags = [flag(100, {}, 'a'), flag(0, {}, 'b'), flag(100, { platforms: ['web'] }, 'c')];
    expect(evaluateAll(flags, s({ platform: 'web' }))).toEqual({ a: true, b: false, c: true });
    const rules = compileRules('exp-1', { ...targeting({ platforms: ['ios'] }), percentage: 100 });
    expect(decide(rules, s({ platform: 'ios' }))).toBe('in_rollout');
    expect(decide(rules, s({ platform: 'web' }))).toBe('platform');
  });
});
