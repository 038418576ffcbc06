/**
 * The product a request names before it is authenticated (header, else the access token's payload, else the
 * default): which product's IP rules the first check consults.
 */
import type { FastifyRequest } from 'fastify';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const JWT = /^Bearer\s+[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+$/i;

const firstHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The product a request will run in, as far as it can be told before authentication: the header, else the
 * product an access token names (read, not verified: it only picks which product's deny list to consult
 * first; the rate-limit hook checks the product the request really resolved to), else the default.
 */
export const productBeforeAuth = (request: FastifyRequest, defaultProductId: string): string => {
  const header = firstHeader(request.headers['x-product-id'])?.trim();
  if (header) return SLUG.test(header) ? header : defaultProductId;
  const authorization = firstHeader(request.headers.authorization);
  if (authorization === undefined) return defaultProductId;
  // A client sends the same token until it refreshes it: its product is read from the token once.
  const known = TOKEN_PRODUCTS.get(authorization);
  if (known !== undefined) return known || defaultProductId;
  if (TOKEN_PRODUCTS.size >= TOKEN_PRODUCTS_MAX) TOKEN_PRODUCTS.clear();
  const named = productOfToken(authorization);
  TOKEN_PRODUCTS.set(authorization, named);
  return named || defaultProductId;
};

/** Tokens seen lately and the product each names ('' for none); cleared when full, a bounded cost per token. */
const TOKEN_PRODUCTS = new Map<string, string>();
const TOKEN_PRODUCTS_MAX = 10_000;

/** The product an access token's payload names, unverified; '' when it names none or is not a JWT. */
const productOfToken = (authorization: string): string => {
  const token = JWT.exec(authorization);
  if (!token?.[1]) return '';
  try {
    const { pid } = JSON.parse(Buffer.from(token[1], 'base64url').toString('utf8')) as { pid?: unknown };
    return typeof pid === 'string' && SLUG.test(pid) ? pid : '';
  } catch {
    // Not a JWT after all: the context will say so.
    return '';
  }
};
