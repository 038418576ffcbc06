import { NextResponse } from 'next/server';
import { env } from '~/env';

export const dynamic = 'force-dynamic';

/** The API's readiness, seen from the console's server (the browser never talks to the API directly). */
export async function GET() {
  const started = Date.now();
  try {
    const response = await fetch(`${env.API_URL}/health/ready`, {
      cache: 'no-store',
      signal: AbortSignal.timeout(5000),
    });
    const body: unknown = await response.json().catch(() => null);
    return NextResponse.json({
      ok: response.ok,
      status: response.status,
      latencyMs: Date.now() - started,
      details: body,
    });
  } catch {
    return NextResponse.json({ ok: false, status: 0, latencyMs: Date.now() - started, details: null });
  }
}
