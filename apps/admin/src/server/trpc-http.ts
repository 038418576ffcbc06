import type { AppRouter } from '@bytelyst/routers/root';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import { env } from '../env';

type Inputs = inferRouterInputs<AppRouter>;
type Outputs = inferRouterOutputs<AppRouter>;
export type AuthTokens = Outputs['auth']['login'];

export type ApiFailure = {
  ok: false;
  status: number;
  message: string;
  code: string;
  /** The tRPC error body as the API sent it, passed on to the browser unchanged. */
  body: unknown;
};
export type ApiResult<T> = { ok: true; data: T } | ApiFailure;

type ErrorBody = { error?: { message?: unknown; data?: { code?: unknown } } };

const failure = (status: number, body: unknown): ApiFailure => {
  const error = (body as ErrorBody | null)?.error;
  return {
    ok: false,
    status,
    message: typeof error?.message === 'string' ? error.message : `The API answered ${status}.`,
    code: typeof error?.data?.code === 'string' ? error.data.code : 'INTERNAL_SERVER_ERROR',
    body,
  };
};

/** Calls one mutation over the tRPC HTTP wire format (no transformer): POST /trpc/<path> with the raw input. */
export async function mutate<T>(
  path: string,
  input: unknown,
  headers: Record<string, string>,
): Promise<ApiResult<T>> {
  let response: Response;
  try {
    response = await fetch(`${env.API_URL}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(input ?? null),
      cache: 'no-store',
    });
  } catch {
    return failure(503, {
      error: { message: 'The API is unreachable.', data: { code: 'SERVICE_UNAVAILABLE' } },
    });
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) return failure(response.status, body);
  const data = (body as { result?: { data?: T } } | null)?.result?.data;
  return data === undefined ? failure(502, body) : { ok: true, data };
}

export const apiLogin = (input: Inputs['auth']['login'], headers: Record<string, string>) =>
  mutate<AuthTokens>('auth.login', input, headers);

export const apiRefresh = (input: Inputs['auth']['refresh'], headers: Record<string, string>) =>
  mutate<Outputs['auth']['refresh']>('auth.refresh', input, headers);

export const apiLogout = (input: Inputs['auth']['logout'], headers: Record<string, string>) =>
  mutate<Outputs['auth']['logout']>('auth.logout', input, headers);
