import { type NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import {
  apiEndImpersonation,
  apiImpersonate,
  clearShadowCookie,
  SHADOW_COOKIE,
  setShadowCookie,
  shadowClaimsOf,
} from '~/server/impersonation';
import { callWithSession } from '~/server/session-call';
import { forwardedHeaders } from '~/server/session-cookies';

export const dynamic = 'force-dynamic';

const ZStart = z.object({ userId: z.string().trim().min(1).max(128) });

/**
 * Starts viewing as a user: the API's auth.impersonate with the admin's session (in the console's product),
 * and the shadow token goes into an httpOnly cookie for the view page. A view already open ends first.
 */
export async function POST(request: NextRequest) {
  const parsed = ZStart.safeParse(await request.json().catch(() => null));
  if (!parsed.success) {
    return NextResponse.json({ message: 'Name the user to view as.', code: 'BAD_REQUEST' }, { status: 400 });
  }
  const previous = request.cookies.get(SHADOW_COOKIE)?.value;
  // In its own product (the token's), which the console's product may not be.
  if (previous) await apiEndImpersonation(previous, forwardedHeaders(request));
  const headers = forwardedHeaders(request);
  const product = request.cookies.get(PRODUCT_COOKIE)?.value;
  if (product) headers['x-product-id'] = product;
  const { result, finish } = await callWithSession(
    request,
    (access) =>
      apiImpersonate(
        { targetUserId: parsed.data.userId },
        access ? { ...headers, authorization: `Bearer ${access}` } : headers,
      ),
    { isUnauthorized: (answer) => !answer.ok && answer.status === 401 },
  );
  if (!result.ok) {
    return finish(
      NextResponse.json({ message: result.message, code: result.code }, { status: result.status }),
    );
  }
  const response = NextResponse.json({ userId: result.data.user.id, expiresAt: result.data.expiresAt });
  setShadowCookie(response, request, result.data.accessToken, result.data.expiresIn);
  return finish(response);
}

/** Ends the view with its own token (the API revokes it at once) and drops the cookie either way. */
export async function DELETE(request: NextRequest) {
  const token = request.cookies.get(SHADOW_COOKIE)?.value;
  const claims = shadowClaimsOf(token);
  const ended = token && claims ? await apiEndImpersonation(token, forwardedHeaders(request)) : undefined;
  const response = NextResponse.json({
    userId: claims?.userId ?? null,
    // An expired token is refused (401): the session had ended by itself.
    ended: ended?.ok ? ended.data.ended : false,
  });
  clearShadowCookie(response, request);
  return response;
}
