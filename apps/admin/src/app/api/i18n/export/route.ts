import { type NextRequest, NextResponse } from 'next/server';
import { env } from '~/env';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import { callWithSession } from '~/server/session-call';
import { forwardedHeaders } from '~/server/session-cookies';

export const dynamic = 'force-dynamic';

const PARAMS = ['locale', 'format', 'namespace'] as const;

async function callApi(request: NextRequest, accessToken: string | undefined): Promise<Response> {
  const query = new URLSearchParams();
  for (const name of PARAMS) {
    const value = request.nextUrl.searchParams.get(name);
    if (value) query.set(name, value);
  }
  const headers: Record<string, string> = { ...forwardedHeaders(request) };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const product = request.cookies.get(PRODUCT_COOKIE)?.value;
  if (product) headers['x-product-id'] = product;
  try {
    return await fetch(`${env.API_URL}/v1/translations/export?${query.toString()}`, {
      headers,
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      { error: { code: 'UNAVAILABLE', message: 'The API is unreachable. Try again in a moment.' } },
      { status: 503 },
    );
  }
}

/** A locale's strings as a download (JSON or XLIFF), with the session cookie as the API's bearer. */
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
