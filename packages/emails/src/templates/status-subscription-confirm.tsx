/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { AccentLink, CallToAction, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

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

export const statusSubscriptionConfirmSubject = (props: TStatusSubscriptionConfirmProps) =>
  `Confirm your subscription to ${props.brand.productName} status updates`;

export const statusSubscriptionConfirmMeta: TemplateMeta<TStatusSubscriptionConfirmProps> = {
  title: 'Status subscription confirmation',
  description:
    'The double opt-in of the status page: asks the address given on /status to confirm before any incident or maintenance notice is mailed to it.',
  transactional: true,
  reason: (props) =>
    `You received this email because ${props.email} was entered on the ${props.brand.productName} status page to receive updates.`,
};

export const statusSubscriptionConfirmPreviewProps: TStatusSubscriptionConfirmProps = {
  template: 'status-subscription-confirm',
  brand: PREVIEW_BRAND,
  email: 'ada@example.com',
  confirmUrl: 'https://console.lysnrai.com/status/confirm?token=stc_5Rk2Qm8Vz1',
  statusPageUrl: 'https://console.lysnrai.com/status?product=lysnrai',
};

export function StatusSubscriptionConfirmEmail(props: TStatusSubscriptionConfirmProps) {
  const product = props.brand.productName;
  return (
    <EmailLayout
      preview={`Confirm that ${props.email} should get ${product} incident and maintenance notices.`}
      brand={props.brand}
      reason={statusSubscriptionConfirmMeta.reason(props)}
    >
      <Title>Confirm your status subscription</Title>
      <Paragraph>{greeting(undefined)}</Paragraph>
      <Paragraph>
        Someone asked for {product} incident and maintenance notices to be sent to {props.email}. Confirm and
        we will email you when an incident is opened, updated or resolved, and when maintenance is scheduled,
        starts or ends.
      </Paragraph>
      <CallToAction href={props.confirmUrl} brand={props.brand}>
        Confirm subscription
      </CallToAction>
      <Paragraph>
        The current status is always on the{' '}
        <AccentLink href={props.statusPageUrl} brand={props.brand}>
          {product} status page
        </AccentLink>
        .
      </Paragraph>
      <Note>
        This link works for {STATUS_CONFIRM_HOURS} hours. If you did not ask for this, ignore this email:
        nothing is sent to you unless you confirm.
      </Note>
    </EmailLayout>
  );
}
