/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Note, Paragraph, Title } from '../layout';
import { durationOf, ENGLISH, greetingOf, type Translate } from '../messages';

export const ZVerifyEmailSenderProps = z.object({
  template: z.literal('verify-email'),
  name: ZPersonName.optional(),
  email: z.email(),
  verifyUrl: ZLinkUrl,
  expiresInMinutes: z.number().int().positive(),
});
export const ZVerifyEmailProps = ZVerifyEmailSenderProps.extend(ZTransactionalShared.shape);
export type TVerifyEmailProps = z.infer<typeof ZVerifyEmailProps>;

export const verifyEmailSubject = (props: TVerifyEmailProps, t: Translate = ENGLISH) =>
  t('email.verifyEmail.subject', { productName: props.brand.productName });

export const verifyEmailMeta: TemplateMeta<TVerifyEmailProps> = {
  title: 'Verify email',
  description: 'Confirms that the address given at sign-up or in settings belongs to the user.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.verifyEmail.reason', { email: props.email, productName: props.brand.productName }),
};

export const verifyEmailPreviewProps: TVerifyEmailProps = {
  template: 'verify-email',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  verifyUrl: 'https://app.lysnrai.com/verify-email?token=ve_9a1f07c3b2',
  expiresInMinutes: 1440,
};

export function VerifyEmailEmail({ t = ENGLISH, ...props }: TVerifyEmailProps & { t?: Translate }) {
  const expiry = durationOf(t, props.expiresInMinutes);
  const args = { email: props.email, productName: props.brand.productName };
  return (
    <EmailLayout
      preview={t('email.verifyEmail.preview', args)}
      brand={props.brand}
      reason={verifyEmailMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.verifyEmail.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.verifyEmail.body', args)}</Paragraph>
      <CallToAction href={props.verifyUrl} brand={props.brand}>
        {t('email.verifyEmail.cta')}
      </CallToAction>
      <Note>{t('email.verifyEmail.note', { expiry })}</Note>
    </EmailLayout>
  );
}
