import { auditRouter } from './modules/audit/router';
import { authRouter } from './modules/auth/router';
import { eventsRouter } from './modules/events/router';
import { jobsRouter } from './modules/jobs/router';
import { productsRouter } from './modules/products/router';
import { systemRouter } from './modules/system/router';
import { tokensRouter } from './modules/tokens/router';
import { usersRouter } from './modules/users/router';
import { createCallerFactory, router } from './trpc';

/** The one place that gathers module routers. */
export const appRouter = router({
  auth: authRouter,
  users: usersRouter,
  products: productsRouter,
  tokens: tokensRouter,
  audit: auditRouter,
  events: eventsRouter,
  system: systemRouter,
  jobs: jobsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
