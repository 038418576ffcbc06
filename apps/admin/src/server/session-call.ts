import type { NextRequest, NextResponse } from 'next/server';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '~/lib/cookie-names';
import { refreshOnce } from './refresh';
import {
  clearSessionCookies,
  forwardedHeaders,
  isAccessTokenExpired,
  type SessionTokens,
  setSessionCookies,
} from './session-cookies';

/**
 * Calls the API as the signed-in console user: the access cookie becomes the bearer, renewed once when it
 * has expired or the API answers unauthenticated (then the call is made once more). `finish` puts the rotated
 * cookies on the response, or clears them when the refresh token was refused.
 */
export async function callWithSession<T>(
  request: NextRequest,
  call: (accessToken: string | undefined) => Promise<T>,
  opts: { isUnauthorized: (result: T) => boolean; discard?: (result: T) => Promise<void> },
): Promise<{ result: T; finish: (response: NextResponse) => NextResponse }> {
  let access = request.cookies.get(ACCESS_COOKIE)?.value;
  const refresh = request.cookies.get(REFRESH_COOKIE)?.value;
  let rotated: SessionTokens | undefined;
  let refreshFailed = false;
  const tryRefresh = async (): Promise<boolean> => {
    if (!refresh || rotated || refreshFailed) return false;
    const renewed = await refreshOnce(refresh, forwardedHeaders(request));
    if (!renewed.ok) {
      refreshFailed = true;
      return false;
    }
    rotated = renewed.data;
    access = renewed.data.accessToken;
    return true;
  };

  if ((!access || isAccessTokenExpired(access, Date.now())) && refresh) await tryRefresh();
  let result = await call(access);
  if (opts.isUnauthorized(result) && (await tryRefresh())) {
    await opts.discard?.(result);
    result = await call(access);
  }
  const finish = (response: NextResponse): NextResponse => {
    if (rotated) setSessionCookies(response, request, rotated);
    else if (refreshFailed) clearSessionCookies(response, request);
    return response;
  };
  return { result, finish };
}
