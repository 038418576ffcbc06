import { cookies, headers } from 'next/headers';
import { refreshOnce } from './refresh';
import { isAccessTokenExpired, type SessionTokens } from './session-cookies';

/**
 * The end user's session on the public roadmap: its own cookies, scoped to /roadmap, so the browser never sends
 * them to a console page, and named apart from the console's, which the proxy and the console's routes read.
 * Whatever the user's roles, these cookies open nothing but the roadmap's calls.
 */
export const ROADMAP_ACCESS_COOKIE = 'bl_roadmap_access';
export const ROADMAP_REFRESH_COOKIE = 'bl_roadmap_refresh';
export const ROADMAP_COOKIE_PATH = '/roadmap';
const REFRESH_MAX_AGE_SECONDS = 30 * 24 * 60 * 60;
const LOOPBACK = /^(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$/;

const secure = async () => !LOOPBACK.test((await headers()).get('host') ?? '');

/** Stores a fresh pair (only where cookies may be set: a server action). */
export const storeRoadmapSession = async (tokens: SessionTokens) => {
  const jar = await cookies();
  const base = {
    httpOnly: true,
    sameSite: 'lax',
    secure: await secure(),
    path: ROADMAP_COOKIE_PATH,
  } as const;
  jar.set(ROADMAP_ACCESS_COOKIE, tokens.accessToken, { ...base, maxAge: Math.max(1, tokens.expiresIn) });
  jar.set(ROADMAP_REFRESH_COOKIE, tokens.refreshToken, { ...base, maxAge: REFRESH_MAX_AGE_SECONDS });
};

export const clearRoadmapSession = async () => {
  const jar = await cookies();
  const base = {
    httpOnly: true,
    sameSite: 'lax',
    secure: await secure(),
    path: ROADMAP_COOKIE_PATH,
  } as const;
  jar.set(ROADMAP_ACCESS_COOKIE, '', { ...base, maxAge: 0 });
  jar.set(ROADMAP_REFRESH_COOKIE, '', { ...base, maxAge: 0 });
};

/** What a page render can use: the access token while it is valid; `renew` when only the refresh one is left. */
export const readRoadmapSession = async (): Promise<
  { state: 'none' } | { state: 'renew' } | { state: 'active'; accessToken: string }
> => {
  const jar = await cookies();
  const access = jar.get(ROADMAP_ACCESS_COOKIE)?.value;
  if (access && !isAccessTokenExpired(access, Date.now())) return { state: 'active', accessToken: access };
  return jar.get(ROADMAP_REFRESH_COOKIE)?.value ? { state: 'renew' } : { state: 'none' };
};

/**
 * The access token for a server action, renewed with the refresh cookie when it has lapsed (rotated cookies
 * stored); null when there is no session or it ended.
 */
export const roadmapAccessToken = async (): Promise<string | null> => {
  const current = await readRoadmapSession();
  if (current.state === 'active') return current.accessToken;
  if (current.state === 'none') return null;
  const refresh = (await cookies()).get(ROADMAP_REFRESH_COOKIE)?.value ?? '';
  const renewed = await refreshOnce(refresh, {});
  if (!renewed.ok) {
    await clearRoadmapSession();
    return null;
  }
  await storeRoadmapSession(renewed.data);
  return renewed.data.accessToken;
};
