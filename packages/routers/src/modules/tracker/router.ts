import { router } from '../../trpc';

export const trackerRouter = router({});
