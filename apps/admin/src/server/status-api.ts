import type { TPublicHistory, TPublicStatus } from '@bytelyst/routers/modules/status/schema-public';
import { cache } from 'react';
import { env } from '../env';

/** How long the console reuses the API's answers (the API lets clients cache them 30 and 60 s). */
export const STATUS_REVALIDATE_SECONDS = 30;

/** Tags the cached API answers, so an admin's change through this console drops them (trpc route). */
export const STATUS_PAGE_TAG = 'status-page';

export type StatusPageData = { status: TPublicStatus; history: TPublicHistory };

/** An API that does not answer within this renders the "unavailable" page rather than hanging it. */
const TIMEOUT_MS = 5000;

const load = async <T>(path: string, product: string | undefined): Promise<T | null> => {
  // No abort signal: the fetch stays cacheable (tagged, 30 s); a slow answer loses the race instead.
  const request = fetch(`${env.API_URL}/v1/public/status${path}`, {
    headers: product ? { 'x-product-id': product } : {},
    next: { revalidate: STATUS_REVALIDATE_SECONDS, tags: [STATUS_PAGE_TAG] },
  })
    .then(async (response) => (response.ok ? ((await response.json()) as T) : null))
    .catch(() => null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), TIMEOUT_MS);
  });
  try {
    return await Promise.race([request, timeout]);
  } finally {
    clearTimeout(timer);
  }
};

/**
 * The public status page's data: current state and 90 days of history, fetched at once (no waterfall), once
 * per request however many parts of the page ask (the metadata and the page).
 */
export const loadStatusPage = cache(async (product: string | undefined): Promise<StatusPageData | null> => {
  const [status, history] = await Promise.all([
    load<TPublicStatus>('', product),
    load<TPublicHistory>('/history', product),
  ]);
  return status && history ? { status, history } : null;
});

/** Where a browser reaches the API's public status URLs (the Atom feed). */
export const publicApiUrl = (path: string) => `${env.API_PUBLIC_URL ?? env.API_URL}${path}`;
