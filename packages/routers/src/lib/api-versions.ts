/**
 * The REST face's version registry (roadmap §2.18): which versions exist, which one is current, which are
 * deprecated (still served, with a sunset date at least six months after the deprecation) and which are retired
 * (answered with 410). The server takes a registry as a dependency, so tests and the e2e server can register
 * older versions beside the real one; production uses `DEFAULT_API_VERSIONS`.
 *
 * A deprecated version is served by the current version's handlers under its own prefix until its operations
 * diverge; what sets it apart on the wire are its headers (`deprecationHeaders`) and its OpenAPI document.
 */

export type ApiVersionStatus = 'current' | 'deprecated' | 'retired';

export type ApiVersion = {
  /** The URL prefix without its slash: `v1` is served under `/v1`. */
  id: string;
  status: ApiVersionStatus;
  /** ISO date-time. */
  releasedAt: string;
  /** ISO date-time; required once deprecated or retired. */
  deprecatedAt?: string;
  /** ISO date-time after which the version is retired; required once deprecated. */
  sunsetAt?: string;
  /** What a client reads to move off this version: an absolute URL, or a path on the API's public base URL. */
  migrationGuideUrl: string;
};

/** How an operation (one procedure's REST route) announces its own deprecation, in its `rest()` meta. */
export type OperationDeprecation = {
  deprecatedAt: string;
  sunsetAt: string;
  /** The operation that replaces it, as `METHOD /path` (shown in the OpenAPI description and the console). */
  replacement?: string;
  migrationGuideUrl?: string;
};

export type ApiVersionRegistry = {
  readonly versions: readonly ApiVersion[];
  readonly current: ApiVersion;
  /** Where the deprecation policy is written down (`Link: <...>; rel="sunset"`). */
  readonly policyUrl: string;
  get(id: string): ApiVersion | undefined;
};

/** The roadmap's notice period between deprecation and sunset. */
export const NOTICE_MONTHS = 6;

const ID = /^v-?\d+$/;

const time = (value: string | undefined, what: string): number => {
  const at = value === undefined ? Number.NaN : Date.parse(value);
  if (Number.isNaN(at)) throw new TypeError(`${what} must be an ISO date-time (got ${String(value)})`);
  return at;
};

/** `at` plus `months` calendar months in UTC (a 31st lands on the month's last day). */
export const addMonthsUtc = (at: number, months: number): number => {
  const date = new Date(at);
  const day = date.getUTCDate();
  date.setUTCDate(1);
  date.setUTCMonth(date.getUTCMonth() + months);
  const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
  date.setUTCDate(Math.min(day, last));
  return date.getTime();
};

/** Throws unless the sunset comes at least the notice period after the deprecation. */
export const checkNotice = (deprecatedAt: string | undefined, sunsetAt: string | undefined, what: string) => {
  const from = time(deprecatedAt, `${what}: deprecatedAt`);
  const to = time(sunsetAt, `${what}: sunsetAt`);
  if (to < addMonthsUtc(from, NOTICE_MONTHS)) {
    throw new TypeError(
      `${what}: sunsetAt (${sunsetAt}) must be at least ${NOTICE_MONTHS} months after deprecatedAt (${deprecatedAt})`,
    );
  }
};

const checkVersion = (version: ApiVersion): void => {
  const what = `API version ${version.id}`;
  if (!ID.test(version.id)) throw new TypeError(`${what}: id must look like v1 (or v0, v-1 in tests)`);
  time(version.releasedAt, `${what}: releasedAt`);
  if (!version.migrationGuideUrl) throw new TypeError(`${what}: migrationGuideUrl is required`);
  if (version.status === 'current') {
    if (version.deprecatedAt || version.sunsetAt)
      throw new TypeError(`${what}: the current version has no deprecatedAt or sunsetAt`);
    return;
  }
  if (version.status === 'deprecated') {
    checkNotice(version.deprecatedAt, version.sunsetAt, what);
    return;
  }
  time(version.deprecatedAt, `${what}: deprecatedAt`);
};

/** Validates and indexes a list of versions: unique ids, exactly one current, the notice period kept. */
export const defineApiVersions = (
  versions: readonly ApiVersion[],
  opts: { policyUrl?: string } = {},
): ApiVersionRegistry => {
  const byId = new Map<string, ApiVersion>();
  for (const version of versions) {
    checkVersion(version);
    if (byId.has(version.id)) throw new TypeError(`API version ${version.id} is listed twice`);
    byId.set(version.id, version);
  }
  const current = versions.filter((version) => version.status === 'current');
  const [only] = current;
  if (current.length !== 1 || !only) {
    throw new TypeError(`exactly one API version must be current (found ${current.length})`);
  }
  return {
    versions,
    current: only,
    policyUrl: opts.policyUrl ?? '/documentation#versioning',
    get: (id) => byId.get(id),
  };
};

export const DEFAULT_API_VERSIONS = defineApiVersions([
  {
    id: 'v1',
    status: 'current',
    releasedAt: '2026-01-01T00:00:00.000Z',
    migrationGuideUrl: '/documentation',
  },
]);

/** RFC 9745 `Deprecation`: a structured-field date, `@` and Unix seconds. */
export const deprecationHeaderValue = (deprecatedAt: string): string =>
  `@${Math.floor(Date.parse(deprecatedAt) / 1000)}`;

/** RFC 8594 `Sunset`: an HTTP-date (IMF-fixdate), which is what `toUTCString` writes. */
export const sunsetHeaderValue = (sunsetAt: string): string => new Date(sunsetAt).toUTCString();

/** An absolute URL as given; a path resolved on the public base URL. */
export const absoluteUrl = (url: string, publicBaseUrl: string): string =>
  /^https?:\/\//.test(url)
    ? url
    : `${publicBaseUrl.replace(/\/$/, '')}${url.startsWith('/') ? '' : '/'}${url}`;

/** The three headers a deprecated version or operation answers with. */
export const deprecationHeaders = (
  notice: { deprecatedAt: string; sunsetAt: string; migrationGuideUrl: string },
  links: { publicBaseUrl: string; policyUrl: string },
): Record<'deprecation' | 'sunset' | 'link', string> => ({
  deprecation: deprecationHeaderValue(notice.deprecatedAt),
  sunset: sunsetHeaderValue(notice.sunsetAt),
  link:
    `<${absoluteUrl(notice.migrationGuideUrl, links.publicBaseUrl)}>; rel="deprecation"; type="text/html", ` +
    `<${absoluteUrl(links.policyUrl, links.publicBaseUrl)}>; rel="sunset"; type="text/html"`,
});

/** The version a path names (`/v0/users` -> `v0`), or undefined when its first segment is not a version id. */
export const versionIdOfPath = (path: string): string | undefined => {
  const end = path.indexOf('/', 1);
  const first = path.slice(1, end === -1 ? undefined : end).split('?')[0] ?? '';
  return ID.test(first) ? first : undefined;
};
