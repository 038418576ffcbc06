/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, formatMoney, ZCurrency, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZDunningDowngradedSenderProps = z.object({
  template: z.literal('dunning-downgraded'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** The unpaid amount, in the currency's minor unit. */
  amountMinor: z.number().int().positive(),
  currency: ZCurrency,
  /** The plan the account was on, and the one it is on now. */
  fromPlanName: z.string().trim().min(1).max(60),
  toPlanName: z.string().trim().min(1).max(60),
  downgradedAt: ZInstant,
  /** Where the user subscribes again. */
  resubscribeUrl: ZLinkUrl,
});
export const ZDunningDowngradedProps = ZDunningDowngradedSenderProps.extend(ZTransactionalShared.shape);
export type TDunningDowngradedProps = z.infer<typeof ZDunningDowngradedProps>;

export const dunningDowngradedSubject = (props: TDunningDowngradedProps, t: Translate = ENGLISH) =>
  t('email.dunningDowngraded.subject', {
    productName: props.brand.productName,
    toPlanName: props.toPlanName,
  });

export const dunningDowngradedMeta: TemplateMeta<TDunningDowngradedProps> = {
  title: 'Payment: downgraded',
  description:
    'Sent when the grace period after a failed payment ended unpaid and the account moved to the free plan.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.dunningDowngraded.reason', { productName: props.brand.productName, email: props.email }),
};

export const dunningDowngradedPreviewProps: TDunningDowngradedProps = {
  template: 'dunning-downgraded',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  amountMinor: 4900,
  currency: 'USD',
  fromPlanName: 'Pro',
  toPlanName: 'Free',
  downgradedAt: '2025-03-24T09:00:00Z',
  resubscribeUrl: 'https://app.lysnrai.com/settings/billing',
};

export function DunningDowngradedEmail({
  t = ENGLISH,
  ...props
}: TDunningDowngradedProps & { t?: Translate }) {
  const amount = formatMoney(props.amountMinor, props.currency);
  const args = {
    productName: props.brand.productName,
    fromPlanName: props.fromPlanName,
    toPlanName: props.toPlanName,
    amount,
    date: formatDate(props.downgradedAt),
  };
  const rows: Array<[string, string]> = [
    [t('email.dunningDowngraded.labelFrom'), props.fromPlanName],
    [t('email.dunningDowngraded.labelTo'), props.toPlanName],
    [t('email.dunningDowngraded.labelUnpaid'), amount],
  ];
  return (
    <EmailLayout
      preview={t('email.dunningDowngraded.preview', args)}
      brand={props.brand}
      reason={dunningDowngradedMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.dunningDowngraded.title', args)}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.dunningDowngraded.body', args)}</Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.resubscribeUrl} brand={props.brand}>
        {t('email.dunningDowngraded.cta', args)}
      </CallToAction>
      <Note>{t('email.dunningDowngraded.note')}</Note>
    </EmailLayout>
  );
}
