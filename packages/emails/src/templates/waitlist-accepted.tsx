/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZWaitlistAcceptedSenderProps = z.object({
  template: z.literal('waitlist-accepted'),
  name: ZPersonName.optional(),
  email: z.email(),
  signUpUrl: ZLinkUrl,
  inviteCode: z.string().trim().min(4).max(40),
});
export const ZWaitlistAcceptedProps = ZWaitlistAcceptedSenderProps.extend(ZTransactionalShared.shape);
export type TWaitlistAcceptedProps = z.infer<typeof ZWaitlistAcceptedProps>;

export const waitlistAcceptedSubject = (props: TWaitlistAcceptedProps, t: Translate = ENGLISH) =>
  t('email.waitlistAccepted.subject', { productName: props.brand.productName });

export const waitlistAcceptedMeta: TemplateMeta<TWaitlistAcceptedProps> = {
  title: 'Waitlist accepted',
  description: 'Tells someone on the waitlist that their access is open, with their invite code.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.waitlistAccepted.reason', { email: props.email, productName: props.brand.productName }),
};

export const waitlistAcceptedPreviewProps: TWaitlistAcceptedProps = {
  template: 'waitlist-accepted',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  signUpUrl: 'https://app.lysnrai.com/sign-up?code=LYSNR-7Q4K-29XD',
  inviteCode: 'LYSNR-7Q4K-29XD',
};

export function WaitlistAcceptedEmail({ t = ENGLISH, ...props }: TWaitlistAcceptedProps & { t?: Translate }) {
  const productName = props.brand.productName;
  return (
    <EmailLayout
      preview={t('email.waitlistAccepted.preview', { productName })}
      brand={props.brand}
      reason={waitlistAcceptedMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.waitlistAccepted.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.waitlistAccepted.body', { productName })}</Paragraph>
      <Details rows={[[t('email.waitlistAccepted.labelInviteCode'), props.inviteCode]]} />
      <CallToAction href={props.signUpUrl} brand={props.brand}>
        {t('email.waitlistAccepted.cta')}
      </CallToAction>
      <Note>{t('email.waitlistAccepted.note')}</Note>
    </EmailLayout>
  );
}
