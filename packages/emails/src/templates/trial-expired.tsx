/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, greeting, Paragraph, Title } from '../layout';

export const ZTrialExpiredSenderProps = z.object({
  template: z.literal('trial-expired'),
  name: ZPersonName.optional(),
  email: z.email(),
  planName: z.string().trim().min(1).max(60),
  trialEndedAt: ZInstant,
  upgradeUrl: ZLinkUrl,
});
export const ZTrialExpiredProps = ZTrialExpiredSenderProps.extend(ZEmailShared.shape);
export type TTrialExpiredProps = z.infer<typeof ZTrialExpiredProps>;

export const trialExpiredSubject = (props: TTrialExpiredProps) =>
  `Your ${props.brand.productName} ${props.planName} trial has ended`;

export const trialExpiredMeta: TemplateMeta<TTrialExpiredProps> = {
  title: 'Trial expired',
  description:
    'Sent when a trial has ended without an upgrade (lifecycle mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props) =>
    `You received this email because you tried ${props.brand.productName} ${props.planName} with ${props.email}.`,
};

export const trialExpiredPreviewProps: TTrialExpiredProps = {
  template: 'trial-expired',
  brand: PREVIEW_BRAND,
  unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL,
  name: 'Ada',
  email: 'ada@example.com',
  planName: 'Pro',
  trialEndedAt: '2025-03-17T23:59:59Z',
  upgradeUrl: 'https://app.lysnrai.com/settings/billing?plan=pro',
};

export function TrialExpiredEmail(props: TTrialExpiredProps) {
  return (
    <EmailLayout
      preview={`Upgrade to get your ${props.planName} features back.`}
      brand={props.brand}
      reason={trialExpiredMeta.reason(props)}
      unsubscribeUrl={props.unsubscribeUrl}
    >
      <Title>Your trial has ended</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        Your {props.brand.productName} {props.planName} trial ended on {formatDate(props.trialEndedAt)}.
        Upgrade to get your {props.planName} features back and pick up where you left off.
      </Paragraph>
      <CallToAction href={props.upgradeUrl} brand={props.brand}>
        Upgrade to {props.planName}
      </CallToAction>
    </EmailLayout>
  );
}
