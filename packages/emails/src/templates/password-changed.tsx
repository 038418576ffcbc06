/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDateTime, ZInstant, ZPersonName } from '../fields';
import { AccentLink, Details, EmailLayout, Note, Paragraph, Title, withLink } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

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

export const passwordChangedSubject = (props: TPasswordChangedProps, t: Translate = ENGLISH) =>
  t('email.passwordChanged.subject', { productName: props.brand.productName });

export const passwordChangedMeta: TemplateMeta<TPasswordChangedProps> = {
  title: 'Password changed',
  description: 'Confirms a password change, so an owner who did not make it can react.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.passwordChanged.reason', { email: props.email, productName: props.brand.productName }),
};

export const passwordChangedPreviewProps: TPasswordChangedProps = {
  template: 'password-changed',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  changedAt: '2025-03-14T09:30:00Z',
  secureAccountUrl: 'https://app.lysnrai.com/forgot-password?email=ada%40example.com',
};

export function PasswordChangedEmail({ t = ENGLISH, ...props }: TPasswordChangedProps & { t?: Translate }) {
  return (
    <EmailLayout
      preview={t('email.passwordChanged.preview', { email: props.email })}
      brand={props.brand}
      reason={passwordChangedMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.passwordChanged.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.passwordChanged.body', { productName: props.brand.productName })}</Paragraph>
      <Details
        rows={[
          [t('email.passwordChanged.labelAccount'), props.email],
          [t('email.passwordChanged.labelWhen'), formatDateTime(props.changedAt)],
        ]}
      />
      <Paragraph>{t('email.passwordChanged.ifYou')}</Paragraph>
      <Note>
        {withLink(
          t,
          'email.passwordChanged.notYou',
          { supportEmail: props.brand.supportEmail },
          'resetLink',
          <AccentLink href={props.secureAccountUrl} brand={props.brand}>
            {t('email.passwordChanged.resetLink')}
          </AccentLink>,
        )}
      </Note>
    </EmailLayout>
  );
}
