/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Note, Paragraph, Title } from '../layout';

export const ZInvitationSenderProps = z.object({
  template: z.literal('invitation'),
  /** The invitee's address. */
  email: z.email(),
  inviterName: ZPersonName,
  inviterEmail: z.email().optional(),
  /** The team or workspace joined; without it the invitation is to the product. */
  workspaceName: z.string().trim().min(1).max(80).optional(),
  acceptUrl: ZLinkUrl,
  /** Left out when the invitation does not expire. */
  expiresAt: ZInstant.optional(),
});
export const ZInvitationProps = ZInvitationSenderProps.extend(ZTransactionalShared.shape);
export type TInvitationProps = z.infer<typeof ZInvitationProps>;

const invitedTo = (props: TInvitationProps) =>
  props.workspaceName === undefined
    ? props.brand.productName
    : `${props.workspaceName} on ${props.brand.productName}`;

export const invitationSubject = (props: TInvitationProps) =>
  `${props.inviterName} invited you to ${invitedTo(props)}`;

export const invitationMeta: TemplateMeta<TInvitationProps> = {
  title: 'Invitation',
  description: 'Sent when a member invites someone to their workspace.',
  transactional: true,
  reason: (props) =>
    `You received this email because ${props.inviterName} invited ${props.email} to ${invitedTo(props)}.`,
};

export const invitationPreviewProps: TInvitationProps = {
  template: 'invitation',
  brand: PREVIEW_BRAND,
  email: 'grace@example.com',
  inviterName: 'Ada Lovelace',
  inviterEmail: 'ada@example.com',
  workspaceName: 'Analytical Engines',
  acceptUrl: 'https://app.lysnrai.com/invitations/inv_7d1e3b90?accept=1',
  expiresAt: '2025-03-21T09:30:00Z',
};

export function InvitationEmail(props: TInvitationProps) {
  const inviter =
    props.inviterEmail === undefined ? props.inviterName : `${props.inviterName} (${props.inviterEmail})`;
  return (
    <EmailLayout
      preview={`Join ${invitedTo(props)}.`}
      brand={props.brand}
      reason={invitationMeta.reason(props)}
    >
      <Title>Join {invitedTo(props)}</Title>
      <Paragraph>Hi there,</Paragraph>
      <Paragraph>
        {inviter} has invited you to {invitedTo(props)}. Accept the invitation to start working together.
      </Paragraph>
      <CallToAction href={props.acceptUrl} brand={props.brand}>
        Accept invitation
      </CallToAction>
      <Note>
        {props.expiresAt ? `This invitation expires on ${formatDate(props.expiresAt)}. ` : ''}If you were not
        expecting it, you can ignore this email.
      </Note>
    </EmailLayout>
  );
}
