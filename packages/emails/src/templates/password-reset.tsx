/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDuration, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

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

export const passwordResetSubject = (props: TPasswordResetProps) =>
  `Reset your ${props.brand.productName} password`;

export const passwordResetMeta: TemplateMeta<TPasswordResetProps> = {
  title: 'Password reset',
  description: 'A one-time link to choose a new password, sent when someone asks for it.',
  transactional: true,
  reason: (props) =>
    `You received this email because someone asked to reset the password of your ${props.brand.productName} account (${props.email}).`,
};

export const passwordResetPreviewProps: TPasswordResetProps = {
  template: 'password-reset',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  resetUrl: 'https://app.lysnrai.com/reset-password?token=rp_5c2e9d41a7',
  expiresInMinutes: 60,
};

export function PasswordResetEmail(props: TPasswordResetProps) {
  const expiry = formatDuration(props.expiresInMinutes);
  return (
    <EmailLayout
      preview={`This link expires in ${expiry}.`}
      brand={props.brand}
      reason={passwordResetMeta.reason(props)}
    >
      <Title>Reset your password</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        We received a request to reset the password for your {props.brand.productName} account. Choose a new
        password with the button below.
      </Paragraph>
      <CallToAction href={props.resetUrl} brand={props.brand}>
        Reset password
      </CallToAction>
      <Note>This link expires in {expiry} and can be used once.</Note>
      <Note>
        If you did not request a password reset, you can safely ignore this email: your password stays as it
        is.
      </Note>
    </EmailLayout>
  );
}
