/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

export const ZLicenseExpiringSenderProps = z.object({
  template: z.literal('license-expiring'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** The last characters of the key, enough to tell licenses apart; never the whole key. */
  licenseKeySuffix: z.string().regex(/^[A-Za-z0-9]{4,8}$/, '4 to 8 letters or digits'),
  planName: z.string().trim().min(1).max(60).optional(),
  expiresAt: ZInstant,
  renewUrl: ZLinkUrl,
});
export const ZLicenseExpiringProps = ZLicenseExpiringSenderProps.extend(ZEmailShared.shape);
export type TLicenseExpiringProps = z.infer<typeof ZLicenseExpiringProps>;

export const licenseExpiringSubject = (props: TLicenseExpiringProps) =>
  `Your ${props.brand.productName} license ends on ${formatDate(props.expiresAt)}`;

export const licenseExpiringMeta: TemplateMeta<TLicenseExpiringProps> = {
  title: 'License expiring',
  description: 'Renewal reminder before a license key expires (lifecycle mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props) =>
    `You received this email because ${props.email} holds the ${props.brand.productName} license ending in ${props.licenseKeySuffix}.`,
};

export const licenseExpiringPreviewProps: TLicenseExpiringProps = {
  template: 'license-expiring',
  brand: PREVIEW_BRAND,
  unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL,
  name: 'Ada',
  email: 'ada@example.com',
  licenseKeySuffix: '8F2C',
  planName: 'Team',
  expiresAt: '2025-04-01T00:00:00Z',
  renewUrl: 'https://app.lysnrai.com/settings/licenses/renew?key=8F2C',
};

export function LicenseExpiringEmail(props: TLicenseExpiringProps) {
  const expiry = formatDate(props.expiresAt);
  const rows: Array<[string, string]> = [['License key', `•••• ${props.licenseKeySuffix}`]];
  if (props.planName !== undefined) rows.push(['Plan', props.planName]);
  rows.push(['Expires', expiry]);
  return (
    <EmailLayout
      preview={`Renew before ${expiry} to avoid an interruption.`}
      brand={props.brand}
      reason={licenseExpiringMeta.reason(props)}
      unsubscribeUrl={props.unsubscribeUrl}
    >
      <Title>Your license is about to expire</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        Your {props.brand.productName} license ending in {props.licenseKeySuffix} expires on {expiry}. Renew
        it to keep using {props.brand.productName} without interruption.
      </Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.renewUrl} brand={props.brand}>
        Renew license
      </CallToAction>
      <Note>Already renewed? Then you can ignore this email.</Note>
    </EmailLayout>
  );
}
