/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, EmailLayout, greeting, Paragraph, Title } from '../layout';

/** What the sender provides; brand and unsubscribe come from the product. */
export const ZWelcomeSenderProps = z.object({
  template: z.literal('welcome'),
  name: ZPersonName.optional(),
  email: z.email(),
  getStartedUrl: ZLinkUrl,
});
export const ZWelcomeProps = ZWelcomeSenderProps.extend(ZTransactionalShared.shape);
export type TWelcomeProps = z.infer<typeof ZWelcomeProps>;

export const welcomeSubject = (props: TWelcomeProps) => `Welcome to ${props.brand.productName}`;

export const welcomeMeta: TemplateMeta<TWelcomeProps> = {
  title: 'Welcome',
  description: 'Sent once, right after someone creates an account.',
  transactional: true,
  reason: (props) =>
    `You received this email because an account for ${props.email} was just created on ${props.brand.productName}.`,
};

export const welcomePreviewProps: TWelcomeProps = {
  template: 'welcome',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  getStartedUrl: 'https://app.lysnrai.com/onboarding',
};

export function WelcomeEmail(props: TWelcomeProps) {
  const product = props.brand.productName;
  return (
    <EmailLayout
      preview={`Your ${product} account is ready`}
      brand={props.brand}
      reason={welcomeMeta.reason(props)}
    >
      <Title>Welcome to {product}</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        Your account is ready. Set up your first workspace and you will be up and running in a couple of
        minutes.
      </Paragraph>
      <CallToAction href={props.getStartedUrl} brand={props.brand}>
        Get started
      </CallToAction>
    </EmailLayout>
  );
}
