/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

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

export const licenseExpiringSubject = (props: TLicenseExpiringProps, t: Translate = ENGLISH) =>
  t('email.licenseExpiring.subject', {
    productName: props.brand.productName,
    expiry: formatDate(props.expiresAt),
  });

export const licenseExpiringMeta: TemplateMeta<TLicenseExpiringProps> = {
  title: 'License expiring',
  description: 'Renewal reminder before a license key expires (lifecycle mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props, t = ENGLISH) =>
    t('email.licenseExpiring.reason', {
      email: props.email,
      productName: props.brand.productName,
      licenseKeySuffix: props.licenseKeySuffix,
    }),
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

export function LicenseExpiringEmail({ t = ENGLISH, ...props }: TLicenseExpiringProps & { t?: Translate }) {
  const expiry = formatDate(props.expiresAt);
  const rows: Array<[string, string]> = [
    [t('email.licenseExpiring.labelLicenseKey'), `•••• ${props.licenseKeySuffix}`],
  ];
  if (props.planName !== undefined) rows.push([t('email.licenseExpiring.labelPlan'), props.planName]);
  rows.push([t('email.licenseExpiring.labelExpires'), expiry]);
  const args = { productName: props.brand.productName, licenseKeySuffix: props.licenseKeySuffix, expiry };
  return (
    <EmailLayout
      preview={t('email.licenseExpiring.preview', args)}
      brand={props.brand}
      reason={licenseExpiringMeta.reason(props, t)}
      unsubscribeUrl={props.unsubscribeUrl}
      t={t}
    >
      <Title>{t('email.licenseExpiring.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.licenseExpiring.body', args)}</Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.renewUrl} brand={props.brand}>
        {t('email.licenseExpiring.cta')}
      </CallToAction>
      <Note>{t('email.licenseExpiring.note')}</Note>
    </EmailLayout>
  );
}
