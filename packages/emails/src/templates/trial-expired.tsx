/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

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

export const trialExpiredSubject = (props: TTrialExpiredProps, t: Translate = ENGLISH) =>
  t('email.trialExpired.subject', { productName: props.brand.productName, planName: props.planName });

export const trialExpiredMeta: TemplateMeta<TTrialExpiredProps> = {
  title: 'Trial expired',
  description:
    'Sent when a trial has ended without an upgrade (lifecycle mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props, t = ENGLISH) =>
    t('email.trialExpired.reason', {
      productName: props.brand.productName,
      planName: props.planName,
      email: props.email,
    }),
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

export function TrialExpiredEmail({ t = ENGLISH, ...props }: TTrialExpiredProps & { t?: Translate }) {
  const args = {
    productName: props.brand.productName,
    planName: props.planName,
    endDate: formatDate(props.trialEndedAt),
  };
  return (
    <EmailLayout
      preview={t('email.trialExpired.preview', args)}
      brand={props.brand}
      reason={trialExpiredMeta.reason(props, t)}
      unsubscribeUrl={props.unsubscribeUrl}
      t={t}
    >
      <Title>{t('email.trialExpired.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.trialExpired.body', args)}</Paragraph>
      <CallToAction href={props.upgradeUrl} brand={props.brand}>
        {t('email.trialExpired.cta', args)}
      </CallToAction>
    </EmailLayout>
  );
}
