'use server';

import { ZSubmissionCreateInput } from '@bytelyst/routers/modules/tracker/roadmap/schema';
import { revalidatePath } from 'next/cache';
import { headers } from 'next/headers';
import { z } from 'zod';
import { roadmapApi } from '~/server/roadmap-api';
import { clearRoadmapSession, roadmapAccessToken, storeRoadmapSession } from '~/server/roadmap-session';
import { forwardedHeaders } from '~/server/session-cookies';
import { apiLogin, apiLogout } from '~/server/trpc-http';

/**
 * The public roadmap's actions. Each runs on the server with the end user's roadmap session (cookies scoped to
 * /roadmap); the console's own session is never read or set here, so signing in on the roadmap opens no
 * console page, whatever the account's roles.
 */

export type FormState = {
  status: 'idle' | 'done' | 'error';
  message: string | null;
  fields: Record<string, string>;
};

const text = (form: FormData, name: string) => String(form.get(name) ?? '');
const productHeader = (product: string): Record<string, string> =>
  product ? { 'x-product-id': product } : {};
const forwarded = async () => forwardedHeaders({ headers: await headers() });
const SIGN_IN_FIRST: FormState = {
  status: 'error',
  message: 'Sign in to take part: your session has ended.',
  fields: {},
};

const ZSignIn = z.object({
  email: z.string().trim().pipe(z.email('Enter a valid email address.')),
  password: z.string().min(1, 'Enter your password.'),
});

export async function signInToRoadmap(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = ZSignIn.safeParse({ email: text(form, 'email'), password: text(form, 'password') });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    return { status: 'error', message: 'Check the highlighted fields.', fields };
  }
  const product = text(form, 'product');
  const result = await apiLogin(parsed.data, { ...(await forwarded()), ...productHeader(product) });
  if (!result.ok) return { status: 'error', message: result.message, fields: {} };
  await storeRoadmapSession(result.data);
  return { status: 'done', message: null, fields: {} };
}

export async function signOutOfRoadmap(): Promise<void> {
  const token = await roadmapAccessToken();
  if (token) await apiLogout(undefined, { ...(await forwarded()), authorization: `Bearer ${token}` });
  await clearRoadmapSession();
}

/** Renews a lapsed access token with the refresh cookie; the page renders again with the new cookies. */
export async function renewRoadmapSession(): Promise<void> {
  await roadmapAccessToken();
}

export type VoteResult =
  | { ok: true; voted: boolean; votes: number }
  | { ok: false; message: string; signIn: boolean };

/** Sets the caller's vote (the button sends the state it wants, so a double click is one vote). */
export async function voteOnRoadmap(product: string, itemId: string, voted: boolean): Promise<VoteResult> {
  const token = await roadmapAccessToken();
  if (!token) return { ok: false, message: 'Sign in to vote.', signIn: true };
  const result = await roadmapApi<{ voted: boolean; votes: number }>(
    `/roadmap/items/${encodeURIComponent(itemId)}/vote`,
    { method: 'POST', token, product, body: { voted } },
  );
  if (!result.ok) return { ok: false, message: result.message, signIn: result.status === 401 };
  return { ok: true, voted: result.data.voted, votes: result.data.votes };
}

export async function suggestFeature(_previous: FormState, form: FormData): Promise<FormState> {
  const parsed = ZSubmissionCreateInput.safeParse({ title: text(form, 'title'), body: text(form, 'body') });
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[String(issue.path[0])] ??= issue.message;
    return { status: 'error', message: 'Check the highlighted fields.', fields };
  }
  const token = await roadmapAccessToken();
  if (!token) return SIGN_IN_FIRST;
  const result = await roadmapApi('/roadmap/submissions', {
    method: 'POST',
    token,
    product: text(form, 'product'),
    body: parsed.data,
  });
  if (!result.ok) return { status: 'error', message: result.message, fields: result.fields };
  revalidatePath('/roadmap');
  return {
    status: 'done',
    message: 'Thanks! Your suggestion is waiting for review; it appears on the roadmap once approved.',
    fields: {},
  };
}

export async function commentOnItem(_previous: FormState, form: FormData): Promise<FormState> {
  const itemId = text(form, 'itemId');
  const body = text(form, 'body').trim();
  if (!body) return { status: 'error', message: null, fields: { body: 'Write a comment first.' } };
  const token = await roadmapAccessToken();
  if (!token) return SIGN_IN_FIRST;
  const result = await roadmapApi(`/roadmap/items/${encodeURIComponent(itemId)}/comments`, {
    method: 'POST',
    token,
    product: text(form, 'product'),
    body: { body },
  });
  if (!result.ok) return { status: 'error', message: result.message, fields: result.fields };
  revalidatePath(`/roadmap/items/${itemId}`);
  return { status: 'done', message: null, fields: {} };
}
