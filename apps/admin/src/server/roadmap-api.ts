import type { TMySubmission, TRoadmap, TRoadmapItemDetail } from '@bytelyst/routers/modules/roadmap/schema';
import { env } from '../env';

/**
 * The public roadmap page's calls to the API's REST face: the anonymous reads, and the end user's own calls
 * with the bearer token of their roadmap session (roadmap-session.ts). Never the console's session.
 */

export type RoadmapCall<T> =
  | { ok: true; data: T }
  | { ok: false; status: number; message: string; fields: Record<string, string> };

type ErrorBody = { error?: { message?: unknown; fields?: { path?: unknown; message?: unknown }[] } };

export const roadmapApi = async <T>(
  path: string,
  opts: { method?: string; token?: string; product?: string; body?: unknown } = {},
): Promise<RoadmapCall<T>> => {
  let response: Response;
  try {
    response = await fetch(`${env.API_URL}/v1${path}`, {
      method: opts.method ?? 'GET',
      headers: {
        ...(opts.body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.product ? { 'x-product-id': opts.product } : {}),
      },
      ...(opts.body !== undefined ? { body: JSON.stringify(opts.body) } : {}),
      cache: 'no-store',
      signal: AbortSignal.timeout(5000),
    });
  } catch {
    return {
      ok: false,
      status: 503,
      message: 'The roadmap is unreachable. Try again in a minute.',
      fields: {},
    };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) return { ok: true, data: body as T };
  const error = (body as ErrorBody | null)?.error;
  const fields: Record<string, string> = {};
  for (const field of error?.fields ?? []) {
    if (typeof field.path === 'string' && typeof field.message === 'string')
      fields[field.path] ??= field.message;
  }
  const message = typeof error?.message === 'string' ? error.message : `The API answered ${response.status}.`;
  return { ok: false, status: response.status, message, fields };
};

/** Votes move, so the page reads the roadmap fresh (the API's own answer is what clients cache). */
export const loadRoadmap = async (product: string | undefined): Promise<TRoadmap | null> => {
  const result = await roadmapApi<TRoadmap>('/public/roadmap', { ...(product ? { product } : {}) });
  return result.ok ? result.data : null;
};

export const loadRoadmapItem = async (
  product: string | undefined,
  id: string,
): Promise<TRoadmapItemDetail | null | 'not_found'> => {
  const result = await roadmapApi<TRoadmapItemDetail>(`/public/roadmap/items/${encodeURIComponent(id)}`, {
    ...(product ? { product } : {}),
  });
  if (result.ok) return result.data;
  return result.status === 404 ? 'not_found' : null;
};

/** What the signed-in end user sees of their own: who they are, which items they voted for, their suggestions. */
export type RoadmapViewer = { email: string; votedIds: string[]; submissions: TMySubmission[] };

export const loadViewer = async (
  token: string,
  product: string | undefined,
  itemIds: string[],
): Promise<RoadmapViewer | null> => {
  const common = { token, ...(product ? { product } : {}) };
  const [me, votes, mine] = await Promise.all([
    roadmapApi<{ email: string }>('/auth/me', common),
    roadmapApi<{ items: { itemId: string }[] }>('/tracker/votes/mine', {
      ...common,
      method: 'POST',
      body: { itemIds: itemIds.slice(0, 100) },
    }),
    roadmapApi<{ items: TMySubmission[] }>('/roadmap/submissions/mine', common),
  ]);
  if (!me.ok) return null;
  return {
    email: me.data.email,
    votedIds: votes.ok ? votes.data.items.map((v) => v.itemId) : [],
    submissions: mine.ok ? mine.data.items : [],
  };
};
