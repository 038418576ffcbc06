/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

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

const invitedTo = (props: TInvitationProps, t: Translate) =>
  props.workspaceName === undefined
    ? props.brand.productName
    : t('email.invitation.workspaceOnProduct', {
        workspaceName: props.workspaceName,
        productName: props.brand.productName,
      });

export const invitationSubject = (props: TInvitationProps, t: Translate = ENGLISH) =>
  t('email.invitation.subject', { inviterName: props.inviterName, invitedTo: invitedTo(props, t) });

export const invitationMeta: TemplateMeta<TInvitationProps> = {
  title: 'Invitation',
  description: 'Sent when a member invites someone to their workspace.',
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.invitation.reason', {
      inviterName: props.inviterName,
      email: props.email,
      invitedTo: invitedTo(props, t),
    }),
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

export function InvitationEmail({ t = ENGLISH, ...props }: TInvitationProps & { t?: Translate }) {
  const inviter =
    props.inviterEmail === undefined ? props.inviterName : `${props.inviterName} (${props.inviterEmail})`;
  const to = { invitedTo: invitedTo(props, t) };
  return (
    <EmailLayout
      preview={t('email.invitation.preview', to)}
      brand={props.brand}
      reason={invitationMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.invitation.title', to)}</Title>
      <Paragraph>{greetingOf(t, undefined)}</Paragraph>
      <Paragraph>{t('email.invitation.body', { ...to, inviter })}</Paragraph>
      <CallToAction href={props.acceptUrl} brand={props.brand}>
        {t('email.invitation.cta')}
      </CallToAction>
      <Note>
        {props.expiresAt ? `${t('email.invitation.expires', { date: formatDate(props.expiresAt) })} ` : ''}
        {t('email.invitation.ignore')}
      </Note>
    </EmailLayout>
  );
}
