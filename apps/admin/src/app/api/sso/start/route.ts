import { type NextRequest, NextResponse } from 'next/server';
import { safeNext } from '~/lib/safe-next';
import { forwardedHeaders } from '~/server/session-cookies';
import {
  apiSsoStart,
  consoleOrigin,
  SSO_CALLBACK_PATH,
  setErrorCookie,
  setFlowCookie,
} from '~/server/sso-http';

/**
 * "Continue with <provider>" on the sign-in page posts here: the API starts the sign-in (PKCE, state, nonce
 * kept server-side), the state is bound to this browser in an httpOnly cookie, and the browser goes to the
 * provider.
 */
export async function POST(request: NextRequest) {
  const form = await request.formData().catch(() => null);
  const providerId = form?.get('providerId');
  const next = safeNext(String(form?.get('next') ?? '/'));
  const origin = consoleOrigin(request);
  const back = (message: string) => {
    const signIn = new URL('/sign-in', origin);
    if (next !== '/') signIn.searchParams.set('next', next);
    const response = NextResponse.redirect(signIn, 303);
    setErrorCookie(response, request, message);
    return response;
  };
  if (typeof providerId !== 'string' || providerId === '') return back('Choose a sign-in provider.');
  const started = await apiSsoStart(
    { providerId, redirectUri: `${origin}${SSO_CALLBACK_PATH}` },
    forwardedHeaders(request),
  );
  if (!started.ok) return back(started.message);
  const response = NextResponse.redirect(started.data.authorizationUrl, 303);
  setFlowCookie(response, request, { state: started.data.state, next });
  return response;
}
