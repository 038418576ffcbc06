import type { Services } from '../../services';
import { API_TOKEN_PREFIX } from '../tokens/service';
import { isAdminRole } from '../users/rules';
import type { TRole } from '../users/schema';
import type { PrincipalSnapshot } from './principal-cache';

export type Principal = {
  kind: 'user' | 'apiToken';
  /** The user, or for an API token the user who created it. */
  userId: string;
  email: string;
  roles: TRole[];
  /** The principal's home product (a super_admin may act in another through the header). */
  productId: string;
  sessionId?: string;
  tokenId?: string;
  /** Set for a shadow token: the admin viewing as this user. Every request is then read-only and audited. */
  impersonatedBy?: string;
};

export type Authenticated = { principal: Principal; productId: string };

type AuthServices = Pick<
  Services,
  'config' | 'clock' | 'principalCache' | 'verifyAccessToken' | 'sessions' | 'users' | 'tokens'
>;

const BEARER = /^Bearer\s+(\S+)$/i;

/** A bearer that resolves to a live session of an active user (through a short cache), else undefined. */
const fromJwt = async (services: AuthServices, token: string): Promise<Authenticated | undefined> => {
  const claims = await services.verifyAccessToken(token, services.clock());
  if (!claims) return undefined;
  const key = `${claims.sub}:${claims.sid}`;
  let snapshot: PrincipalSnapshot | undefined = services.principalCache.get(key);
  if (snapshot === undefined) {
    const session = await services.sessions.getLive(claims.sub, claims.sid);
    const user = session
      ? await services.users.load(claims.pid, claims.sub).catch(() => undefined)
      : undefined;
    snapshot =
      user?.status === 'active' ? { email: user.email, roles: user.roles, productId: user.productId } : null;
    services.principalCache.set(key, snapshot);
  }
  if (!snapshot) return undefined;
  // A shadow token never carries admin rights, even when its user has become an admin since it was issued.
  if (claims.impersonatedBy && isAdminRole(snapshot.roles)) return undefined;
  services.sessions.touch(claims.sub, claims.sid);
  const principal: Principal = {
    kind: 'user',
    userId: claims.sub,
    email: snapshot.email,
    roles: snapshot.roles,
    productId: snapshot.productId,
    sessionId: claims.sid,
    ...(claims.impersonatedBy ? { impersonatedBy: claims.impersonatedBy } : {}),
  };
  return { principal, productId: snapshot.productId };
};

/** A `blt_` API token that is live, else undefined; its last use is recorded. */
const fromApiToken = async (services: AuthServices, token: string): Promise<Authenticated | undefined> => {
  const doc = await services.tokens.resolve(token);
  if (!doc) return undefined;
  await services.tokens.touch(doc);
  const principal: Principal = {
    kind: 'apiToken',
    userId: doc.createdBy,
    email: doc.createdByEmail,
    roles: [doc.role],
    productId: doc.productId,
    tokenId: doc.id,
  };
  return { principal, productId: doc.productId };
};

/**
 * Who an `Authorization` header names: a JWT access token or a `blt_` API token, checked against its session
 * or token document. Undefined when there is no bearer or it is invalid, expired or revoked: the caller is
 * then anonymous, so a client holding a stale access token can still call auth.refresh or auth.login.
 */
export const authenticateRequest = async (
  services: AuthServices,
  authorization: string | undefined,
): Promise<Authenticated | undefined> => {
  const bearer = authorization?.match(BEARER)?.[1];
  if (!bearer) return undefined;
  return bearer.startsWith(API_TOKEN_PREFIX) ? fromApiToken(services, bearer) : fromJwt(services, bearer);
};
