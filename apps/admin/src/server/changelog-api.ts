import type { TChangelogPublicPage } from '@bytelyst/routers/modules/changelog/schema';
import { env } from '../env';

/** Tags the cached API answer, so an admin's change through this console drops it (trpc route). */
export const CHANGELOG_PAGE_TAG = 'changelog-page';

/**
 * The published entries of a product for the public page, newest version first (the API's own client
 * endpoint; reused 60 s as the API allows); null when the API does not answer.
 */
export const loadChangelog = async (product: string | undefined): Promise<TChangelogPublicPage | null> => {
  try {
    const response = await fetch(`${env.API_URL}/v1/changelog?limit=50`, {
      headers: product ? { 'x-product-id': product } : {},
      next: { revalidate: 60, tags: [CHANGELOG_PAGE_TAG] },
      signal: AbortSignal.timeout(5000),
    });
    return response.ok ? ((await response.json()) as TChangelogPublicPage) : null;
  } catch {
    return null;
  }
};
