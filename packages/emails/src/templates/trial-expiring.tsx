/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

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

export const trialExpiringSubject = (props: TTrialExpiringProps, t: Translate = ENGLISH) =>
  t('email.trialExpiring.subject', {
    productName: props.brand.productName,
    planName: props.planName,
    daysLeft: props.daysLeft,
  });

export const trialExpiringMeta: TemplateMeta<TTrialExpiringProps> = {
  title: 'Trial expiring',
  description: 'Reminder a few days before a trial ends (lifecycle mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props, t = ENGLISH) =>
    t('email.trialExpiring.reason', {
      productName: props.brand.productName,
      planName: props.planName,
      email: props.email,
    }),
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

export function TrialExpiringEmail({ t = ENGLISH, ...props }: TTrialExpiringProps & { t?: Translate }) {
  const endDate = formatDate(props.trialEndsAt);
  const args = { productName: props.brand.productName, planName: props.planName, endDate };
  return (
    <EmailLayout
      preview={t('email.trialExpiring.preview', args)}
      brand={props.brand}
      reason={trialExpiringMeta.reason(props, t)}
      unsubscribeUrl={props.unsubscribeUrl}
      t={t}
    >
      <Title>{t('email.trialExpiring.title', { daysLeft: props.daysLeft })}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.trialExpiring.body', args)}</Paragraph>
      <Details
        rows={[
          [t('email.trialExpiring.labelPlan'), props.planName],
          [t('email.trialExpiring.labelDaysLeft'), String(props.daysLeft)],
          [t('email.trialExpiring.labelTrialEnds'), endDate],
        ]}
      />
      <CallToAction href={props.upgradeUrl} brand={props.brand}>
        {t('email.trialExpiring.cta', args)}
      </CallToAction>
      <Note>{t('email.trialExpiring.note', args)}</Note>
    </EmailLayout>
  );
}
