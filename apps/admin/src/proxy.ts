import { type NextRequest, NextResponse } from 'next/server';
import { ACCESS_COOKIE, REFRESH_COOKIE } from './lib/cookie-names';

/** Pages need a session cookie; without one the browser goes to sign-in and comes back afterwards. */
export function proxy(request: NextRequest) {
  const hasSession = request.cookies.has(REFRESH_COOKIE) || request.cookies.has(ACCESS_COOKIE);
  if (hasSession) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const signIn = new URL('/sign-in', request.url);
  if (pathname !== '/') signIn.searchParams.set('next', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

export const config = {
  matcher: [
    // Everything except sign-in, the session and tRPC handlers, other API routes, and static assets.
    // Public: sign-in, the "this wasn't me" page, password recovery, email verification (and an email change's
    // confirmation), the status page (with its subscription confirm and unsubscribe pages), the changelog, and
    // the roadmap (whose end-user sign-in is its own cookies, scoped to /roadmap, which this check never counts
    // as a console session), and the end user's portal /account (its session is the client package's tokens,
    // never a console cookie).
    '/((?!sign-in|session-report|forgot-password|reset-password|verify-email|confirm-email-change|accept-invite|status/|status$|changelog$|roadmap/|roadmap$|account/|account$|api/|trpc/|trpc$|_next/static|_next/image|favicon\\.ico|.*\\.(?:svg|png|jpg|jpeg|gif|webp|ico|css|js|txt|map)$).*)',
  ],
};
