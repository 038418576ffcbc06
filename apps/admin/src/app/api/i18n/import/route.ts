import { type NextRequest, NextResponse } from 'next/server';
import { env } from '~/env';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import { callWithSession } from '~/server/session-call';
import { forwardedHeaders } from '~/server/session-cookies';

export const dynamic = 'force-dynamic';

async function callApi(
  request: NextRequest,
  body: string,
  accessToken: string | undefined,
): Promise<Response> {
  const headers: Record<string, string> = {
    ...forwardedHeaders(request),
    'content-type': 'application/json',
  };
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const product = request.cookies.get(PRODUCT_COOKIE)?.value;
  if (product) headers['x-product-id'] = product;
  try {
    return await fetch(`${env.API_URL}/v1/translations/import`, {
      method: 'POST',
      headers,
      body,
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      { error: { code: 'UNAVAILABLE', message: 'The API is unreachable. Try again in a moment.' } },
      { status: 503 },
    );
  }
}

/**
 * An uploaded translation file to the API's import (a plain route, so the audit log records the file's size and
 * the outcome rather than the file), with the session cookie as the bearer. The body is read once so a renewed
 * session can send it again.
 */
export async function POST(request: NextRequest): Promise<NextResponse> {
  const body = await request.text();
  const { result: upstream, finish } = await callWithSession(
    request,
    (access) => callApi(request, body, access),
    {
      isUnauthorized: (response) => response.status === 401,
      discard: async (response) => {
        await response.body?.cancel();
      },
    },
  );
  return finish(
    new NextResponse(await upstream.text(), {
      status: upstream.status,
      headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
    }),
  );
}
