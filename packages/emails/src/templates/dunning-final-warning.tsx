/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, formatMoney, ZCurrency, ZInstant, ZPersonName } from '../fields';
import { AccentLink, CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZDunningFinalWarningSenderProps = z.object({
  template: z.literal('dunning-final-warning'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** In the currency's minor unit (cents), as the payment provider reports it. */
  amountMinor: z.number().int().positive(),
  currency: ZCurrency,
  planName: z.string().trim().min(1).max(60),
  /** The plan the account moves to when the grace period ends. */
  freePlanName: z.string().trim().min(1).max(60),
  /** When the grace period ends and the account is moved to the free plan. */
  downgradeAt: ZInstant,
  /** How many times the charge was declined so far. */
  attempts: z.number().int().min(1),
  updatePaymentUrl: ZLinkUrl,
  invoiceUrl: ZLinkUrl.optional(),
});
export const ZDunningFinalWarningProps = ZDunningFinalWarningSenderProps.extend(ZTransactionalShared.shape);
export type TDunningFinalWarningProps = z.infer<typeof ZDunningFinalWarningProps>;

export const dunningFinalWarningSubject = (props: TDunningFinalWarningProps, t: Translate = ENGLISH) =>
  t('email.dunningFinalWarning.subject', {
    productName: props.brand.productName,
    date: formatDate(props.downgradeAt),
  });

export const dunningFinalWarningMeta: TemplateMeta<TDunningFinalWarningProps> = {
  title: 'Payment: final warning',
  description:
    'Sent after the third declined charge of an invoice; names the date the account moves to the free plan.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.dunningFinalWarning.reason', { productName: props.brand.productName, email: props.email }),
};

export const dunningFinalWarningPreviewProps: TDunningFinalWarningProps = {
  template: 'dunning-final-warning',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  amountMinor: 4900,
  currency: 'USD',
  planName: 'Pro',
  freePlanName: 'Free',
  downgradeAt: '2025-03-24T09:00:00Z',
  attempts: 3,
  updatePaymentUrl: 'https://app.lysnrai.com/settings/billing',
  invoiceUrl: 'https://app.lysnrai.com/billing/invoices/in_1Q2w3E4r',
};

export function DunningFinalWarningEmail({
  t = ENGLISH,
  ...props
}: TDunningFinalWarningProps & { t?: Translate }) {
  const amount = formatMoney(props.amountMinor, props.currency);
  const date = formatDate(props.downgradeAt);
  const args = {
    productName: props.brand.productName,
    planName: props.planName,
    freePlanName: props.freePlanName,
    amount,
    date,
    attempts: props.attempts,
  };
  const rows: Array<[string, string]> = [
    [t('email.dunningFinalWarning.labelPlan'), props.planName],
    [t('email.dunningFinalWarning.labelAmount'), amount],
    [t('email.dunningFinalWarning.labelAttempts'), String(props.attempts)],
    [t('email.dunningFinalWarning.labelDowngrade'), date],
  ];
  return (
    <EmailLayout
      preview={t('email.dunningFinalWarning.preview', args)}
      brand={props.brand}
      reason={dunningFinalWarningMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.dunningFinalWarning.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.dunningFinalWarning.body', args)}</Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.updatePaymentUrl} brand={props.brand}>
        {t('email.dunningFinalWarning.cta')}
      </CallToAction>
      <Note>{t('email.dunningFinalWarning.note', args)}</Note>
      {props.invoiceUrl !== undefined && (
        <Note>
          <AccentLink href={props.invoiceUrl} brand={props.brand}>
            {t('email.dunningFinalWarning.invoiceLink')}
          </AccentLink>
        </Note>
      )}
    </EmailLayout>
  );
}
