/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDateTime, ZInstant, ZPersonName } from '../fields';
import { AccentLink, CallToAction, Details, EmailLayout, Note, Paragraph, Title, withLink } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZNewSignInSenderProps = z.object({
  template: z.literal('new-sign-in'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** As the user would recognise it, e.g. `Chrome on macOS`. */
  device: z.string().trim().min(1).max(120),
  /** Approximate, from IP geolocation, e.g. `Berlin, Germany`; left out when unknown. */
  location: z.string().trim().min(1).max(120).optional(),
  /** Left out when the sign-in came through a proxy that hid it. */
  ipAddress: z.union([z.ipv4(), z.ipv6()]).optional(),
  signedInAt: ZInstant,
  /** "This wasn't me": signs that one session out (a single-use link to a page that asks before it acts). */
  notMeUrl: ZLinkUrl,
  resetPasswordUrl: ZLinkUrl,
});
export const ZNewSignInProps = ZNewSignInSenderProps.extend(ZTransactionalShared.shape);
export type TNewSignInProps = z.infer<typeof ZNewSignInProps>;

export const newSignInSubject = (props: TNewSignInProps, t: Translate = ENGLISH) =>
  t('email.newSignIn.subject', { productName: props.brand.productName });

export const newSignInMeta: TemplateMeta<TNewSignInProps> = {
  title: 'New sign-in',
  description: 'Sent when an account is signed into from a device or place not seen before.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.newSignIn.reason', { email: props.email, productName: props.brand.productName }),
};

export const newSignInPreviewProps: TNewSignInProps = {
  template: 'new-sign-in',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  device: 'Firefox on Windows',
  location: 'Lisbon, Portugal',
  ipAddress: '203.0.113.42',
  signedInAt: '2025-03-14T21:07:00Z',
  notMeUrl: 'https://console.lysnrai.com/session-report?token=sr_preview',
  resetPasswordUrl: 'https://app.lysnrai.com/forgot-password?email=ada%40example.com',
};

export function NewSignInEmail({ t = ENGLISH, ...props }: TNewSignInProps & { t?: Translate }) {
  const where =
    props.location && props.ipAddress
      ? `${props.location} (${props.ipAddress})`
      : (props.location ?? props.ipAddress ?? t('email.newSignIn.unknownLocation'));
  return (
    <EmailLayout
      preview={`${props.device}, ${where}`}
      brand={props.brand}
      reason={newSignInMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.newSignIn.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.newSignIn.body', { productName: props.brand.productName })}</Paragraph>
      <Details
        rows={[
          [t('email.newSignIn.labelDevice'), props.device],
          [t('email.newSignIn.labelLocation'), where],
          [t('email.newSignIn.labelTime'), formatDateTime(props.signedInAt)],
        ]}
      />
      <Paragraph>{t('email.newSignIn.ifYou')}</Paragraph>
      <Paragraph>{t('email.newSignIn.notYou')}</Paragraph>
      <CallToAction href={props.notMeUrl} brand={props.brand}>
        {t('email.newSignIn.cta')}
      </CallToAction>
      <Paragraph>
        {withLink(
          t,
          'email.newSignIn.reset',
          {},
          'resetLink',
          <AccentLink href={props.resetPasswordUrl} brand={props.brand}>
            {t('email.newSignIn.resetLink')}
          </AccentLink>,
        )}
      </Paragraph>
      <Note>{t('email.newSignIn.locationNote')}</Note>
    </EmailLayout>
  );
}
