/**
 * Conditional GETs for the plain routes clients poll or cache (changelog, release manifest, immutable assets).
 */

/** `If-None-Match` holds this tag (a list, or `*`); weak comparison, as RFC 9110 asks for GET. */
export const ifNoneMatchHits = (header: string | string[] | undefined, etag: string): boolean => {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
};

/** For content-addressed URLs: the bytes behind one never change, so caches keep them for a year unasked. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
