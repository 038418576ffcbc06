/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

export const ZWaitlistAcceptedSenderProps = z.object({
  template: z.literal('waitlist-accepted'),
  name: ZPersonName.optional(),
  email: z.email(),
  signUpUrl: ZLinkUrl,
  inviteCode: z.string().trim().min(4).max(40),
});
export const ZWaitlistAcceptedProps = ZWaitlistAcceptedSenderProps.extend(ZTransactionalShared.shape);
export type TWaitlistAcceptedProps = z.infer<typeof ZWaitlistAcceptedProps>;

export const waitlistAcceptedSubject = (props: TWaitlistAcceptedProps) =>
  `You're off the waitlist: welcome to ${props.brand.productName}`;

export const waitlistAcceptedMeta: TemplateMeta<TWaitlistAcceptedProps> = {
  title: 'Waitlist accepted',
  description: 'Tells someone on the waitlist that their access is open, with their invite code.',
  transactional: true,
  reason: (props) =>
    `You received this email because ${props.email} joined the ${props.brand.productName} waitlist.`,
};

export const waitlistAcceptedPreviewProps: TWaitlistAcceptedProps = {
  template: 'waitlist-accepted',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  signUpUrl: 'https://app.lysnrai.com/sign-up?code=LYSNR-7Q4K-29XD',
  inviteCode: 'LYSNR-7Q4K-29XD',
};

export function WaitlistAcceptedEmail(props: TWaitlistAcceptedProps) {
  return (
    <EmailLayout
      preview={`Your ${props.brand.productName} access is ready.`}
      brand={props.brand}
      reason={waitlistAcceptedMeta.reason(props)}
    >
      <Title>You're in</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      <Paragraph>
        Thanks for waiting. Your spot on the {props.brand.productName} waitlist came up and your access is
        ready.
      </Paragraph>
      <Details rows={[['Invite code', props.inviteCode]]} />
      <CallToAction href={props.signUpUrl} brand={props.brand}>
        Create your account
      </CallToAction>
      <Note>If the sign-up page does not fill in your code, enter it there yourself.</Note>
    </EmailLayout>
  );
}
