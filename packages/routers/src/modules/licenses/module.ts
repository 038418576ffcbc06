import type { ModuleDeps } from '../../module-deps';
import type { BillingModule } from '../billing/module';
import { createActivationService } from './activation';
import { createLicenseExpiryJob } from './expiry-job';
import { createLicensesRepository } from './repository';
import { createLicensesService } from './service';

/** License keys: admin management, client activation and validation, and the daily expiry check. */
export const createLicensesModule = (deps: ModuleDeps & { billing: BillingModule }) => {
  const repo = createLicensesRepository(deps.store);
  const admin = createLicensesService({
    repo,
    entitlements: deps.billing.entitlements,
    userExists: deps.userExists,
    clock: deps.clock,
    bus: deps.bus,
  });
  const clients = createActivationService({ repo, clock: deps.clock, bus: deps.bus });
  deps.jobRegistry.register(createLicenseExpiryJob({ repo, bus: deps.bus }));
  return { ...admin, ...clients };
};

export type LicensesModule = ReturnType<typeof createLicensesModule>;
