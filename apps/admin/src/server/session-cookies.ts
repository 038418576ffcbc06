import type { NextRequest, NextResponse } from 'next/server';
import { ACCESS_COOKIE, REFRESH_COOKIE } from '../lib/cookie-names';

/** Refresh cookies live as long as the API's sessions may; the API decides whether one is still valid. */
const REFRESH_MAX_AGE_SECONDS = 90 * 24 * 60 * 60;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

export type SessionTokens = { accessToken: string; refreshToken: string; expiresIn: number };

/** Secure everywhere except plain-HTTP loopback development. */
export function isSecureContext(request: NextRequest): boolean {
  const host = (request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? '').toLowerCase();
  const hostname = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : (host.split(':')[0] ?? '');
  return !LOOPBACK_HOSTS.has(hostname);
}

export function setSessionCookies(response: NextResponse, request: NextRequest, tokens: SessionTokens): void {
  const base = { httpOnly: true, sameSite: 'lax', secure: isSecureContext(request), path: '/' } as const;
  response.cookies.set(ACCESS_COOKIE, tokens.accessToken, { ...base, maxAge: Math.max(1, tokens.expiresIn) });
  response.cookies.set(REFRESH_COOKIE, tokens.refreshToken, { ...base, maxAge: REFRESH_MAX_AGE_SECONDS });
}

export function clearSessionCookies(response: NextResponse, request: NextRequest): void {
  const base = {
    httpOnly: true,
    sameSite: 'lax',
    secure: isSecureContext(request),
    path: '/',
    maxAge: 0,
  } as const;
  response.cookies.set(ACCESS_COOKIE, '', base);
  response.cookies.set(REFRESH_COOKIE, '', base);
}

/** True when the JWT's `exp` is past (with a small margin) or the token cannot be read. */
export function isAccessTokenExpired(token: string, nowMs: number, marginSeconds = 10): boolean {
  const payload = token.split('.')[1];
  if (!payload) return true;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    const exp = (claims as { exp?: unknown }).exp;
    return typeof exp !== 'number' || exp - marginSeconds <= nowMs / 1000;
  } catch {
    return true;
  }
}

/** Headers the API needs to attribute a call: request id and the client's address for the audit log. */
export function forwardedHeaders(request: Pick<NextRequest, 'headers'>): Record<string, string> {
  const headers: Record<string, string> = {};
  const requestId = request.headers.get('x-request-id');
  if (requestId) headers['x-request-id'] = requestId;
  const forwardedFor = request.headers.get('x-forwarded-for');
  if (forwardedFor) headers['x-forwarded-for'] = forwardedFor;
  const userAgent = request.headers.get('user-agent');
  if (userAgent) headers['user-agent'] = userAgent;
  return headers;
}
