import { type NextRequest, NextResponse } from 'next/server';
import { env } from '~/env';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import { callWithSession } from '~/server/session-call';
import { forwardedHeaders } from '~/server/session-cookies';

export const dynamic = 'force-dynamic';

const FILTERS = ['status', 'search', 'createdFrom', 'createdTo'] as const;

async function callApi(request: NextRequest, accessToken: string | undefined): Promise<Response> {
  const query = new URLSearchParams();
  for (const name of FILTERS) {
    const value = request.nextUrl.searchParams.get(name);
    if (value) query.set(name, value);
  }
  const headers: Record<string, string> = { ...forwardedHeaders(request), accept: 'text/csv' };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const product = request.cookies.get(PRODUCT_COOKIE)?.value;
  if (product) headers['x-product-id'] = product;
  const search = query.size > 0 ? `?${query.toString()}` : '';
  try {
    return await fetch(`${env.API_URL}/v1/waitlist/export.csv${search}`, { headers, cache: 'no-store' });
  } catch {
    return Response.json(
      { error: { code: 'UNAVAILABLE', message: 'The API is unreachable. Try again in a moment.' } },
      { status: 503 },
    );
  }
}

/**
 * The waitlist CSV as a download: the session cookie becomes the API's bearer (renewed once if it expired,
 * as the /trpc proxy does) and the API's stream is passed through without buffering the file here.
 */
export async function GET(request: NextRequest): Promise<NextResponse> {
  const { result: upstream, finish } = await callWithSession(request, (access) => callApi(request, access), {
    isUnauthorized: (response) => response.status === 401,
    discard: async (response) => {
      await response.body?.cancel();
    },
  });
  const headers = new Headers({ 'cache-control': 'no-store' });
  for (const name of ['content-type', 'content-disposition', 'x-request-id']) {
    const value = upstream.headers.get(name);
    if (value) headers.set(name, value);
  }
  return finish(new NextResponse(upstream.body, { status: upstream.status, headers }));
}
