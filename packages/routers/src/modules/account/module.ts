import { defineModule } from '../../module';
import { DEFAULT_IDENTITY_CONFIG } from '../auth/config';
import { createOneTimeTokens } from '../auth/one-time-tokens';
import type { DeliveryModuleService } from '../delivery/module';
import type { ExportsModuleService } from '../exports/module';
import type { SessionsService } from '../sessions/service';
import type { UsersService } from '../users/service';
import { consolePage, DEFAULT_ACCOUNT_CONFIG } from './config';
import { ACCOUNT_CONTAINERS } from './containers';
import { createAccountDataExports } from './data-export';
import { createAccountDeletion } from './deletion';
import { createAccountProfile } from './service';

type Needs = {
  users: UsersService;
  sessions: SessionsService;
  delivery: DeliveryModuleService;
  exports: ExportsModuleService;
};

/**
 * The signed-in user's own account (roadmap §1.4 user-dashboard): profile, password and address changes,
 * "download my data" through the exports machinery, and "delete my account" with a grace period.
 */
export const accountModule = defineModule({
  name: 'account',
  containers: ACCOUNT_CONTAINERS,
  create: ({ store, clock, bus, config }, needs: Needs) => {
    const identity = config.identity ?? DEFAULT_IDENTITY_CONFIG;
    const profile = createAccountProfile({
      users: needs.users,
      sessions: needs.sessions,
      delivery: needs.delivery,
      bus,
      clock,
      tokens: createOneTimeTokens(store, ACCOUNT_CONTAINERS.emailChangeTokens.name, 'ec', clock),
      confirmEmailChangeUrl: consolePage(identity.emailVerifyUrlBase, 'confirm-email-change'),
      deletionScheduledFor: (productId, userId) => deletion.scheduledFor(productId, userId),
    });
    const deletion = createAccountDeletion({
      store,
      users: needs.users,
      delivery: needs.delivery,
      bus,
      clock,
      graceDays: (config.account ?? DEFAULT_ACCOUNT_CONFIG).deletionGraceDays,
      accountUrl: consolePage(identity.emailVerifyUrlBase, 'account'),
      proven: profile.proven,
    });
    const dataExports = createAccountDataExports({
      exports: needs.exports,
      delivery: needs.delivery,
      clock,
    });
    return {
      service: { ...profile, deletion, dataExports },
      subscribers: [...deletion.subscribers, ...dataExports.subscribers],
      jobs: [deletion.job],
    };
  },
});
