/**
 * Conditional GETs for the public client endpoints a launch calls (changelog, roadmap, themes, i18n, release manifest, immutable assets):
 * tRPC's REST adapter cannot answer 304, so those are plain routes that compare `If-None-Match` with their
 * ETag here.
 */
import { sha256 } from './crypto';

/** `If-None-Match` holds this tag (a list, or `*`); weak comparison, as RFC 9110 asks for GET. */
export const matchesEtag = (header: string | string[] | undefined, etag: string): boolean => {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (!value) return false;
  if (value.trim() === '*') return true;
  return value.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag);
};

/** A strong ETag made of the answer itself: exact whatever changed it, at the cost of building the answer. */
export const bodyEtag = (body: unknown): string => `"${sha256(JSON.stringify(body)).slice(0, 32)}"`;

/** Clients revalidate after a minute; a 304 is the usual answer then. */
export const LAUNCH_CACHE_CONTROL = 'public, max-age=60, must-revalidate';

/** For content-addressed URLs: the bytes behind one never change, so caches keep them for a year unasked. */
export const IMMUTABLE_CACHE_CONTROL = 'public, max-age=31536000, immutable';
