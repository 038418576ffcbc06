import { defineModule } from '../../module';
import type { BillingService } from '../billing/module';
import type { UsersService } from '../users/service';
import { createActivationService } from './activation';
import { LICENSES_CONTAINERS } from './containers';
import { createLicenseExpiryJob } from './expiry-job';
import { createLicensesRepository } from './repository';
import { createLicensesService } from './service';

/** License keys: admin management, client activation and validation, and the daily expiry check. */
export const licensesModule = defineModule({
  name: 'licenses',
  containers: LICENSES_CONTAINERS,
  create: ({ store, clock, bus }, { billing, users }: { billing: BillingService; users: UsersService }) => {
    const repo = createLicensesRepository(store);
    const admin = createLicensesService({
      repo,
      entitlements: billing.entitlements,
      userExists: users.exists,
      clock,
      bus,
    });
    const clients = createActivationService({ repo, clock, bus });
    return { service: { ...admin, ...clients }, jobs: [createLicenseExpiryJob({ repo, bus })] };
  },
});
