/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDuration, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

export const ZVerifyEmailSenderProps = z.object({
  template: z.literal('verify-email'),
  name: ZPersonName.optional(),
  email: z.email(),
  verifyUrl: ZLinkUrl,
  expiresInMinutes: z.number().int().positive(),
});
export const ZVerifyEmailProps = ZVerifyEmailSenderProps.extend(ZTransactionalShared.shape);
export type TVerifyEmailProps = z.infer<typeof ZVerifyEmailProps>;

export const verifyEmailSubject = (props: TVerifyEmailProps) =>
  `Verify your email address for ${props.brand.productName}`;

export const verifyEmailMeta: TemplateMeta<TVerifyEmailProps> = {
  title: 'Verify email',
  description: 'Confirms that the address given at sign-up or in settings belongs to the user.',
  transactional: true,
  reason: (props) =>
    `You received this email because ${props.email} was entered as the address of a ${props.brand.productName} account.`,
};

export const verifyEmailPreviewProps: TVerifyEmailProps = {
  template: 'verify-email',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  verifyUrl: 'https://app.lysnrai.com/verify-email?token=ve_9a1f07c3b2',
  expiresInMinutes: 1440,
};

export function VerifyEmailEmail(props: TVerifyEmailProps) {
  const expiry = formatDuration(props.expiresInMinutes);
  return (
    <EmailLayout
      preview={`Confirm ${props.email} to finish setting up ${props.brand.productName}.`}
      brand={props.brand}
      reason={verifyEmailMeta.reason(props)}
    >
      <Title>Verify your email address</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        Please confirm that {props.email} is your email address so we can keep your {props.brand.productName}{' '}
        account secure and reach you about it.
      </Paragraph>
      <CallToAction href={props.verifyUrl} brand={props.brand}>
        Verify email address
      </CallToAction>
      <Note>This link expires in {expiry}. If you did not create an account, you can ignore this email.</Note>
    </EmailLayout>
  );
}
