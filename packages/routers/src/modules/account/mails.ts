import type { CausedBy } from '../../lib/caused-by';
import type { DeliveryModuleService } from '../delivery/module';

export type AccountNotice =
  | 'email_change'
  | 'email_changed'
  | 'deletion_scheduled'
  | 'deletion_cancelled'
  | 'data_export_ready';

/** Sends one `account-notice` mail to the user (or, with `to`, to another address of theirs). */
export const sendAccountNotice = (
  delivery: Pick<DeliveryModuleService, 'send'>,
  mail: {
    productId: string;
    userId: string;
    notice: AccountNotice;
    detail: string;
    actionUrl?: string;
    to?: string;
    idempotencyKey: string;
  },
  opts: { actorId: string | null; causedBy?: CausedBy } = { actorId: null },
) =>
  delivery.send(
    mail.productId,
    {
      userId: mail.userId,
      ...(mail.to ? { to: mail.to } : {}),
      template: 'account-notice',
      category: 'security',
      props: {
        notice: mail.notice,
        detail: mail.detail,
        ...(mail.actionUrl ? { actionUrl: mail.actionUrl } : {}),
      },
      idempotencyKey: mail.idempotencyKey,
    },
    // A link that works without signing in (the confirmation, the download) is kept sealed in the log.
    {
      ...opts,
      ...(mail.actionUrl && mail.notice !== 'deletion_scheduled' ? { sealProps: ['actionUrl'] } : {}),
    },
  );
