import { type NextRequest, NextResponse } from 'next/server';
import { callAsUser, SHADOW_COOKIE } from '~/server/impersonation';
import { forwardedHeaders } from '~/server/session-cookies';

export const dynamic = 'force-dynamic';

/**
 * A change the viewed user could make (PATCH /v1/settings/me), tried with the shadow token, so the view shows
 * what the API answers to it: a 403 naming impersonation. The body goes to the API as it came.
 */
export async function PATCH(request: NextRequest) {
  const token = request.cookies.get(SHADOW_COOKIE)?.value;
  if (!token) {
    return NextResponse.json({ message: 'This view has ended.', code: 'UNAUTHORIZED' }, { status: 401 });
  }
  const body: unknown = await request.json().catch(() => null);
  const answer = await callAsUser(token, 'PATCH', '/settings/me', {
    body,
    headers: forwardedHeaders(request),
  });
  return NextResponse.json(answer.data ?? { message: answer.message }, { status: answer.status });
}
