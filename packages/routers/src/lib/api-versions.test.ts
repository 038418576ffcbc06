import { describe, expect, it } from 'vitest';
import { addMonthsUtc, defineApiVersions, deprecationHeaders, versionIdOfPath } from './api-versions';

const current = {
  id: 'v1',
  status: 'current',
  releasedAt: '2026-01-01T00:00:00Z',
  migrationGuideUrl: '/docs',
} as const;

describe('defineApiVersions', () => {
  it('accepts one current, a deprecated version with six months notice and a retired one', () => {
    const registry = defineApiVersions([
      current,
      {
        id: 'v0',
        status: 'deprecated',
        releasedAt: '2025-01-01T00:00:00Z',
        deprecatedAt: '2026-01-01T00:00:00Z',
        sunsetAt: '2026-07-01T00:00:00Z',
        migrationGuideUrl: '/guides/v0-to-v1',
      },
      {
        id: 'v-1',
        status: 'retired',
        releasedAt: '2024-01-01T00:00:00Z',
        deprecatedAt: '2024-06-01T00:00:00Z',
        migrationGuideUrl: '/guides/v-1',
      },
    ]);
    expect(registry.current.id).toBe('v1');
    expect(registry.get('v0')?.status).toBe('deprecated');
    expect(registry.get('v2')).toBeUndefined();
  });

  it('refuses no current, two currents, a duplicate id and a bad id', () => {
    expect(() => defineApiVersions([])).toThrow(/exactly one API version must be current \(found 0\)/);
    expect(() => defineApiVersions([current, { ...current, id: 'v2' }])).toThrow(/found 2/);
    expect(() => defineApiVersions([current, current])).toThrow(/listed twice/);
    expect(() => defineApiVersions([{ ...current, id: 'version1' }])).toThrow(/id must look like v1/);
  });

  it('refuses a deprecation without sunset or with less than six months notice', () => {
    const deprecated = {
      id: 'v0',
      status: 'deprecated',
      releasedAt: '2025-01-01T00:00:00Z',
      deprecatedAt: '2026-01-31T00:00:00Z',
      migrationGuideUrl: '/g',
    } as const;
    expect(() => defineApiVersions([current, deprecated])).toThrow(/v0: sunsetAt must be an ISO date-time/);
    expect(() => defineApiVersions([current, { ...deprecated, sunsetAt: '2026-07-30T00:00:00Z' }])).toThrow(
      /at least 6 months after deprecatedAt/,
    );
    expect(
      defineApiVersions([current, { ...deprecated, sunsetAt: '2026-07-31T00:00:00Z' }]).versions,
    ).toHaveLength(2);
    expect(() => defineApiVersions([{ ...current, sunsetAt: '2027-01-01T00:00:00Z' }])).toThrow(
      /current version has no deprecatedAt or sunsetAt/,
    );
  });

  it('adds calendar months in UTC, clamping to the month end', () => {
    expect(new Date(addMonthsUtc(Date.parse('2026-08-31T12:00:00Z'), 6)).toISOString()).toBe(
      '2027-02-28T12:00:00.000Z',
    );
  });
});

describe('deprecation headers', () => {
  it('writes RFC 9745 Deprecation, RFC 8594 Sunset and the two links', () => {
    const headers = deprecationHeaders(
      {
        deprecatedAt: '2026-01-01T00:00:00Z',
        sunsetAt: '2026-07-01T00:00:00Z',
        migrationGuideUrl: '/guides/v0',
      },
      { publicBaseUrl: 'https://api.example.com/', policyUrl: 'https://example.com/policy' },
    );
    expect(headers).toEqual({
      deprecation: '@1767225600',
      sunset: 'Wed, 01 Jul 2026 00:00:00 GMT',
      link:
        '<https://api.example.com/guides/v0>; rel="deprecation"; type="text/html", ' +
        '<https://example.com/policy>; rel="sunset"; type="text/html"',
    });
  });

  it('reads the version of a path', () => {
    expect(versionIdOfPath('/v0/users?x=1')).toBe('v0');
    expect(versionIdOfPath('/v-1')).toBe('v-1');
    expect(versionIdOfPath('/trpc/users.list')).toBeUndefined();
  });
});
