import { AppError } from './app-error';
import { toTRPCError } from './errors';
import { verifyAccessToken } from './lib/jwt';
import type { PrincipalSnapshot } from './modules/auth/principal-cache';
import { type TProduct, ZProductId } from './modules/products/schema';
import { API_TOKEN_PREFIX } from './modules/tokens/service';
import type { TRole } from './modules/users/schema';
import type { Services } from './services';

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
};

export type Context = {
  services: Services;
  productId: string;
  /** The product this request resolved to (from a short cache: see ProductsService.find). */
  product: TProduct;
  principal: Principal | null;
  requestId: string;
  ip: string;
  userAgent: string;
};

export type ContextRequest = {
  headers: Record<string, string | string[] | undefined>;
  ip: string;
  requestId: string;
};

export const PRODUCT_HEADER = 'x-product-id';

const header = (req: ContextRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return (Array.isArray(value) ? value[0] : value)?.trim() || undefined;
};

const fail = (code: 'FORBIDDEN' | 'NOT_FOUND', message: string, path?: string) =>
  toTRPCError(new AppError(code, message, path ? { fields: [{ path, message }] } : undefined));

/** A bearer that resolves to a user session, or undefined when the token or session is not valid. */
const fromJwt = async (services: Services, token: string) => {
  const claims = await verifyAccessToken(services.config.jwtSecret, token, services.clock());
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
  const principal: Principal = {
    kind: 'user',
    userId: claims.sub,
    email: snapshot.email,
    roles: snapshot.roles,
    productId: snapshot.productId,
    sessionId: claims.sid,
  };
  return { principal, productId: snapshot.productId };
};

const fromApiToken = async (services: Services, token: string) => {
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
 * Builds the per-request context: authenticates the bearer (JWT access token or `blt_` API token), then
 * resolves the product (x-product-id header > API token's > JWT's > default) and refuses cross-product use.
 * An invalid, expired or revoked bearer leaves the caller anonymous (protected procedures then answer 401),
 * so a client holding a stale access token can still call auth.refresh or auth.login.
 */
export const createContextFactory = (services: Services) => {
  const build = async (req: ContextRequest): Promise<Context> => {
    const authorization = header(req, 'authorization');
    const bearer = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    let auth: { principal: Principal; productId: string } | undefined;
    if (bearer) {
      auth = bearer.startsWith(API_TOKEN_PREFIX)
        ? await fromApiToken(services, bearer)
        : await fromJwt(services, bearer);
    }
    const requested = header(req, PRODUCT_HEADER);
    if (requested !== undefined && !ZProductId.safeParse(requested).success) {
      throw toTRPCError(
        new AppError('BAD_REQUEST', `Malformed ${PRODUCT_HEADER} header`, {
          fields: [{ path: PRODUCT_HEADER, message: 'Expected a product slug' }],
        }),
      );
    }
    const productId = requested ?? auth?.productId ?? services.config.defaultProductId;
    const product: TProduct | undefined = await services.products.find(productId);
    if (!product) {
      throw requested
        ? fail('NOT_FOUND', `Unknown product '${requested}' in the ${PRODUCT_HEADER} header`, PRODUCT_HEADER)
        : fail('NOT_FOUND', `Product '${productId}' not found`);
    }
    const isSuperAdmin = auth?.principal.roles.includes('super_admin') ?? false;
    if (auth && auth.productId !== productId && !isSuperAdmin) {
      throw fail('FORBIDDEN', `These credentials belong to product '${auth.productId}', not '${productId}'`);
    }
    if (product.status === 'disabled' && !isSuperAdmin) {
      throw fail('FORBIDDEN', `Product '${productId}' is disabled`);
    }
    return {
      services,
      productId,
      product,
      principal: auth?.principal ?? null,
      requestId: req.requestId,
      ip: req.ip,
      userAgent: header(req, 'user-agent') ?? '',
    };
  };
  return async (req: ContextRequest): Promise<Context> => {
    try {
      return await build(req);
    } catch (error) {
      // Store failures while resolving become their mapped error (e.g. 503), never a raw 500.
      throw toTRPCError(error);
    }
  };
};
