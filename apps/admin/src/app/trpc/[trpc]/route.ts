import { revalidateTag } from 'next/cache';
import { type NextRequest, NextResponse } from 'next/server';
import { env } from '~/env';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import { CHANGELOG_PAGE_TAG } from '~/server/changelog-api';
import { callWithSession } from '~/server/session-call';
import { forwardedHeaders } from '~/server/session-cookies';
import { STATUS_PAGE_TAG } from '~/server/status-api';
import { CONSOLE_THEME_TAG } from '~/server/theme-api';

export const dynamic = 'force-dynamic';

type Upstream = { status: number; headers: Headers; body: string };

/** True when the API refused the caller as unauthenticated (a batch may carry it per call, under 207). */
function isUnauthorized(upstream: Upstream): boolean {
  if (upstream.status === 401) return true;
  if (upstream.status !== 207) return false;
  try {
    const parsed: unknown = JSON.parse(upstream.body);
    const items = Array.isArray(parsed) ? parsed : [parsed];
    return items.some(
      (item) => (item as { error?: { data?: { httpStatus?: unknown } } })?.error?.data?.httpStatus === 401,
    );
  } catch {
    return false;
  }
}

async function callApi(
  request: NextRequest,
  body: string | undefined,
  accessToken?: string,
): Promise<Upstream> {
  const url = new URL(request.url);
  const target = `${env.API_URL}${url.pathname}${url.search}`;
  const headers: Record<string, string> = { ...forwardedHeaders(request) };
  const contentType = request.headers.get('content-type');
  if (contentType) headers['content-type'] = contentType;
  if (accessToken) headers.authorization = `Bearer ${accessToken}`;
  const product = request.cookies.get(PRODUCT_COOKIE)?.value;
  if (product) headers['x-product-id'] = product;
  try {
    const response = await fetch(target, { method: request.method, headers, body, cache: 'no-store' });
    return { status: response.status, headers: response.headers, body: await response.text() };
  } catch {
    const error = {
      error: {
        message: 'The API is unreachable. Try again in a moment.',
        code: -32603,
        data: { code: 'SERVICE_UNAVAILABLE', httpStatus: 503 },
      },
    };
    return { status: 503, headers: new Headers(), body: JSON.stringify(error) };
  }
}

function toResponse(upstream: Upstream): NextResponse {
  const headers = new Headers({ 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
  const requestId = upstream.headers.get('x-request-id');
  if (requestId) headers.set('x-request-id', requestId);
  headers.set('cache-control', 'no-store');
  return new NextResponse(upstream.body, { status: upstream.status, headers });
}

/**
 * Proxies /trpc/* to the API so the session stays in first-party httpOnly cookies. An expired access
 * token, or a 401, triggers one refresh (rotated cookies go back to the browser) and one retry.
 */
async function handle(request: NextRequest): Promise<NextResponse> {
  const body = request.method === 'GET' || request.method === 'HEAD' ? undefined : await request.text();
  const { result, finish } = await callWithSession(request, (access) => callApi(request, body, access), {
    isUnauthorized,
  });
  // An admin's change to the status page shows on this console's public /status at once.
  if (request.method === 'POST' && result.status < 400 && request.nextUrl.pathname.includes('status.')) {
    revalidateTag(STATUS_PAGE_TAG, { expire: 0 });
  }
  // Likewise a publish, unpublish or edit shows on the public /changelog at once.
  if (request.method === 'POST' && result.status < 400 && request.nextUrl.pathname.includes('changelog.')) {
    revalidateTag(CHANGELOG_PAGE_TAG, { expire: 0 });
  }
  // A published theme repaints the console on the next page.
  if (request.method === 'POST' && result.status < 400 && request.nextUrl.pathname.includes('themes.')) {
    revalidateTag(CONSOLE_THEME_TAG, { expire: 0 });
  }
  return finish(toResponse(result));
}

export const GET = handle;
export const POST = handle;
