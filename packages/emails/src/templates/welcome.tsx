/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

/** What the sender provides; brand and unsubscribe come from the product. */
export const ZWelcomeSenderProps = z.object({
  template: z.literal('welcome'),
  name: ZPersonName.optional(),
  email: z.email(),
  getStartedUrl: ZLinkUrl,
});
export const ZWelcomeProps = ZWelcomeSenderProps.extend(ZTransactionalShared.shape);
export type TWelcomeProps = z.infer<typeof ZWelcomeProps>;

export const welcomeSubject = (props: TWelcomeProps, t: Translate = ENGLISH) =>
  t('email.welcome.subject', { productName: props.brand.productName });

export const welcomeMeta: TemplateMeta<TWelcomeProps> = {
  title: 'Welcome',
  description: 'Sent once, right after someone creates an account.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.welcome.reason', { email: props.email, productName: props.brand.productName }),
};

export const welcomePreviewProps: TWelcomeProps = {
  template: 'welcome',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  getStartedUrl: 'https://app.lysnrai.com/onboarding',
};

/** Every string comes through `t` (the `email.welcome.*` keys of i18n); without one, the built-in English. */
export function WelcomeEmail({ t = ENGLISH, ...props }: TWelcomeProps & { t?: Translate }) {
  const productName = props.brand.productName;
  return (
    <EmailLayout
      preview={t('email.welcome.preview', { productName })}
      brand={props.brand}
      reason={welcomeMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.welcome.title', { productName })}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{t('email.welcome.body', { productName })}</Paragraph>
      <CallToAction href={props.getStartedUrl} brand={props.brand}>
        {t('email.welcome.cta', { productName })}
      </CallToAction>
    </EmailLayout>
  );
}
