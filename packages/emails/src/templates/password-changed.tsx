/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDateTime, ZInstant, ZPersonName } from '../fields';
import { AccentLink, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

export const ZPasswordChangedSenderProps = z.object({
  template: z.literal('password-changed'),
  name: ZPersonName.optional(),
  email: z.email(),
  changedAt: ZInstant,
  /** Where someone who did not change it goes: a fresh password reset, or account recovery. */
  secureAccountUrl: ZLinkUrl,
});
export const ZPasswordChangedProps = ZPasswordChangedSenderProps.extend(ZTransactionalShared.shape);
export type TPasswordChangedProps = z.infer<typeof ZPasswordChangedProps>;

export const passwordChangedSubject = (props: TPasswordChangedProps) =>
  `Your ${props.brand.productName} password was changed`;

export const passwordChangedMeta: TemplateMeta<TPasswordChangedProps> = {
  title: 'Password changed',
  description: 'Confirms a password change, so an owner who did not make it can react.',
  transactional: true,
  reason: (props) =>
    `You received this email because the password of your ${props.brand.productName} account (${props.email}) was changed.`,
};

export const passwordChangedPreviewProps: TPasswordChangedProps = {
  template: 'password-changed',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  changedAt: '2025-03-14T09:30:00Z',
  secureAccountUrl: 'https://app.lysnrai.com/forgot-password?email=ada%40example.com',
};

export function PasswordChangedEmail(props: TPasswordChangedProps) {
  return (
    <EmailLayout
      preview={`The password of ${props.email} was changed.`}
      brand={props.brand}
      reason={passwordChangedMeta.reason(props)}
    >
      <Title>Your password was changed</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>The password of your {props.brand.productName} account was just changed.</Paragraph>
      <Details
        rows={[
          ['Account', props.email],
          ['When', formatDateTime(props.changedAt)],
        ]}
      />
      <Paragraph>If this was you, there is nothing else to do.</Paragraph>
      <Note>
        Wasn't you?{' '}
        <AccentLink href={props.secureAccountUrl} brand={props.brand}>
          Reset your password now
        </AccentLink>{' '}
        and contact {props.brand.supportEmail}: someone else may have access to your account.
      </Note>
    </EmailLayout>
  );
}
