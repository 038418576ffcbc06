import { AppError } from './app-error';
import { toTRPCError } from './errors';
import { authenticateRequest, type Principal } from './modules/auth/authenticate';
import { type TProduct, ZProductId } from './modules/products/schema';
import type { Services } from './services';

export type { Principal };

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

/**
 * Builds the per-request context: authenticates the bearer through the auth module (JWT access token or
 * `blt_` API token: modules/auth/authenticate.ts), then resolves the product (x-product-id header > API
 * token's > JWT's > default) and refuses cross-product use.
 * An invalid, expired or revoked bearer leaves the caller anonymous (protected procedures then answer 401),
 * so a client holding a stale access token can still call auth.refresh or auth.login.
 */
export const createContextFactory = (services: Services) => {
  const build = async (req: ContextRequest): Promise<Context> => {
    const auth = await authenticateRequest(services, header(req, 'authorization'));
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
