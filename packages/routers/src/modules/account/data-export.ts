import type { Clock } from '@bytelyst/db/document-store';
import type { Subscriber } from '@bytelyst/events/bus';
import { causedBy } from '../../lib/caused-by';
import { DAY_MS } from '../../lib/time';
import type { DeliveryModuleService } from '../delivery/module';
import { DOWNLOAD_URL_SECONDS } from '../exports/config';
import type { ExportsModuleService } from '../exports/module';
import type { JobDoc } from '../exports/repository';
import type { Requester } from '../exports/service';
import { USER_DATA_TYPE } from '../exports/user-data';
import { sendAccountNotice } from './mails';
import type { TDataExport } from './schema';

/** The mailed link works for at most this long (the file itself goes after 7 days). */
const MAILED_LINK_MS = 7 * DAY_MS;

/**
 * "Download my data" over the exports machinery: the job, its worker, progress, blob storage, the signed URL
 * and the 7-day cleanup are the exports module's; this keeps a user to their own exports and mails the link.
 */
export const createAccountDataExports = (deps: {
  exports: Pick<ExportsModuleService, 'requestUserData' | 'userData'>;
  delivery: Pick<DeliveryModuleService, 'send'>;
  clock: Clock;
}) => {
  const { userData } = deps.exports;

  const present = async (job: JobDoc): Promise<TDataExport> => {
    const link = await userData.downloadUrl(job, DOWNLOAD_URL_SECONDS);
    return {
      id: job.id,
      status: job.status,
      processed: job.processed,
      estimatedTotal: job.estimatedTotal,
      fileName: job.file?.fileName ?? null,
      size: job.file?.size ?? null,
      error: job.error,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
      fileExpiresAt: job.fileExpiresAt,
      downloadUrl: link?.url ?? null,
      downloadUrlExpiresAt: link ? new Date(deps.clock() + DOWNLOAD_URL_SECONDS * 1000).toISOString() : null,
    };
  };

  const readyMail: Subscriber<'export.completed'> = {
    name: 'account.data-export-ready-mail',
    events: ['export.completed'],
    description: 'Mails the user a signed link to their data export once it is ready.',
    handle: async (event, ctx) => {
      if (event.data.type !== USER_DATA_TYPE) return;
      const job = await userData.find(event.productId, event.data.jobId);
      if (!job?.fileExpiresAt) return;
      const until = Math.min(Date.parse(job.fileExpiresAt) - deps.clock(), MAILED_LINK_MS);
      const link = await userData.downloadUrl(job, Math.max(60, Math.floor(until / 1000)));
      if (!link) return;
      await sendAccountNotice(
        deps.delivery,
        {
          productId: event.productId,
          userId: job.createdBy,
          notice: 'data_export_ready',
          detail: `${job.fileExpiresAt.slice(0, 10)} (UTC)`,
          actionUrl: link.url,
          idempotencyKey: ctx.idempotencyKey,
        },
        { actorId: null, causedBy: causedBy(event, ctx) },
      );
    },
  };

  return {
    subscribers: [readyMail],
    request: async (productId: string, requester: Requester) => {
      const job = await deps.exports.requestUserData(productId, requester);
      return present(await userData.get(productId, requester.userId, job.id));
    },
    get: async (productId: string, userId: string, id: string) =>
      present(await userData.get(productId, userId, id)),
    async list(productId: string, userId: string, page: { limit?: number; cursor?: string }) {
      const found = await userData.list(productId, userId, page.limit ?? 10, page.cursor);
      return { items: await Promise.all(found.items.map(present)), nextCursor: found.nextCursor };
    },
  };
};

export type AccountDataExports = ReturnType<typeof createAccountDataExports>;
