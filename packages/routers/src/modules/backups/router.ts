import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router, superAdminProcedure } from '../../trpc';
import type { TRole } from '../users/schema';
import {
  ZBackupIdInput,
  ZBackupJob,
  ZBackupListInput,
  ZBackupListOutput,
  ZBackupPolicy,
  ZRestoreInput,
  ZRestoreOutput,
} from './schema';

const tag = 'backups';
const targetType = 'backup';

const requester = (ctx: {
  principal: { userId: string; email: string; roles: TRole[]; tokenId?: string };
  requestId: string;
  ip: string;
  productId: string;
}) => ({
  userId: ctx.principal.userId,
  email: ctx.principal.email,
  roles: ctx.principal.roles,
  tokenId: ctx.principal.tokenId ?? null,
  requestId: ctx.requestId,
  ip: ctx.ip,
  productId: ctx.productId,
});

export const backupsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/backups', {
        tag,
        summary: 'Backups, verifications and restores, newest first',
        description:
          'Platform-wide (every product). Each has its status, progress per container, size, duration and, for a ' +
          'backup, its manifest and verification state (unverified, verifying, verified, failed).',
      }),
    )
    .input(ZBackupListInput)
    .output(ZBackupListOutput)
    .query(({ ctx, input }) => ctx.services.backups.list(input)),
  getPolicy: adminProcedure
    .meta(
      rest('GET', '/backups/policy', {
        tag,
        summary: 'Schedule, pruning, drivers, whether a restore may run now; on Cosmos the account and PITR',
      }),
    )
    .input(z.object({}).optional())
    .output(ZBackupPolicy)
    .query(({ ctx }) => ctx.services.backups.getPolicy()),
  get: adminProcedure
    .meta(
      rest('GET', '/backups/{id}', {
        tag,
        summary: 'One backup, verification or restore, with its progress',
      }),
    )
    .input(ZBackupIdInput)
    .output(ZBackupJob)
    .query(({ ctx, input }) => ctx.services.backups.get(input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/backups', {
        tag,
        summary: 'Back up every container now',
        description:
          'Runs in the background: each container is streamed as gzipped NDJSON into the `backups` blob ' +
          'container with a manifest (counts, SHA-256 per file, schema version). Follow it with GET ' +
          '/v1/backups/{id}. 409 (`restore_running`) while a restore runs.',
        targetType,
        successStatus: 202,
      }),
    )
    .input(z.object({}).optional())
    .output(ZBackupJob)
    .mutation(({ ctx }) => ctx.services.backups.create(requester(ctx))),
  verify: adminProcedure
    .meta(
      rest('POST', '/backups/{id}/verify', {
        tag,
        summary: "Check a backup's files against its manifest (checksums and counts) without restoring it",
        description:
          'Runs in the background as a verify job; the outcome is recorded on the backup (verified, or failed ' +
          'with each problem found).',
        targetType,
        successStatus: 202,
      }),
    )
    .input(ZBackupIdInput)
    .output(ZBackupJob)
    .mutation(({ ctx, input }) => ctx.services.backups.verify(input.id, requester(ctx))),
  restore: superAdminProcedure
    .meta(
      rest('POST', '/backups/{id}/restore', {
        tag,
        summary: 'Restore a backup (every container, or one), after its dry run',
        description:
          'super_admin only. `dryRun` (default true) answers what would be written and removed per container ' +
          'and why a restore would be refused now. A real restore empties each container in scope and refills ' +
          "it from the backup (each product's maintenance switch is kept as it is). Refused with 409 naming the " +
          'reason: `backup_not_verified`, `backup_busy` (another job runs), `maintenance_required` (every ' +
          'product must be in maintenance or emergency mode). Runs in the background; audited when it ends.',
        targetType,
      }),
    )
    .input(ZRestoreInput)
    .output(ZRestoreOutput)
    .mutation(({ ctx, input }) => ctx.services.backups.restore(input, requester(ctx))),
});
