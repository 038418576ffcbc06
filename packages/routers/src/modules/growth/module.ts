import type { ModuleDeps } from '../../module-deps';
import { createInvitationsRepository } from './invitations/repository';
import { createInvitationsService } from './invitations/service';
import { referralConversionSubscriber } from './referrals/handlers';
import { createReferralsRepository } from './referrals/repository';
import { createReferralsService } from './referrals/service';
import { waitlistJoinedSubscriber } from './waitlist/handlers';
import { createWaitlistInviter } from './waitlist/invite';
import { createWaitlistReminderJob } from './waitlist/reminder-job';
import { createWaitlistRepository } from './waitlist/repository';
import { createWaitlistService } from './waitlist/service';

/** Growth (roadmap §1.1): invitation codes, referral links and the pre-launch waitlist. */
export const createGrowthModule = (deps: ModuleDeps) => {
  const { clock, bus } = deps;
  const invitations = createInvitationsService({ repo: createInvitationsRepository(deps.store), clock, bus });
  const referrals = createReferralsService({ repo: createReferralsRepository(deps.store), clock, bus });
  const waitlistRepo = createWaitlistRepository(deps.store);
  const entries = createWaitlistService({
    repo: waitlistRepo,
    clock,
    bus,
    trackReferral: (productId, code, email) =>
      referrals.track(productId, { code, email, source: 'waitlist' }),
  });
  const inviter = createWaitlistInviter({ repo: waitlistRepo, waitlist: entries, invitations, clock, bus });
  bus.subscribe(referralConversionSubscriber(referrals));
  bus.subscribe(waitlistJoinedSubscriber({ waitlist: entries, invitations }));
  deps.jobRegistry.register(createWaitlistReminderJob({ repo: waitlistRepo, bus }));
  return { invitations, referrals, waitlist: { ...entries, ...inviter } };
};

export type GrowthModule = ReturnType<typeof createGrowthModule>;
