import { defineModule } from '../../module';
import type { AuditService } from '../audit/service';
import type { ProductsService } from '../products/service';
import type { SessionsService } from '../sessions/service';
import type { TokensService } from '../tokens/service';
import type { UsersService } from '../users/service';
import { createSystemService } from './service';

type Needs = {
  users: UsersService;
  products: ProductsService;
  tokens: TokensService;
  sessions: SessionsService;
  audit: AuditService;
};

/** The console's overview counts. */
export const systemModule = defineModule({
  name: 'system',
  create: ({ clock }, needs: Needs) => ({ service: createSystemService({ clock, ...needs }) }),
});
