import { accountRouter } from './modules/account/router';
import { analyticsRouter } from './modules/analytics/router';
import { apiVersionsRouter } from './modules/api-versions/router';
import { avatarsRouter, releasesRouter } from './modules/assets/router';
import { auditRouter } from './modules/audit/router';
import { authRouter } from './modules/auth/router';
import { backupsRouter } from './modules/backups/router';
import { plansRouter, stripeRouter, subscriptionsRouter, usageRouter } from './modules/billing/router';
import { blobRouter } from './modules/blob/router';
import { changelogRouter } from './modules/changelog/router';
import { deliveryRouter } from './modules/delivery/router';
import { docsRouter } from './modules/docs/router';
import { dunningRouter } from './modules/dunning/router';
import { eventsRouter } from './modules/events/router';
import { experimentsRouter } from './modules/experiments/router';
import { exportsRouter } from './modules/exports/router';
import { feedbackRouter } from './modules/feedback/router';
import { flagsRouter } from './modules/flags/router';
import { invitationsRouter, referralsRouter, waitlistRouter } from './modules/growth/router';
import { i18nRouter } from './modules/i18n/router';
import { jobsRouter } from './modules/jobs/router';
import { licensesRouter } from './modules/licenses/router';
import { maintenanceRouter } from './modules/maintenance/router';
import { memoryRouter } from './modules/memory/router';
import { migrationsRouter } from './modules/migrations/router';
import { notificationsRouter } from './modules/notifications/router';
import { orgsRouter } from './modules/orgs/router';
import { productsRouter } from './modules/products/router';
import { promosRouter } from './modules/promos/router';
import { ratelimitRouter } from './modules/ratelimit/router';
import { retentionRouter } from './modules/retention/router';
import { roadmapRouter } from './modules/roadmap/router';
import { searchRouter } from './modules/search/router';
import { secretsRouter } from './modules/secrets/router';
import { sessionsRouter } from './modules/sessions/router';
import { settingsRouter } from './modules/settings/router';
import { ssoRouter } from './modules/sso/router';
import { statusRouter } from './modules/status/router';
import { systemRouter } from './modules/system/router';
import { telemetryRouter } from './modules/telemetry/router';
import { themesRouter } from './modules/themes/router';
import { tokensRouter } from './modules/tokens/router';
import { trackerRouter } from './modules/tracker/router';
import { usersRouter } from './modules/users/router';
import { webhooksRouter } from './modules/webhooks/router';
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
  plans: plansRouter,
  subscriptions: subscriptionsRouter,
  usage: usageRouter,
  stripe: stripeRouter,
  licenses: licensesRouter,
  invitations: invitationsRouter,
  referrals: referralsRouter,
  waitlist: waitlistRouter,
  flags: flagsRouter,
  settings: settingsRouter,
  telemetry: telemetryRouter,
  notifications: notificationsRouter,
  tracker: trackerRouter,
  blob: blobRouter,
  delivery: deliveryRouter,
  sso: ssoRouter,
  webhooks: webhooksRouter,
  sessions: sessionsRouter,
  maintenance: maintenanceRouter,
  status: statusRouter,
  ratelimit: ratelimitRouter,
  feedback: feedbackRouter,
  experiments: experimentsRouter,
  migrations: migrationsRouter,
  exports: exportsRouter,
  analytics: analyticsRouter,
  retention: retentionRouter,
  changelog: changelogRouter,
  roadmap: roadmapRouter,
  i18n: i18nRouter,
  apiVersions: apiVersionsRouter,
  themes: themesRouter,
  avatars: avatarsRouter,
  releases: releasesRouter,
  dunning: dunningRouter,
  promos: promosRouter,
  orgs: orgsRouter,
  backups: backupsRouter,
  search: searchRouter,
  memory: memoryRouter,
  docs: docsRouter,
  account: accountRouter,
  secrets: secretsRouter,
});

export type AppRouter = typeof appRouter;

export const createCaller = createCallerFactory(appRouter);
