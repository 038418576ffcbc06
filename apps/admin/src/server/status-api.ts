import type { TPublicHistory, TPublicStatus } from '@bytelyst/routers/modules/status/schema-public';
import { env } from '../env';

/** How long the console reuses the API's answers (the API lets clients cache them 30 and 60 s). */
export const STATUS_REVALIDATE_SECONDS = 30;

/** Tags the cached API answers, so an admin's change through this console drops them (trpc route). */
export const STATUS_PAGE_TAG = 'status-page';

export type StatusPageData = { status: TPublicStatus; history: TPublicHistory };

const load = async <T>(path: string, product: string | undefined): Promise<T | null> => {
  try {
    const response = await fetch(`${env.API_URL}/v1/public/status${path}`, {
      headers: product ? { 'x-product-id': product } : {},
      next: { revalidate: STATUS_REVALIDATE_SECONDS, tags: [STATUS_PAGE_TAG] },
      signal: AbortSignal.timeout(5000),
    });
    return response.ok ? ((await response.json()) as T) : null;
  } catch {
    return null;
  }
};

/** The public status page's data: current state and 90 days of history, fetched at once (no waterfall). */
export async function loadStatusPage(product: string | undefined): Promise<StatusPageData | null> {
  const [status, history] = await Promise.all([
    load<TPublicStatus>('', product),
    load<TPublicHistory>('/history', product),
  ]);
  return status && history ? { status, history } : null;
}

/** Where a browser reaches the API's public status URLs (the Atom feed). */
export const publicApiUrl = (path: string) => `${env.API_PUBLIC_URL ?? env.API_URL}${path}`;
