import type { MigrationDirection, MigrationDoc } from '@bytelyst/db/migrations/definition';
import type { MigrationRunner } from '@bytelyst/db/migrations/runner';
import { MigrationError } from '@bytelyst/db/migrations/runner-types';
import type { MigrationState } from '@bytelyst/db/migrations/state';
import { AppError } from '../../app-error';
import type { TRole } from '../users/schema';
import type { backupPolicyOf } from './config';
import type { TMigration, TMigrationList, TMigrationPreview } from './schema';

export type MigrationCaller = { id: string; email: string; roles: readonly TRole[] };

const toAppError = (error: unknown): unknown => {
  if (!(error instanceof MigrationError)) return error;
  switch (error.code) {
    case 'not_found':
      return new AppError('NOT_FOUND', error.message);
    case 'busy':
      return new AppError('CONFLICT', error.message, { reason: 'migrations_busy' });
    case 'approval_required':
      return new AppError('FORBIDDEN', error.message, { reason: 'approval_required' });
    case 'invalid':
      return new AppError('CONFLICT', error.message, { reason: 'not_applicable' });
    default:
      return new AppError('CONFLICT', error.message);
  }
};

const mapped = async <T>(work: () => Promise<T>): Promise<T> => {
  try {
    return await work();
  } catch (error) {
    throw toAppError(error);
  }
};

const toView = (state: MigrationState): TMigration => state;

/**
 * The operators' side of the migration runner: the list with its counts, dry runs, and the actions, with the
 * rules that are the API's rather than the runner's (who may approve, the backup precondition).
 */
export const createMigrationsService = (deps: {
  runner: MigrationRunner;
  backups: ReturnType<typeof backupPolicyOf>;
}) => {
  const { runner, backups } = deps;

  const list = async (): Promise<TMigrationList> => {
    const { items, lease } = await runner.list();
    const count = (status: TMigration['status']) => items.filter((item) => item.status === status).length;
    return {
      items: items.map(toView),
      counts: {
        applied: count('applied'),
        pending: count('pending') + count('running'),
        failed: count('failed'),
        awaitingApproval: count('pending_approval'),
        rolledBack: count('rolled_back'),
      },
      lease,
      backups: { mode: backups.mode, detail: backups.detail },
    };
  };

  const get = async (id: string): Promise<TMigration> => {
    const found = (await runner.list()).items.find((item) => item.id === id);
    if (!found) throw new AppError('NOT_FOUND', `Migration '${id}' is not registered`);
    return toView(found);
  };

  /** The backup precondition of running an irreversible migration; refuses with what is missing. */
  const confirmBackup = async (): Promise<string> => {
    const outcome = await backups.check();
    if (!outcome.ok) throw new AppError('PRECONDITION_FAILED', outcome.reason, { reason: 'backup_required' });
    return outcome.detail;
  };

  const after = async (id: string, doc: MigrationDoc | undefined): Promise<TMigration> =>
    doc ? get(id) : Promise.reject(new AppError('CONFLICT', `${id} was taken by another runner`));

  return {
    /** Start-up: applies what is pending under the lease (see the runner); never throws for a migration. */
    runPending: () => runner.runPending(),
    list,
    get,
    preview: (id: string, direction: MigrationDirection): Promise<TMigrationPreview> =>
      mapped(() => runner.preview(id, direction)),

    async approve(id: string, caller: MigrationCaller): Promise<TMigration> {
      if (!caller.roles.includes('super_admin')) {
        throw new AppError('FORBIDDEN', 'Only a super_admin can approve an irreversible migration');
      }
      // The state checks come first, so that an approval that could not run anyway says why.
      const current = await get(id);
      if (current.reversible) {
        throw new AppError('CONFLICT', `${id} is reversible: it never waits for approval`, {
          reason: 'not_applicable',
        });
      }
      if (current.status !== 'pending_approval') {
        throw new AppError('CONFLICT', `${id} is not awaiting approval (it is ${current.status})`);
      }
      const backup = await confirmBackup();
      return after(id, await mapped(() => runner.approve(id, caller, backup)));
    },

    async retry(id: string, caller: MigrationCaller): Promise<TMigration> {
      const current = await get(id);
      if (current.status !== 'failed' && current.status !== 'rolled_back') {
        throw new AppError(
          'CONFLICT',
          `Only a failed or rolled back migration is run again; ${id} is ${current.status}`,
        );
      }
      let backup: string | undefined;
      if (!current.reversible) {
        if (!caller.roles.includes('super_admin')) {
          throw new AppError('FORBIDDEN', `${id} is irreversible: only a super_admin can run it again`, {
            reason: 'approval_required',
          });
        }
        backup = await confirmBackup();
      }
      return after(id, await mapped(() => runner.retry(id, caller, backup === undefined ? {} : { backup })));
    },

    async rollback(id: string, caller: MigrationCaller): Promise<TMigration> {
      return after(id, await mapped(() => runner.rollback(id, caller)));
    },
  };
};

export type MigrationsService = ReturnType<typeof createMigrationsService>;
