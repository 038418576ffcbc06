import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import { createLeaseManager } from '@bytelyst/db/leases';
import { createTtlCache } from './lib/ttl-cache';
import { createAuditRepository } from './modules/audit/repository';
import { createAuditService } from './modules/audit/service';
import { createAuthService } from './modules/auth/service';
import { createProductsRepository } from './modules/products/repository';
import { createProductsService } from './modules/products/service';
import { createSessionsRepository } from './modules/sessions/repository';
import { createSessionsService } from './modules/sessions/service';
import { createSystemService } from './modules/system/service';
import { createTokensRepository } from './modules/tokens/repository';
import { createTokensService } from './modules/tokens/service';
import { createUsersRepository } from './modules/users/repository';
import type { TRole } from './modules/users/schema';
import { createUsersService } from './modules/users/service';

export { bootstrapPlatform } from './bootstrap';

export type ServiceConfig = {
  jwtSecret: string;
  accessTokenTtlSeconds: number;
  sessionTtlDays: number;
  defaultProductId: string;
  /**
   * How long a verified session, user or API token is trusted without a store read (roadmap §2.7 risk 3):
   * a revocation made on another instance takes effect within this window; on this instance at once.
   */
  sessionCacheTtlMs?: number;
};

export type ServiceDeps = { store: DocumentStore; blob: BlobStore; clock: Clock; config: ServiceConfig };

/** What the request path remembers about a signed-in session for up to 30 s (roadmap §2.7 risk #3). */
export type PrincipalSnapshot = { email: string; roles: TRole[]; productId: string } | null;

/** Wires repositories and services over the given drivers; no module-level state, so tests build their own. */
export const createServices = (deps: ServiceDeps) => {
  const { store, clock, config } = deps;
  const cacheTtlMs = config.sessionCacheTtlMs ?? 30_000;
  const principalCache = createTtlCache<PrincipalSnapshot>({ ttlMs: cacheTtlMs, clock });
  const forget = (userId: string, sessionId?: string) =>
    principalCache.deletePrefix(sessionId ? `${userId}:${sessionId}` : `${userId}:`);

  const products = createProductsService({
    repo: createProductsRepository(store),
    clock,
    defaultProductId: config.defaultProductId,
  });
  const sessions = createSessionsService({
    repo: createSessionsRepository(store),
    clock,
    ttlDays: config.sessionTtlDays,
    onInvalidate: forget,
  });
  const tokens = createTokensService({ repo: createTokensRepository(store), clock, cacheTtlMs });
  const audit = createAuditService({ repo: createAuditRepository(store), clock });
  const users = createUsersService({
    repo: createUsersRepository(store),
    sessions,
    clock,
    deleteTokensOf: tokens.deleteCreatedBy,
    leases: createLeaseManager(store, { clock }),
    onInvalidate: (userId) => forget(userId),
  });
  const auth = createAuthService({
    users,
    sessions,
    products,
    clock,
    jwtSecret: config.jwtSecret,
    accessTokenTtlSeconds: config.accessTokenTtlSeconds,
  });
  const system = createSystemService({ clock, users, products, tokens, sessions, audit });

  return {
    store,
    blob: deps.blob,
    clock,
    config,
    principalCache,
    products,
    sessions,
    tokens,
    audit,
    users,
    auth,
    system,
  };
};

export type Services = ReturnType<typeof createServices>;
