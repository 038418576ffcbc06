/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { AccentLink, CallToAction, EmailLayout, Note, Paragraph, Title, withLink } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

/** How long the confirmation link works (the status module's CONFIRM_TTL_MS). */
export const STATUS_CONFIRM_HOURS = 48;

export const ZStatusSubscriptionConfirmSenderProps = z.object({
  template: z.literal('status-subscription-confirm'),
  email: z.email(),
  /** The console's confirm page with the one-time token; opening it asks before it confirms. */
  confirmUrl: ZLinkUrl,
  /** The public status page. */
  statusPageUrl: ZLinkUrl,
});
export const ZStatusSubscriptionConfirmProps = ZStatusSubscriptionConfirmSenderProps.extend(
  ZTransactionalShared.shape,
);
export type TStatusSubscriptionConfirmProps = z.infer<typeof ZStatusSubscriptionConfirmProps>;

export const statusSubscriptionConfirmSubject = (
  props: TStatusSubscriptionConfirmProps,
  t: Translate = ENGLISH,
) => t('email.statusSubscriptionConfirm.subject', { productName: props.brand.productName });

export const statusSubscriptionConfirmMeta: TemplateMeta<TStatusSubscriptionConfirmProps> = {
  title: 'Status subscription confirmation',
  description:
    'The double opt-in of the status page: asks the address given on /status to confirm before any incident or maintenance notice is mailed to it.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.statusSubscriptionConfirm.reason', { email: props.email, productName: props.brand.productName }),
};

export const statusSubscriptionConfirmPreviewProps: TStatusSubscriptionConfirmProps = {
  template: 'status-subscription-confirm',
  brand: PREVIEW_BRAND,
  email: 'ada@example.com',
  confirmUrl: 'https://console.lysnrai.com/status/confirm?token=stc_5Rk2Qm8Vz1',
  statusPageUrl: 'https://console.lysnrai.com/status?product=lysnrai',
};

export function StatusSubscriptionConfirmEmail({
  t = ENGLISH,
  ...props
}: TStatusSubscriptionConfirmProps & { t?: Translate }) {
  const args = { email: props.email, productName: props.brand.productName };
  return (
    <EmailLayout
      preview={t('email.statusSubscriptionConfirm.preview', args)}
      brand={props.brand}
      reason={statusSubscriptionConfirmMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.statusSubscriptionConfirm.title')}</Title>
      <Paragraph>{greetingOf(t, undefined)}</Paragraph>
      <Paragraph>{t('email.statusSubscriptionConfirm.body', args)}</Paragraph>
      <CallToAction href={props.confirmUrl} brand={props.brand}>
        {t('email.statusSubscriptionConfirm.cta')}
      </CallToAction>
      <Paragraph>
        {withLink(
          t,
          'email.statusSubscriptionConfirm.statusPage',
          {},
          'statusPageLink',
          <AccentLink href={props.statusPageUrl} brand={props.brand}>
            {t('email.statusSubscriptionConfirm.statusPageLink', args)}
          </AccentLink>,
        )}
      </Paragraph>
      <Note>{t('email.statusSubscriptionConfirm.note', { hours: STATUS_CONFIRM_HOURS })}</Note>
    </EmailLayout>
  );
}
