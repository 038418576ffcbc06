import type { ModuleDeps } from '../../../module-deps';
import type { Entitlements } from '../entitlements';
import { productUsage } from './product-usage';
import { createUsageQuotaResetJob } from './quota-reset-job';
import { createUsageRepository } from './repository';
import type { TUsageProductInput } from './schema';
import { createUsageService } from './service';

/** Usage recording, daily counters and quota enforcement: wires its service and jobs. */
export const createUsagePart = (deps: ModuleDeps & { entitlements: Entitlements }) => {
  const repo = createUsageRepository(deps.store);
  const service = createUsageService({
    repo,
    entitlements: deps.entitlements,
    clock: deps.clock,
    bus: deps.bus,
    random: deps.random,
  });
  deps.jobRegistry.register(createUsageQuotaResetJob({ repo }));
  return {
    usage: {
      ...service,
      product: (productId: string, input: TUsageProductInput) =>
        productUsage({ repo, clock: deps.clock }, productId, input),
    },
  };
};
