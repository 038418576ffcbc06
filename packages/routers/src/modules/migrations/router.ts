import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router, superAdminProcedure } from '../../trpc';
import type { TRole } from '../users/schema';
import {
  ZMigration,
  ZMigrationIdInput,
  ZMigrationList,
  ZMigrationPreview,
  ZMigrationPreviewInput,
} from './schema';

const tag = 'migrations';
const targetType = 'migration';
const caller = (principal: { userId: string; email: string; roles: TRole[] }) => ({
  id: principal.userId,
  email: principal.email,
  roles: principal.roles,
});

export const migrationsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/migrations', {
        tag,
        summary: 'Every migration with its status, duration and error, in version order',
        description:
          'Statuses: pending (not run; `waitingFor` names the earlier one it waits for), running, applied, failed, ' +
          'rolled_back, pending_approval (irreversible, waiting for a super_admin). Migrations are platform-wide.',
      }),
    )
    .input(z.object({}).optional())
    .output(ZMigrationList)
    .query(({ ctx }) => ctx.services.migrations.list()),
  get: adminProcedure
    .meta(
      rest('GET', '/migrations/{id}', { tag, summary: 'One migration with its status, duration and error' }),
    )
    .input(ZMigrationIdInput)
    .output(ZMigration)
    .query(({ ctx, input }) => ctx.services.migrations.get(input.id)),
  preview: adminProcedure
    .meta(
      rest('GET', '/migrations/{id}/dry-run', {
        tag,
        summary: 'Dry run: what a migration would write, per container, with sample ids',
        description:
          'Runs the migration (`direction` up, or down for a reversible one) against a store that records writes ' +
          'instead of making them. Nothing is written; `error` is what a real run would fail with.',
      }),
    )
    .input(ZMigrationPreviewInput)
    .output(ZMigrationPreview)
    .query(({ ctx, input }) => ctx.services.migrations.preview(input.id, input.direction)),
  approve: superAdminProcedure
    .meta(
      rest('POST', '/migrations/{id}/approve', {
        tag,
        summary: 'Approve an irreversible migration waiting for approval, and run it now',
        description:
          'super_admin only. Refused with 412 (`backup_required`) unless the backup check confirms a backup; ' +
          'with no backup facility configured that needs MIGRATIONS_BACKUPS_EXTERNAL=true. 409 while another ' +
          'instance runs migrations. Once it is applied, the migrations waiting behind it run too.',
        targetType,
      }),
    )
    .input(ZMigrationIdInput)
    .output(ZMigration)
    .mutation(({ ctx, input }) => ctx.services.migrations.approve(input.id, caller(ctx.principal))),
  retry: adminProcedure
    .meta(
      rest('POST', '/migrations/{id}/retry', {
        tag,
        summary: 'Run a failed or rolled back migration again',
        description:
          'Once it is applied, the migrations waiting behind it run too. An irreversible one needs a super_admin ' +
          'and the backup check, as its approval did.',
        targetType,
      }),
    )
    .input(ZMigrationIdInput)
    .output(ZMigration)
    .mutation(({ ctx, input }) => ctx.services.migrations.retry(input.id, caller(ctx.principal))),
  rollback: adminProcedure
    .meta(
      rest('POST', '/migrations/{id}/rollback', {
        tag,
        summary: 'Roll back an applied reversible migration with its down',
        description:
          'Only the latest applied migration can be rolled back (409 names the later one to roll back first).',
        targetType,
      }),
    )
    .input(ZMigrationIdInput)
    .output(ZMigration)
    .mutation(({ ctx, input }) => ctx.services.migrations.rollback(input.id, caller(ctx.principal))),
});
