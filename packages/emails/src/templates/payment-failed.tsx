/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, formatMoney, ZCurrency, ZInstant, ZPersonName } from '../fields';
import { AccentLink, CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

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

export const paymentFailedSubject = (props: TPaymentFailedProps) =>
  `Your ${props.brand.productName} payment of ${formatMoney(props.amountMinor, props.currency)} failed`;

export const paymentFailedMeta: TemplateMeta<TPaymentFailedProps> = {
  title: 'Payment failed',
  description: 'A subscription charge was declined; asks for a new payment method before access lapses.',
  transactional: true,
  reason: (props) =>
    `You received this email because a payment for your ${props.brand.productName} subscription (${props.email}) did not go through.`,
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

export function PaymentFailedEmail(props: TPaymentFailedProps) {
  const amount = formatMoney(props.amountMinor, props.currency);
  const rows: Array<[string, string]> = [
    ['Plan', props.planName],
    ['Amount', amount],
  ];
  if (props.nextRetryAt !== undefined) rows.push(['Next attempt', formatDate(props.nextRetryAt)]);
  return (
    <EmailLayout
      preview={`We could not charge ${amount} for your ${props.planName} plan.`}
      brand={props.brand}
      reason={paymentFailedMeta.reason(props)}
    >
      <Title>Your payment failed</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        We could not charge your payment method for your {props.brand.productName} {props.planName}{' '}
        subscription. Please update your payment details to keep your access.
      </Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.updatePaymentUrl} brand={props.brand}>
        Update payment method
      </CallToAction>
      {props.nextRetryAt === undefined ? (
        <Note>We will not retry this payment automatically.</Note>
      ) : (
        <Note>
          We will try again on {formatDate(props.nextRetryAt)}. Updating your payment method before then
          avoids any interruption.
        </Note>
      )}
      {props.invoiceUrl !== undefined && (
        <Note>
          <AccentLink href={props.invoiceUrl} brand={props.brand}>
            View the invoice
          </AccentLink>
        </Note>
      )}
    </EmailLayout>
  );
}
