import { parse } from 'semver';

/**
 * A string whose plain (code point) order is semver precedence, so the store can filter (`since`) and order
 * entries by version and page through them with its own cursor. Major, minor and patch are zero-padded to 16
 * digits (past Number.MAX_SAFE_INTEGER's width); a release sorts after its pre-releases (`~` after `-`); within
 * a pre-release each identifier ends with a space, which sorts before every identifier character, so `alpha`
 * precedes `alpha.1` and `alpha-1`; numeric identifiers (`0...`) precede alphanumeric ones (`1...`) and compare
 * by value. Build metadata is ignored, as precedence ignores it.
 */
const pad = (n: number | string) => String(n).padStart(16, '0');

export const versionKey = (version: string): string => {
  const parsed = parse(version);
  if (!parsed) throw new Error(`Not a semantic version: ${version}`);
  const core = `${pad(parsed.major)}.${pad(parsed.minor)}.${pad(parsed.patch)}`;
  if (parsed.prerelease.length === 0) return `${core}~`;
  const ids = parsed.prerelease
    .map((part) => (typeof part === 'number' || /^\d+$/.test(part) ? `0${pad(part)} ` : `1${part} `))
    .join('');
  return `${core}-${ids}`;
};

/** The version without build metadata: two versions of equal precedence are one version. */
export const versionId = (version: string): string => `v${version.split('+')[0] ?? version}`;
