import { describe, expect, it } from 'vitest';
import { createAccessTokenVerifier, signAccessToken, verifyAccessToken } from './jwt';

const SECRET = 's'.repeat(48);
const NOW = Date.UTC(2026, 5, 1, 12);
const CLAIMS = { sub: 'user-1', pid: 'lysnrai', sid: 'session-1', roles: ['user' as const] };

describe('access tokens', () => {
  it('the request-path verifier agrees with a full verification, remembered or not, until the expiry', async () => {
    const token = await signAccessToken(SECRET, CLAIMS, { nowMs: NOW, ttlSeconds: 900 });
    const verify = createAccessTokenVerifier(SECRET);
    expect(await verify(token, NOW)).toEqual(CLAIMS);
    // Remembered: the same answer, and still refused once the token has expired.
    expect(await verify(token, NOW + 899_000)).toEqual(await verifyAccessToken(SECRET, token, NOW + 899_000));
    expect(await verify(token, NOW + 900_000)).toBeUndefined();
    expect(await verifyAccessToken(SECRET, token, NOW + 900_000)).toBeUndefined();
    expect(await verify(token, NOW + 899_000)).toEqual(CLAIMS);
  });

  it('refuses a token signed with another secret or altered, and does not remember the refusal', async () => {
    const verify = createAccessTokenVerifier(SECRET);
    const foreign = await signAccessToken('o'.repeat(48), CLAIMS, { nowMs: NOW, ttlSeconds: 900 });
    expect(await verify(foreign, NOW)).toBeUndefined();
    const token = await signAccessToken(SECRET, CLAIMS, { nowMs: NOW, ttlSeconds: 900 });
    const [header, payload, signature = ''] = token.split('.');
    const forged = `${header}.${Buffer.from(JSON.stringify({ ...CLAIMS, roles: ['super_admin'], exp: 9e9 })).toString('base64url')}.${signature}`;
    expect(await verify(forged, NOW)).toBeUndefined();
    expect(await verify(`${header}.${payload}.${signature.slice(0, -2)}AA`, NOW)).toBeUndefined();
    expect(await verify(token, NOW)).toEqual(CLAIMS);
  });

  it('keeps working when its memory is full (it starts over)', async () => {
    const verify = createAccessTokenVerifier(SECRET, { maxEntries: 2 });
    const tokens = await Promise.all(
      [1, 2, 3].map((n) =>
        signAccessToken(SECRET, { ...CLAIMS, sid: `s-${n}` }, { nowMs: NOW, ttlSeconds: 60 }),
      ),
    );
    for (const token of [...tokens, ...tokens]) expect((await verify(token, NOW))?.sub).toBe('user-1');
  });
});
