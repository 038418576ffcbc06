import { type NextRequest, NextResponse } from 'next/server';
import { z } from 'zod';
import { fieldErrorsFrom } from '~/lib/api-errors';
import { ACCESS_COOKIE, PRODUCT_COOKIE, REFRESH_COOKIE } from '~/lib/cookie-names';
import { hasConsoleAccess, NO_CONSOLE_ACCESS } from '~/server/console-access';
import { refreshOnce } from '~/server/refresh';
import {
  clearSessionCookies,
  forwardedHeaders,
  isAccessTokenExpired,
  setSessionCookies,
} from '~/server/session-cookies';
import { apiLogin, apiLogout } from '~/server/trpc-http';

const ZSignIn = z.object({
  email: z.string().trim().min(1, 'Enter your email.').pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.'),
});

/** Signs in: the API's auth.login, then the tokens go into httpOnly cookies and never reach script. */
export async function POST(request: NextRequest) {
  const raw: unknown = await request.json().catch(() => null);
  const parsed = ZSignIn.safeParse(raw);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      fields[key] ??= issue.message;
    }
    return NextResponse.json({ message: 'Check the highlighted fields.', fields }, { status: 400 });
  }
  const result = await apiLogin(parsed.data, forwardedHeaders(request));
  if (!result.ok) {
    const data = (result.body as { error?: { data?: { reason?: unknown } } } | null)?.error?.data;
    // `reason` tells the form what to offer (email_not_verified: a new verification link).
    const reason = typeof data?.reason === 'string' ? data.reason : undefined;
    return NextResponse.json(
      { message: result.message, code: result.code, fields: fieldErrorsFrom(data), reason },
      { status: result.status },
    );
  }
  const { user, accessToken } = result.data;
  if (!hasConsoleAccess(user.roles)) {
    // Valid credentials, but the console is for admins: end the session that login just opened.
    await apiLogout(undefined, { ...forwardedHeaders(request), authorization: `Bearer ${accessToken}` });
    return NextResponse.json({ message: NO_CONSOLE_ACCESS, code: 'FORBIDDEN' }, { status: 403 });
  }
  const response = NextResponse.json({ user: { id: user.id, email: user.email } });
  setSessionCookies(response, request, result.data);
  // A new session starts in the user's home product.
  response.cookies.delete(PRODUCT_COOKIE);
  return response;
}

/**
 * Signs out: auth.logout revokes the session named in the access token, so an expired access token is
 * first renewed with the refresh cookie. Best effort; the cookies are cleared either way.
 */
export async function DELETE(request: NextRequest) {
  let access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  const headers = forwardedHeaders(request);
  if ((!access || isAccessTokenExpired(access, Date.now())) && refresh) {
    const renewed = await refreshOnce(refresh, headers);
    access = renewed.ok ? renewed.data.accessToken : undefined;
  }
  if (access) await apiLogout(undefined, { ...headers, authorization: `Bearer ${access}` });
  const response = NextResponse.json({ ok: true });
  clearSessionCookies(response, request);
  return response;
}
