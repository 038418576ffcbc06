import type { ModuleParts, PlatformDeps } from '../../../module';
import type { Entitlements } from '../entitlements';
import { productUsage } from './product-usage';
import { createUsageQuotaResetJob } from './quota-reset-job';
import { createUsageRepository } from './repository';
import type { TUsageProductInput } from './schema';
import { createUsageService } from './service';

/** Usage recording, daily counters and quota enforcement, as part of the billing module. */
export const buildUsage = (deps: PlatformDeps & { entitlements: Entitlements }) => {
  const repo = createUsageRepository(deps.store);
  const service = createUsageService({
    repo,
    entitlements: deps.entitlements,
    clock: deps.clock,
    bus: deps.bus,
    random: deps.random,
  });
  return {
    service: {
      usage: {
        ...service,
        product: (productId: string, input: TUsageProductInput) =>
          productUsage({ repo, clock: deps.clock }, productId, input),
      },
    },
    jobs: [createUsageQuotaResetJob({ repo })],
  } satisfies ModuleParts<unknown>;
};
