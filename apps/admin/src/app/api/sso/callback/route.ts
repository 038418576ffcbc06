import { type NextRequest, NextResponse } from 'next/server';
import { PRODUCT_COOKIE } from '~/lib/cookie-names';
import { safeNext } from '~/lib/safe-next';
import { hasConsoleAccess, NO_CONSOLE_ACCESS } from '~/server/console-access';
import { forwardedHeaders, setSessionCookies } from '~/server/session-cookies';
import {
  apiSsoFinish,
  clearFlowCookie,
  consoleOrigin,
  readFlowCookie,
  SSO_CALLBACK_PATH,
  setErrorCookie,
} from '~/server/sso-http';
import { apiLogout } from '~/server/trpc-http';

/**
 * The provider sends the browser back here. The state must be the one this browser started (else someone
 * else's sign-in could be slipped in: login CSRF); the API checks the rest and answers the tokens, which go
 * into the same httpOnly cookies as a password sign-in. The console is for admins, whichever way they sign in.
 */
export async function GET(request: NextRequest) {
  const origin = consoleOrigin(request);
  const state = request.nextUrl.searchParams.get('state');
  const flow = readFlowCookie(request);
  const finishWith = (target: string, message?: string) => {
    const response = NextResponse.redirect(new URL(target, origin), 303);
    clearFlowCookie(response, request);
    if (message) setErrorCookie(response, request, message);
    return response;
  };
  if (!flow || !state || flow.state !== state) {
    return finishWith(
      '/sign-in',
      'This sign-in was not started in this browser, or took too long. Start it again.',
    );
  }
  const headers = forwardedHeaders(request);
  const result = await apiSsoFinish(
    { callbackUrl: `${origin}${SSO_CALLBACK_PATH}${request.nextUrl.search}` },
    headers,
  );
  if (!result.ok) return finishWith('/sign-in', result.message);
  const { user, accessToken } = result.data;
  if (!hasConsoleAccess(user.roles)) {
    // The provider vouched for them, but the console is for admins: end the session the API just opened.
    await apiLogout(undefined, { ...headers, authorization: `Bearer ${accessToken}` });
    return finishWith('/sign-in', NO_CONSOLE_ACCESS);
  }
  const response = finishWith(safeNext(flow.next));
  setSessionCookies(response, request, result.data);
  // A new session starts in the user's home product.
  response.cookies.delete(PRODUCT_COOKIE);
  return response;
}
