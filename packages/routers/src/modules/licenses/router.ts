import { router } from '../../trpc';

export const licensesRouter = router({});
