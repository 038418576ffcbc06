import { router } from '../../../trpc';

export const stripeRouter = router({});
