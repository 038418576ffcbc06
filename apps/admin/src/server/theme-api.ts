import type { TThemeCurrent } from '@bytelyst/routers/modules/themes/schema';
import { cookies } from 'next/headers';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import { env } from '../env';

/** Tags the cached answer, so a publish through this console repaints it at once (trpc route). */
export const CONSOLE_THEME_TAG = 'console-theme';

/**
 * The published web theme of the console's selected product (the product cookie, else the API's default), from
 * the API's own client endpoint, reused 60 s as the API allows; null when the API does not answer.
 */
export const loadConsoleTheme = async (): Promise<TThemeCurrent | null> => {
  const product = (await cookies()).get(PRODUCT_COOKIE)?.value;
  try {
    const response = await fetch(`${env.API_URL}/v1/themes/current?platform=web`, {
      headers: product ? { 'x-product-id': product } : {},
      next: { revalidate: 60, tags: [CONSOLE_THEME_TAG] },
      signal: AbortSignal.timeout(3000),
    });
    return response.ok ? ((await response.json()) as TThemeCurrent) : null;
  } catch {
    return null;
  }
};
