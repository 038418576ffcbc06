/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDateTime, ZInstant, ZPersonName } from '../fields';
import { AccentLink, CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

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

export const newSignInSubject = (props: TNewSignInProps) =>
  `New sign-in to your ${props.brand.productName} account`;

export const newSignInMeta: TemplateMeta<TNewSignInProps> = {
  title: 'New sign-in',
  description: 'Sent when an account is signed into from a device or place not seen before.',
  transactional: true,
  reason: (props) =>
    `You received this email because your ${props.brand.productName} account (${props.email}) was signed into from a new device.`,
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

export function NewSignInEmail(props: TNewSignInProps) {
  const where =
    props.location && props.ipAddress
      ? `${props.location} (${props.ipAddress})`
      : (props.location ?? props.ipAddress ?? 'Unknown');
  return (
    <EmailLayout
      preview={`${props.device}, ${where}`}
      brand={props.brand}
      reason={newSignInMeta.reason(props)}
    >
      <Title>New sign-in to your account</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>Your {props.brand.productName} account was just signed into from a new device.</Paragraph>
      <Details
        rows={[
          ['Device', props.device],
          ['Location', where],
          ['Time', formatDateTime(props.signedInAt)],
        ]}
      />
      <Paragraph>If this was you, you can ignore this email.</Paragraph>
      <Paragraph>Wasn't you? Sign that device out, then reset your password.</Paragraph>
      <CallToAction href={props.notMeUrl} brand={props.brand}>
        This wasn't me
      </CallToAction>
      <Paragraph>
        <AccentLink href={props.resetPasswordUrl} brand={props.brand}>
          Reset your password
        </AccentLink>{' '}
        to keep whoever it was from signing in again.
      </Paragraph>
      <Note>Location is estimated from the IP address and may be imprecise.</Note>
    </EmailLayout>
  );
}
