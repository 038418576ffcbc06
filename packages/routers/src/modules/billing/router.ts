import { router } from '../../trpc';

export const plansRouter = router({});
export const subscriptionsRouter = router({});
export const usageRouter = router({});
export const stripeRouter = router({});
