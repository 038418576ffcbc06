import { router } from '../../trpc';
import { commentsRouter } from './comments/router';
import { itemsRouter } from './items/router';
import { votesRouter } from './votes/router';

export const trackerRouter = router({
  items: itemsRouter,
  comments: commentsRouter,
  votes: votesRouter,
});
