import type { ModuleDeps } from '../../module-deps';
import type { BillingModule } from '../billing/module';

export const createLicensesModule = (_deps: ModuleDeps & { billing: BillingModule }) => ({});
