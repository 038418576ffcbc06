import { type DehydratedState, dehydrate, QueryClient } from '@tanstack/react-query';
import { cookies } from 'next/headers';
import { env } from '~/env';
import { ACCESS_COOKIE, PRODUCT_COOKIE } from '~/lib/cookie-names';
import { isAccessTokenExpired } from './session-cookies';

/**
 * One tRPC query to read on the server: its procedure path and the input the client view will send (none for
 * `trpc.<path>.useQuery()`).
 */
export type PrefetchQuery = { path: string; input?: unknown };

/** tRPC's query key: a query called without input has none in its key (`getQueryKeyInternal`). */
const queryKeyOf = ({ path, input }: PrefetchQuery) => [
  path.split('.'),
  input === undefined ? { type: 'query' } : { input, type: 'query' },
];

/**
 * Reads queries on the server as the signed-in user and returns them dehydrated, under the keys the
 * client's `trpc.<path>.useQuery(input)` looks up, so a list page paints with its first page instead of a
 * spinner. Anything that fails (an expired access token that only the proxy can renew, an API error) is
 * simply left out: the client then fetches as before.
 */
export async function prefetch(queries: readonly PrefetchQuery[]): Promise<DehydratedState> {
  const client = new QueryClient();
  const jar = await cookies();
  const access = jar.get(ACCESS_COOKIE)?.value;
  if (access && !isAccessTokenExpired(access, Date.now())) {
    const headers: Record<string, string> = { authorization: `Bearer ${access}` };
    const product = jar.get(PRODUCT_COOKIE)?.value;
    if (product) headers['x-product-id'] = product;
    await Promise.all(
      queries.map(async (query) => {
        const data = await readQuery(query, headers);
        if (data !== undefined) client.setQueryData(queryKeyOf(query), data);
      }),
    );
  }
  return dehydrate(client);
}

/**
 * The page's HTML waits for its prefetch (no loading fallback hides it), so a slow API answer is given up and
 * left to the browser rather than holding the page.
 */
const TIMEOUT_MS = 3000;

/** One query over the tRPC HTTP wire format (no transformer): GET /trpc/<path>?input=<json>. */
async function readQuery({ path, input }: PrefetchQuery, headers: Record<string, string>): Promise<unknown> {
  // No input param at all for a query without input, as the client sends it: `null` fails an optional schema.
  const search = input === undefined ? '' : `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const url = `${env.API_URL}/trpc/${path}${search}`;
  try {
    const response = await fetch(url, {
      headers,
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { result?: { data?: unknown } } | null;
    return body?.result?.data;
  } catch {
    return undefined;
  }
}
