import { createSecretKey } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { ZRole } from '../modules/users/schema';

/**
 * Claims of an access token: user (`sub`), product (`pid`), session (`sid`) and roles; a shadow token (an
 * admin viewing as the user, read-only) also names the admin in `impersonatedBy`.
 */
export const ZAccessClaims = z.object({
  sub: z.string().min(1),
  pid: z.string().min(1),
  sid: z.string().min(1),
  roles: z.array(ZRole),
  impersonatedBy: z.string().min(1).optional(),
});
export type TAccessClaims = z.infer<typeof ZAccessClaims>;

const keyOf = (secret: string) => new TextEncoder().encode(secret);

export const signAccessToken = (
  secret: string,
  claims: TAccessClaims,
  opts: { nowMs: number; ttlSeconds: number },
): Promise<string> => {
  const iat = Math.floor(opts.nowMs / 1000);
  return new SignJWT({
    pid: claims.pid,
    sid: claims.sid,
    roles: claims.roles,
    ...(claims.impersonatedBy ? { impersonatedBy: claims.impersonatedBy } : {}),
  })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(claims.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + opts.ttlSeconds)
    .sign(keyOf(secret));
};

/** The verified claims, or undefined for a bad signature, an expired token or missing claims. */
export const verifyAccessToken = async (
  secret: string,
  token: string,
  nowMs: number,
): Promise<TAccessClaims | undefined> => {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), {
      algorithms: ['HS256'],
      currentDate: new Date(nowMs),
    });
    const parsed = ZAccessClaims.safeParse(payload);
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
};

/**
 * `verifyAccessToken` for the request path: the key is imported once, and a token that verified is remembered
 * (by its exact text) until its expiry, so each further request with it costs a map lookup instead of an HMAC
 * (about 90 us). A token that fails is never remembered, so junk cannot fill the map; a full map starts over.
 */
export const createAccessTokenVerifier = (secret: string, opts: { maxEntries?: number } = {}) => {
  const key = createSecretKey(keyOf(secret));
  const max = opts.maxEntries ?? 10_000;
  const verified = new Map<string, { claims: TAccessClaims; expiresAtMs: number }>();
  return async (token: string, nowMs: number): Promise<TAccessClaims | undefined> => {
    const hit = verified.get(token);
    if (hit) {
      if (hit.expiresAtMs > nowMs) return hit.claims;
      verified.delete(token);
      return undefined;
    }
    try {
      const { payload } = await jwtVerify(token, key, {
        algorithms: ['HS256'],
        currentDate: new Date(nowMs),
      });
      const parsed = ZAccessClaims.safeParse(payload);
      if (!parsed.success || typeof payload.exp !== 'number') return undefined;
      if (verified.size >= max) verified.clear();
      verified.set(token, { claims: parsed.data, expiresAtMs: payload.exp * 1000 });
      return parsed.data;
    } catch {
      return undefined;
    }
  };
};

export type AccessTokenVerifier = ReturnType<typeof createAccessTokenVerifier>;
