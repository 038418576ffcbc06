import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import { isAppError } from '../../app-error';
import { causedBy } from '../../lib/caused-by';
import { DAY_MS, isoNow } from '../../lib/time';
import type { DeliveryModuleService } from '../delivery/module';
import type { Actor } from '../users/rules';
import type { UsersService } from '../users/service';
import { ACCOUNT_CONTAINERS } from './containers';
import { sendAccountNotice } from './mails';

export type DeletionDoc = {
  /** The user's id. */
  id: string;
  productId: string;
  requestedAt: string;
  scheduledFor: string;
};

/** Who deletes an account whose grace period ended: the platform, through the admins' deletion path. */
export const ACCOUNT_DELETION_ACTOR: Actor = { userId: 'account-deletion', roles: ['super_admin'] };

const day = (iso: string) => `${iso.slice(0, 10)} (UTC)`;

export type AccountDeletionDeps = {
  store: DocumentStore;
  users: Pick<UsersService, 'delete'>;
  delivery: Pick<DeliveryModuleService, 'send'>;
  bus: EventBus;
  clock: Clock;
  graceDays: number;
  /** The account page, the "keep my account" link of the scheduled-deletion mail. */
  accountUrl: string;
  /** Checks the user's password (a 400 naming the field when wrong): deletion is asked for with it. */
  proven: (productId: string, userId: string, password: string, field: string) => Promise<unknown>;
};

/**
 * "Delete my account": a request schedules the deletion `graceDays` ahead and mails the user; cancelling, or
 * signing in before then, calls it off. The daily job deletes what is due through users.delete, so the
 * `user.deleted` subscribers of every module erase the user's documents.
 */
export const createAccountDeletion = (deps: AccountDeletionDeps) => {
  const { bus, clock } = deps;
  const docs = () => deps.store.container<DeletionDoc>(ACCOUNT_CONTAINERS.accountDeletions.name);

  const cancel = async (productId: string, userId: string, via: 'user' | 'login') => {
    const removed = await docs().delete(userId, productId, {
      outbox: bus.stage('account.deletion_cancelled', { userId, via }, { productId, actorId: userId }),
    });
    return removed;
  };

  const mailCancelled = (productId: string, userId: string, via: 'user' | 'login', key: string, cause = {}) =>
    sendAccountNotice(
      deps.delivery,
      {
        productId,
        userId,
        notice: 'deletion_cancelled',
        detail: via === 'login' ? 'you signed in' : 'you cancelled it',
        idempotencyKey: key,
      },
      { actorId: null, ...cause },
    );

  const loginCancels: Subscriber<'session.created'> = {
    name: 'account.deletion-cancel-on-login',
    events: ['session.created'],
    description:
      'A sign-in during the grace period calls off the scheduled deletion of the account, and says so.',
    handle: async (event, ctx) => {
      const { userId } = event.data;
      if (!(await docs().read(userId, event.productId))) return;
      if (!(await cancel(event.productId, userId, 'login'))) return;
      await mailCancelled(event.productId, userId, 'login', ctx.idempotencyKey, {
        causedBy: causedBy(event, ctx),
      });
    },
  };

  /** An admin deleted the user meanwhile: nothing left to schedule. */
  const forgetDeleted: Subscriber<'user.deleted'> = {
    name: 'account.deletion-forget',
    events: ['user.deleted'],
    description: "Drops a deleted user's scheduled deletion.",
    handle: async (event) => {
      await docs().delete(event.data.userId, event.productId);
    },
  };

  const job: JobDefinition = {
    name: 'account-deletions',
    cron: '45 3 * * *',
    timezone: 'UTC',
    description: 'Delete the accounts whose deletion grace period has ended',
    missedRunPolicy: 'once',
    timeoutMs: 30 * 60_000,
    async run(ctx) {
      const metrics = { due: 0, deleted: 0, failed: 0 };
      const nowIso = new Date(ctx.now()).toISOString();
      const { items } = await docs().query({ where: { scheduledFor: { lte: nowIso } }, limit: 500 });
      for (const doc of items) {
        if (ctx.signal.aborted) break;
        metrics.due += 1;
        try {
          await deps.users.delete(doc.productId, ACCOUNT_DELETION_ACTOR, doc.id).catch((error: unknown) => {
            // Deleted some other way since: only the schedule is left.
            if (!(isAppError(error) && error.code === 'NOT_FOUND')) throw error;
          });
          await docs().delete(doc.id, doc.productId);
          metrics.deleted += 1;
        } catch (error) {
          metrics.failed += 1;
          ctx.log('warn', `Could not delete account ${doc.id}`, { error: String(error) });
        }
      }
      return metrics;
    },
  };

  return {
    subscribers: [loginCancels, forgetDeleted],
    job,
    async scheduledFor(productId: string, userId: string): Promise<string | null> {
      return (await docs().read(userId, productId))?.scheduledFor ?? null;
    },
    /**
     * Schedules (or keeps) the deletion once the password proved it is the user, and mails the date; a repeated
     * request keeps the first date.
     */
    async request(productId: string, userId: string, password: string) {
      await deps.proven(productId, userId, password, 'password');
      const existing = await docs().read(userId, productId);
      if (existing) return { deletionScheduledFor: existing.scheduledFor };
      const now = clock();
      const doc: DeletionDoc = {
        id: userId,
        productId,
        requestedAt: isoNow(clock),
        scheduledFor: new Date(now + deps.graceDays * DAY_MS).toISOString(),
      };
      await docs().create(doc, {
        outbox: bus.stage(
          'account.deletion_scheduled',
          { userId, scheduledFor: doc.scheduledFor },
          { productId, actorId: userId },
        ),
      });
      await sendAccountNotice(deps.delivery, {
        productId,
        userId,
        notice: 'deletion_scheduled',
        detail: day(doc.scheduledFor),
        actionUrl: deps.accountUrl,
        idempotencyKey: `account-deletion:${userId}:${doc.requestedAt}`,
      });
      return { deletionScheduledFor: doc.scheduledFor };
    },
    async cancel(productId: string, userId: string) {
      if (await cancel(productId, userId, 'user')) {
        await mailCancelled(productId, userId, 'user', `account-deletion-cancelled:${userId}:${clock()}`);
      }
      return { deletionScheduledFor: null };
    },
  };
};

export type AccountDeletion = ReturnType<typeof createAccountDeletion>;
