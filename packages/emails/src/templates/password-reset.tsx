/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Note, Paragraph, Title } from '../layout';
import { durationOf, ENGLISH, greetingOf, type Translate } from '../messages';

export const ZPasswordResetSenderProps = z.object({
  template: z.literal('password-reset'),
  name: ZPersonName.optional(),
  email: z.email(),
  resetUrl: ZLinkUrl,
  /** How long the link in `resetUrl` stays valid; the mail states it. */
  expiresInMinutes: z.number().int().positive(),
});
export const ZPasswordResetProps = ZPasswordResetSenderProps.extend(ZTransactionalShared.shape);
export type TPasswordResetProps = z.infer<typeof ZPasswordResetProps>;

export const passwordResetSubject = (props: TPasswordResetProps, t: Translate = ENGLISH) =>
  t('email.passwordReset.subject', { productName: props.brand.productName });

export const passwordResetMeta: TemplateMeta<TPasswordResetProps> = {
  title: 'Password reset',
  description: 'A one-time link to choose a new password, sent when someone asks for it.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.passwordReset.reason', { email: props.email, productName: props.brand.productName }),
};

export const passwordResetPreviewProps: TPasswordResetProps = {
  template: 'password-reset',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  resetUrl: 'https://app.lysnrai.com/reset-password?token=rp_5c2e9d41a7',
  expiresInMinutes: 60,
};

export function PasswordResetEmail({ t = ENGLISH, ...props }: TPasswordResetProps & { t?: Translate }) {
  const expiry = durationOf(t, props.expiresInMinutes);
  return (
    <EmailLayout
      preview={t('email.passwordReset.preview', { expiry })}
      brand={props.brand}
      reason={passwordResetMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.passwordReset.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.passwordReset.body', { productName: props.brand.productName })}</Paragraph>
      <CallToAction href={props.resetUrl} brand={props.brand}>
        {t('email.passwordReset.cta')}
      </CallToAction>
      <Note>{t('email.passwordReset.expiry', { expiry })}</Note>
      <Note>{t('email.passwordReset.notRequested')}</Note>
    </EmailLayout>
  );
}
