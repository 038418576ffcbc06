import { defineModule } from '../../module';
import { GROWTH_CONTAINERS } from './containers';
import { createInvitationsRepository } from './invitations/repository';
import { createInvitationsService } from './invitations/service';
import { referralConversionSubscriber } from './referrals/handlers';
import { createReferralsRepository } from './referrals/repository';
import { createReferralsService } from './referrals/service';
import { waitlistExportRoute } from './waitlist/export-route';
import { waitlistJoinedSubscriber } from './waitlist/handlers';
import { createWaitlistInviter } from './waitlist/invite';
import { createWaitlistReminderJob } from './waitlist/reminder-job';
import { createWaitlistRepository } from './waitlist/repository';
import { createWaitlistService } from './waitlist/service';

/** Growth: invitation codes, referral links and the pre-launch waitlist. */
export const growthModule = defineModule({
  name: 'growth',
  containers: GROWTH_CONTAINERS,
  create: ({ store, clock, bus }) => {
    const invitations = createInvitationsService({ repo: createInvitationsRepository(store), clock, bus });
    const referrals = createReferralsService({ repo: createReferralsRepository(store), clock, bus });
    const waitlistRepo = createWaitlistRepository(store);
    const entries = createWaitlistService({
      repo: waitlistRepo,
      clock,
      bus,
      trackReferral: (productId, code, email) =>
        referrals.track(productId, { code, email, source: 'waitlist' }),
    });
    const inviter = createWaitlistInviter({ repo: waitlistRepo, waitlist: entries, invitations, clock, bus });
    const waitlist = { ...entries, ...inviter };
    return {
      service: { invitations, referrals, waitlist },
      subscribers: [
        referralConversionSubscriber(referrals),
        waitlistJoinedSubscriber({ waitlist: entries, invitations }),
      ],
      jobs: [createWaitlistReminderJob({ repo: waitlistRepo, bus })],
      routes: [waitlistExportRoute(waitlist)],
    };
  },
});

export type GrowthService = ReturnType<typeof growthModule.create>['service'];
