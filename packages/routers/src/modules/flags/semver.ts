/**
 * A small semantic-version comparator (semver 2.0.0 precedence) for app-version targeting. Accepts
 * `MAJOR[.MINOR[.PATCH]][-PRERELEASE][+BUILD]` with an optional leading `v`; missing parts are 0, build
 * metadata is ignored, and a pre-release sorts before its release (1.0.0-rc.1 < 1.0.0).
 */
export type Version = {
  major: number;
  minor: number;
  patch: number;
  /** Dot-separated identifiers; numeric ones are numbers. Empty for a release. */
  prerelease: readonly (string | number)[];
};

const VERSION_RE =
  /^v?(0|[1-9]\d{0,8})(?:\.(0|[1-9]\d{0,8}))?(?:\.(0|[1-9]\d{0,8}))?(?:-((?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*)(?:\.(?:0|[1-9]\d*|\d*[A-Za-z-][0-9A-Za-z-]*))*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const NUMERIC_RE = /^(0|[1-9]\d*)$/;

/** The parsed version, or null when `text` is not a version this comparator understands. */
export const parseVersion = (text: string): Version | null => {
  if (text.length > 64) return null;
  const m = VERSION_RE.exec(text.trim());
  if (!m) return null;
  const prerelease = m[4] ? m[4].split('.').map((part) => (NUMERIC_RE.test(part) ? Number(part) : part)) : [];
  return { major: Number(m[1]), minor: Number(m[2] ?? 0), patch: Number(m[3] ?? 0), prerelease };
};

export const isVersion = (text: string): boolean => parseVersion(text) !== null;

const sign = (n: number): -1 | 0 | 1 => (n < 0 ? -1 : n > 0 ? 1 : 0);

const compareIdentifiers = (a: string | number, b: string | number): -1 | 0 | 1 => {
  if (typeof a === 'number' && typeof b === 'number') return sign(a - b);
  // Numeric identifiers have lower precedence than alphanumeric ones.
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
};

/** -1, 0 or 1 as `a` has lower, equal or higher precedence than `b`. */
export const compareVersions = (a: Version, b: Version): -1 | 0 | 1 => {
  const core = sign(a.major - b.major) || sign(a.minor - b.minor) || sign(a.patch - b.patch);
  if (core !== 0) return core;
  const pa = a.prerelease;
  const pb = b.prerelease;
  if (pa.length === 0 || pb.length === 0) return sign(pb.length - pa.length);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = compareIdentifiers(pa[i] ?? 0, pb[i] ?? 0);
    if (c !== 0) return c;
  }
  return sign(pa.length - pb.length);
};

/** Compares two version strings; throws on an unparsable one (use parseVersion to test first). */
export const compareVersionStrings = (a: string, b: string): -1 | 0 | 1 => {
  const va = parseVersion(a);
  const vb = parseVersion(b);
  if (!va || !vb) throw new Error(`Not a version: ${va ? b : a}`);
  return compareVersions(va, vb);
};
