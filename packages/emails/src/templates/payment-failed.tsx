/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, formatMoney, ZCurrency, ZInstant, ZPersonName } from '../fields';
import { AccentLink, CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZPaymentFailedSenderProps = z.object({
  template: z.literal('payment-failed'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** In the currency's minor unit (cents), as the payment provider reports it. */
  amountMinor: z.number().int().positive(),
  currency: ZCurrency,
  planName: z.string().trim().min(1).max(60),
  updatePaymentUrl: ZLinkUrl,
  invoiceUrl: ZLinkUrl.optional(),
  /** When the provider tries the card again; left out when it will not. */
  nextRetryAt: ZInstant.optional(),
});
export const ZPaymentFailedProps = ZPaymentFailedSenderProps.extend(ZTransactionalShared.shape);
export type TPaymentFailedProps = z.infer<typeof ZPaymentFailedProps>;

export const paymentFailedSubject = (props: TPaymentFailedProps, t: Translate = ENGLISH) =>
  t('email.paymentFailed.subject', {
    productName: props.brand.productName,
    amount: formatMoney(props.amountMinor, props.currency),
  });

export const paymentFailedMeta: TemplateMeta<TPaymentFailedProps> = {
  title: 'Payment failed',
  description: 'A subscription charge was declined; asks for a new payment method before access lapses.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.paymentFailed.reason', { productName: props.brand.productName, email: props.email }),
};

export const paymentFailedPreviewProps: TPaymentFailedProps = {
  template: 'payment-failed',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  amountMinor: 4900,
  currency: 'USD',
  planName: 'Pro',
  updatePaymentUrl: 'https://app.lysnrai.com/settings/billing',
  invoiceUrl: 'https://app.lysnrai.com/billing/invoices/in_1Q2w3E4r',
  nextRetryAt: '2025-03-17T09:00:00Z',
};

export function PaymentFailedEmail({ t = ENGLISH, ...props }: TPaymentFailedProps & { t?: Translate }) {
  const amount = formatMoney(props.amountMinor, props.currency);
  const args = { productName: props.brand.productName, planName: props.planName, amount };
  const rows: Array<[string, string]> = [
    [t('email.paymentFailed.labelPlan'), props.planName],
    [t('email.paymentFailed.labelAmount'), amount],
  ];
  if (props.nextRetryAt !== undefined) {
    rows.push([t('email.paymentFailed.labelNextAttempt'), formatDate(props.nextRetryAt)]);
  }
  return (
    <EmailLayout
      preview={t('email.paymentFailed.preview', args)}
      brand={props.brand}
      reason={paymentFailedMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.paymentFailed.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.paymentFailed.body', args)}</Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.updatePaymentUrl} brand={props.brand}>
        {t('email.paymentFailed.cta')}
      </CallToAction>
      {props.nextRetryAt === undefined ? (
        <Note>{t('email.paymentFailed.noRetry')}</Note>
      ) : (
        <Note>{t('email.paymentFailed.retry', { date: formatDate(props.nextRetryAt) })}</Note>
      )}
      {props.invoiceUrl !== undefined && (
        <Note>
          <AccentLink href={props.invoiceUrl} brand={props.brand}>
            {t('email.paymentFailed.invoiceLink')}
          </AccentLink>
        </Note>
      )}
    </EmailLayout>
  );
}
