import type { AppRouter } from '@bytelyst/routers/root';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { NextRequest, NextResponse } from 'next/server';
import { env } from '../env';
import { isSecureContext } from './session-cookies';
import { mutate } from './trpc-http';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;

/** The started sign-in's state and where to go after it, bound to this browser (checked at the callback). */
const FLOW_COOKIE = 'bl_sso';
/** A failed SSO sign-in's message, shown once by the sign-in page. */
export const SSO_ERROR_COOKIE = 'bl_sso_error';
/** The console's callback: the redirect URI the API's providers accept by default. */
export const SSO_CALLBACK_PATH = '/api/sso/callback';

export type SsoSignInProvider = Outputs['sso']['listEnabled']['items'][number];

export const apiSsoStart = (input: Inputs['sso']['start'], headers: Record<string, string>) =>
  mutate<Outputs['sso']['start']>('sso.start', input, headers);

export const apiSsoFinish = (input: Inputs['sso']['finish'], headers: Record<string, string>) =>
  mutate<Outputs['sso']['finish']>('sso.finish', input, headers);

/** The default product's enabled providers; none when the API cannot say (the password form still works). */
export async function ssoProviders(): Promise<SsoSignInProvider[]> {
  try {
    const response = await fetch(`${env.API_URL}/trpc/sso.listEnabled`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(2000),
    });
    if (!response.ok) return [];
    const body = (await response.json()) as { result?: { data?: { items?: SsoSignInProvider[] } } };
    return body.result?.data?.items ?? [];
  } catch {
    return [];
  }
}

/** The console's origin as the browser sees it (behind a proxy: the forwarded scheme and host). */
export function consoleOrigin(request: NextRequest): string {
  const host = request.headers.get('x-forwarded-host') ?? request.headers.get('host') ?? request.nextUrl.host;
  const proto = request.headers.get('x-forwarded-proto') ?? request.nextUrl.protocol.replace(/:$/, '');
  return `${proto}://${host}`;
}

const cookieBase = (request: NextRequest, path: string) =>
  ({ httpOnly: true, sameSite: 'lax', secure: isSecureContext(request), path }) as const;

export function setFlowCookie(
  response: NextResponse,
  request: NextRequest,
  flow: { state: string; next: string },
) {
  response.cookies.set(FLOW_COOKIE, JSON.stringify(flow), {
    ...cookieBase(request, '/api/sso'),
    maxAge: 600,
  });
}

/** The flow this browser started, if any. */
export function readFlowCookie(request: NextRequest): { state: string; next: string } | undefined {
  try {
    const flow = JSON.parse(request.cookies.get(FLOW_COOKIE)?.value ?? '') as {
      state?: unknown;
      next?: unknown;
    };
    return typeof flow.state === 'string' && typeof flow.next === 'string'
      ? { state: flow.state, next: flow.next }
      : undefined;
  } catch {
    return undefined;
  }
}

/** A callback is answered once: the flow's cookie goes with it, whatever the outcome. */
export function clearFlowCookie(response: NextResponse, request: NextRequest) {
  response.cookies.set(FLOW_COOKIE, '', { ...cookieBase(request, '/api/sso'), maxAge: 0 });
}

export function setErrorCookie(response: NextResponse, request: NextRequest, message: string) {
  response.cookies.set(SSO_ERROR_COOKIE, message, { ...cookieBase(request, '/sign-in'), maxAge: 60 });
}
