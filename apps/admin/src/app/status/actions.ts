'use server';

import { ZSubscribeInput } from '@bytelyst/routers/modules/status/schema';
import { env } from '~/env';

export type SubscribeState = { status: 'idle' | 'sent' | 'error'; message: string | null };

/**
 * The public page's subscribe form (works without client JavaScript too): asks the API to mail a confirmation
 * link. The answer never says whether the address was subscribed already.
 */
export async function subscribeToStatus(_previous: SubscribeState, form: FormData): Promise<SubscribeState> {
  const parsed = ZSubscribeInput.safeParse({ email: String(form.get('email') ?? '') });
  if (!parsed.success) return { status: 'error', message: 'Enter a valid email address.' };
  const product = String(form.get('product') ?? '').trim();
  try {
    const response = await fetch(`${env.API_URL}/v1/public/status/subscribe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(product ? { 'x-product-id': product } : {}) },
      body: JSON.stringify(parsed.data),
      cache: 'no-store',
    });
    if (!response.ok) {
      const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
      return { status: 'error', message: body?.error?.message ?? `The API answered ${response.status}.` };
    }
  } catch {
    return { status: 'error', message: 'The status service is unreachable. Try again in a minute.' };
  }
  return {
    status: 'sent',
    message: `Check ${parsed.data.email}: follow the link in our email to confirm. Nothing is sent until you do.`,
  };
}
