/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZSecretExpiringSenderProps = z.object({
  template: z.literal('secret-expiring'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** The secret's name (an env-style name such as APNS_KEY); never its value. */
  secretName: z.string().regex(/^[A-Z][A-Z0-9_]{0,99}$/, 'an upper-case secret name'),
  scope: z.enum(['product', 'platform']),
  version: z.number().int().min(1),
  expiresAt: ZInstant,
  /** The console's secrets page (`/ops/secrets`). */
  manageUrl: ZLinkUrl,
});
export const ZSecretExpiringProps = ZSecretExpiringSenderProps.extend(ZTransactionalShared.shape);
export type TSecretExpiringProps = z.infer<typeof ZSecretExpiringProps>;

export const secretExpiringSubject = (props: TSecretExpiringProps, t: Translate = ENGLISH) =>
  t('email.secretExpiring.subject', {
    productName: props.brand.productName,
    secretName: props.secretName,
    expiry: formatDate(props.expiresAt),
  });

export const secretExpiringMeta: TemplateMeta<TSecretExpiringProps> = {
  title: 'Secret expiring',
  description:
    'Tells the admins that a stored secret (an APNs key, an API key) expires soon, once per version.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.secretExpiring.reason', { email: props.email, productName: props.brand.productName }),
};

export const secretExpiringPreviewProps: TSecretExpiringProps = {
  template: 'secret-expiring',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  secretName: 'APNS_KEY',
  scope: 'platform',
  version: 3,
  expiresAt: '2025-04-01T00:00:00Z',
  manageUrl: 'https://console.lysnrai.com/ops/secrets',
};

export function SecretExpiringEmail({ t = ENGLISH, ...props }: TSecretExpiringProps & { t?: Translate }) {
  const expiry = formatDate(props.expiresAt);
  const args = { productName: props.brand.productName, secretName: props.secretName, expiry };
  const rows: Array<[string, string]> = [
    [t('email.secretExpiring.labelSecret'), props.secretName],
    [t('email.secretExpiring.labelScope'), t('email.secretExpiring.scope', { scope: props.scope })],
    [t('email.secretExpiring.labelVersion'), String(props.version)],
    [t('email.secretExpiring.labelExpires'), expiry],
  ];
  return (
    <EmailLayout
      preview={t('email.secretExpiring.preview', args)}
      brand={props.brand}
      reason={secretExpiringMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.secretExpiring.title')}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.secretExpiring.body', args)}</Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.manageUrl} brand={props.brand}>
        {t('email.secretExpiring.cta')}
      </CallToAction>
      <Note>{t('email.secretExpiring.note')}</Note>
    </EmailLayout>
  );
}
