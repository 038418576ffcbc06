/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ACCOUNT_NOTICES = [
  'email_change',
  'email_changed',
  'deletion_scheduled',
  'deletion_cancelled',
  'data_export_ready',
] as const;

/** The account self-service mails: one layout, the case in `notice`, a button when there is a link. */
export const ZAccountNoticeSenderProps = z.object({
  template: z.literal('account-notice'),
  notice: z.enum(ACCOUNT_NOTICES),
  name: ZPersonName.optional(),
  email: z.email(),
  /** The new address, a date, or how a deletion was cancelled (as the body's case reads it). */
  detail: z.string().min(1).max(200),
  /** The confirmation, the account page, or the signed download. */
  actionUrl: ZLinkUrl.optional(),
});
export const ZAccountNoticeProps = ZAccountNoticeSenderProps.extend(ZTransactionalShared.shape);
export type TAccountNoticeProps = z.infer<typeof ZAccountNoticeProps>;

export const accountNoticeSubject = (props: TAccountNoticeProps, t: Translate = ENGLISH) =>
  t('email.accountNotice.subject', { productName: props.brand.productName, notice: props.notice });

export const accountNoticeMeta: TemplateMeta<TAccountNoticeProps> = {
  title: 'Account notice',
  description:
    'Self-service account changes: confirm a new address, address changed, deletion scheduled or cancelled, data export ready.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.accountNotice.reason', { email: props.email, productName: props.brand.productName }),
};

export const accountNoticePreviewProps: TAccountNoticeProps = {
  template: 'account-notice',
  brand: PREVIEW_BRAND,
  notice: 'data_export_ready',
  name: 'Ada',
  email: 'ada@example.com',
  detail: 'March 21, 2025',
  actionUrl: 'https://api.lysnrai.com/blobs/backups/lysnrai/exports/exp_1/1/user-data.json?sig=abc',
};

export function AccountNoticeEmail({ t = ENGLISH, ...props }: TAccountNoticeProps & { t?: Translate }) {
  const args = {
    notice: props.notice,
    productName: props.brand.productName,
    detail: props.detail,
    email: props.email,
  };
  return (
    <EmailLayout
      preview={t('email.accountNotice.preview', args)}
      brand={props.brand}
      reason={accountNoticeMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.accountNotice.title', args)}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.accountNotice.body', args)}</Paragraph>
      {props.actionUrl ? (
        <CallToAction href={props.actionUrl} brand={props.brand}>
          {t('email.accountNotice.cta', args)}
        </CallToAction>
      ) : null}
      <Note>{t('email.accountNotice.notYou', { supportEmail: props.brand.supportEmail })}</Note>
    </EmailLayout>
  );
}
