import type { AppRouter } from '@bytelyst/routers/root';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { NextRequest, NextResponse } from 'next/server';
import { env } from '~/env';
import { isSecureContext } from './session-cookies';
import { mutate } from './trpc-http';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/**
 * The shadow token of an admin viewing as a user. httpOnly like the session cookies: only the console's
 * server reads it (the view page and the /api/impersonation handlers); the browser's script never sees it,
 * and the /trpc proxy never sends it (the console's own calls stay the admin's).
 */
export const SHADOW_COOKIE = 'bl_shadow';

export type ShadowClaims = { userId: string; impersonatedBy: string; expiresAtMs: number };

/** The claims the console shows (time left, whose view). Not verified here: the API checks every call. */
export function shadowClaimsOf(token: string | undefined): ShadowClaims | undefined {
  const payload = token?.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
    const { sub, impersonatedBy, exp } = claims;
    if (typeof sub !== 'string' || typeof impersonatedBy !== 'string' || typeof exp !== 'number')
      return undefined;
    return { userId: sub, impersonatedBy, expiresAtMs: exp * 1000 };
  } catch {
    return undefined;
  }
}

const cookieBase = (request: NextRequest) =>
  ({ httpOnly: true, sameSite: 'lax', secure: isSecureContext(request), path: '/' }) as const;

export function setShadowCookie(response: NextResponse, request: NextRequest, token: string, maxAge: number) {
  response.cookies.set(SHADOW_COOKIE, token, { ...cookieBase(request), maxAge: Math.max(1, maxAge) });
}

export function clearShadowCookie(response: NextResponse, request: NextRequest) {
  response.cookies.set(SHADOW_COOKIE, '', { ...cookieBase(request), maxAge: 0 });
}

export const apiImpersonate = (input: Inputs['auth']['impersonate'], headers: Record<string, string>) =>
  mutate<Outputs['auth']['impersonate']>('auth.impersonate', input, headers);

export const apiEndImpersonation = (shadowToken: string, headers: Record<string, string>) =>
  mutate<Outputs['auth']['endImpersonation']>(
    'auth.endImpersonation',
    {},
    {
      ...headers,
      authorization: `Bearer ${shadowToken}`,
    },
  );

/** The API's answer to a call made as the viewed user: its status, and the body or the error's message. */
export type AsUser<T> = { status: number; data?: T; message?: string };

/** One call of the REST face (the one the user's apps use) with the shadow token. */
export async function callAsUser<T>(
  token: string,
  method: 'GET' | 'PATCH',
  path: string,
  opts: { body?: unknown; headers?: Record<string, string> } = {},
): Promise<AsUser<T>> {
  try {
    const response = await fetch(`${env.API_URL}/v1${path}`, {
      method,
      headers: {
        ...opts.headers,
        authorization: `Bearer ${token}`,
        ...(opts.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      cache: 'no-store',
      signal: AbortSignal.timeout(5000),
    });
    const body: unknown = await response.json().catch(() => null);
    if (response.ok) return { status: response.status, data: body as T };
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    return {
      status: response.status,
      message: typeof message === 'string' ? message : `The API answered ${response.status}.`,
    };
  } catch {
    return { status: 503, message: 'The API is unreachable.' };
  }
}
