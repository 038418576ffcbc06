import { router } from '../../trpc';

export const invitationsRouter = router({});
export const referralsRouter = router({});
export const waitlistRouter = router({});
