/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

export const ZTrialExpiringSenderProps = z.object({
  template: z.literal('trial-expiring'),
  name: ZPersonName.optional(),
  email: z.email(),
  planName: z.string().trim().min(1).max(60),
  /** Whole days until `trialEndsAt`, as the sender counted them (0 = ends today). */
  daysLeft: z.number().int().min(0).max(365),
  trialEndsAt: ZInstant,
  upgradeUrl: ZLinkUrl,
});
export const ZTrialExpiringProps = ZTrialExpiringSenderProps.extend(ZEmailShared.shape);
export type TTrialExpiringProps = z.infer<typeof ZTrialExpiringProps>;

const inDays = (days: number) => {
  if (days === 0) return 'today';
  if (days === 1) return 'tomorrow';
  return `in ${days} days`;
};

export const trialExpiringSubject = (props: TTrialExpiringProps) =>
  `Your ${props.brand.productName} ${props.planName} trial ends ${inDays(props.daysLeft)}`;

export const trialExpiringMeta: TemplateMeta<TTrialExpiringProps> = {
  title: 'Trial expiring',
  description: 'Reminder a few days before a trial ends (lifecycle mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props) =>
    `You received this email because you started a ${props.brand.productName} ${props.planName} trial with ${props.email}.`,
};

export const trialExpiringPreviewProps: TTrialExpiringProps = {
  template: 'trial-expiring',
  brand: PREVIEW_BRAND,
  unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL,
  name: 'Ada',
  email: 'ada@example.com',
  planName: 'Pro',
  daysLeft: 3,
  trialEndsAt: '2025-03-17T23:59:59Z',
  upgradeUrl: 'https://app.lysnrai.com/settings/billing?plan=pro',
};

export function TrialExpiringEmail(props: TTrialExpiringProps) {
  const endDate = formatDate(props.trialEndsAt);
  return (
    <EmailLayout
      preview={`Your trial ends on ${endDate}. Upgrade to keep your ${props.planName} features.`}
      brand={props.brand}
      reason={trialExpiringMeta.reason(props)}
      unsubscribeUrl={props.unsubscribeUrl}
    >
      <Title>Your trial ends {inDays(props.daysLeft)}</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        Your {props.brand.productName} {props.planName} trial ends on {endDate}. Upgrade now to keep your{' '}
        {props.planName} features and everything you have set up.
      </Paragraph>
      <Details
        rows={[
          ['Plan', props.planName],
          ['Days left', String(props.daysLeft)],
          ['Trial ends', endDate],
        ]}
      />
      <CallToAction href={props.upgradeUrl} brand={props.brand}>
        Upgrade to {props.planName}
      </CallToAction>
      <Note>If you do not upgrade, the {props.planName} features stop when the trial ends.</Note>
    </EmailLayout>
  );
}
