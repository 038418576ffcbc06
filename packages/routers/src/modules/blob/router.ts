import { router } from '../../trpc';

export const blobRouter = router({});
