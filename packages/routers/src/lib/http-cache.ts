/**
 * Conditional GETs for the client endpoints a launch calls (changelog, themes): a strong ETag and
 * `If-None-Match`, so an unchanged answer is a 304 without a body.
 */

/** `If-None-Match` holds this tag (a list, or `*`); weak comparison, as RFC 9110 asks for GET. */
export const matchesIfNoneMatch = (header: string | string[] | undefined, etag: string): boolean => {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
};

/** Clients revalidate after a minute; a 304 is the usual answer then. */
export const LAUNCH_CACHE_CONTROL = 'public, max-age=60, must-revalidate';
