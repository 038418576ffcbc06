import { router } from '../../trpc';

export const flagsRouter = router({});
