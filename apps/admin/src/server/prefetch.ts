import { type DehydratedState, dehydrate, QueryClient } from '@tanstack/react-query';
import { cookies } from 'next/headers';
import { env } from '~/env';
import { ACCESS_COOKIE, PRODUCT_COOKIE } from '~/lib/cookie-names';
import { isAccessTokenExpired } from './session-cookies';

/** One tRPC query to read on the server: its procedure path and the input the client view will send. */
export type PrefetchQuery = { path: string; input: unknown };

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
      queries.map(async ({ path, input }) => {
        const data = await readQuery(path, input, headers);
        if (data !== undefined) client.setQueryData([path.split('.'), { input, type: 'query' }], data);
      }),
    );
  }
  return dehydrate(client);
}

/** One query over the tRPC HTTP wire format (no transformer): GET /trpc/<path>?input=<json>. */
async function readQuery(path: string, input: unknown, headers: Record<string, string>): Promise<unknown> {
  const url = `${env.API_URL}/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input ?? null))}`;
  try {
    const response = await fetch(url, { headers, cache: 'no-store' });
    if (!response.ok) return undefined;
    const body = (await response.json()) as { result?: { data?: unknown } } | null;
    return body?.result?.data;
  } catch {
    return undefined;
  }
}
