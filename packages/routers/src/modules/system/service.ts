import type { Clock } from '@bytelyst/db/document-store';
import { DAY_SECONDS, isoIn, isoNow } from '../../lib/time';
import type { AuditService } from '../audit/service';
import type { ProductsService } from '../products/service';
import type { SessionsService } from '../sessions/service';
import type { TokensService } from '../tokens/service';
import type { UsersService } from '../users/service';
import type { TOverview } from './schema';

export const createSystemService = (deps: {
  clock: Clock;
  users: UsersService;
  products: ProductsService;
  tokens: TokensService;
  sessions: SessionsService;
  audit: AuditService;
}) => ({
  /** Counts for one product (products: all of them, the registry is platform-wide). */
  async overview(productId: string): Promise<TOverview> {
    const [users, products, tokens, sessions, auditLast24h] = await Promise.all([
      deps.users.count(productId),
      deps.products.count(),
      deps.tokens.countActive(productId),
      deps.sessions.countActive({ productId }),
      deps.audit.countSince(productId, isoIn(deps.clock, -DAY_SECONDS)),
    ]);
    return { productId, users, products, tokens, sessions, auditLast24h, at: isoNow(deps.clock) };
  },
});

export type SystemService = ReturnType<typeof createSystemService>;
