/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDateTime, ZInstant, ZPersonName } from '../fields';
import { CallToAction, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZOrgInvitationSenderProps = z.object({
  template: z.literal('org-invitation'),
  /** The invited address: the account that uses it joins. */
  email: z.email(),
  orgName: z.string().trim().min(1).max(80),
  /** The role the invitee gets in the organization. */
  role: z.enum(['owner', 'admin', 'member', 'billing']),
  inviterName: ZPersonName,
  inviterEmail: z.email().optional(),
  /** The signed, single-use accept link. */
  acceptUrl: ZLinkUrl,
  expiresAt: ZInstant,
});
export const ZOrgInvitationProps = ZOrgInvitationSenderProps.extend(ZTransactionalShared.shape);
export type TOrgInvitationProps = z.infer<typeof ZOrgInvitationProps>;

const namesOf = (props: TOrgInvitationProps) => ({
  inviterName: props.inviterName,
  orgName: props.orgName,
  productName: props.brand.productName,
  email: props.email,
});

export const orgInvitationSubject = (props: TOrgInvitationProps, t: Translate = ENGLISH) =>
  t('email.orgInvitation.subject', namesOf(props));

export const orgInvitationMeta: TemplateMeta<TOrgInvitationProps> = {
  title: 'Organization invitation',
  description:
    'Sent when an owner or admin invites an address to their organization, with a one-time accept link.',
  transactional: true,
  reason: (props, t = ENGLISH) => t('email.orgInvitation.reason', namesOf(props)),
};

export const orgInvitationPreviewProps: TOrgInvitationProps = {
  template: 'org-invitation',
  brand: PREVIEW_BRAND,
  email: 'grace@example.com',
  orgName: 'Analytical Engines',
  role: 'member',
  inviterName: 'Ada Lovelace',
  inviterEmail: 'ada@example.com',
  acceptUrl: 'https://console.lysnrai.com/accept-invite?token=oi_lysnrai.7d1e3b90c2a4f6e8.s3cr3t',
  expiresAt: '2025-03-21T09:30:00Z',
};

export function OrgInvitationEmail({ t = ENGLISH, ...props }: TOrgInvitationProps & { t?: Translate }) {
  const names = namesOf(props);
  const inviter =
    props.inviterEmail === undefined ? props.inviterName : `${props.inviterName} (${props.inviterEmail})`;
  return (
    <EmailLayout
      preview={t('email.orgInvitation.preview', names)}
      brand={props.brand}
      reason={orgInvitationMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.orgInvitation.title', names)}</Title>
      <Paragraph>{greetingOf(t, undefined)}</Paragraph>
      <Paragraph>{t('email.orgInvitation.body', { ...names, inviter, role: props.role })}</Paragraph>
      <Paragraph>{t('email.orgInvitation.account', names)}</Paragraph>
      <CallToAction href={props.acceptUrl} brand={props.brand}>
        {t('email.orgInvitation.cta')}
      </CallToAction>
      <Note>
        {`${t('email.orgInvitation.expires', { date: formatDateTime(props.expiresAt) })} `}
        {t('email.orgInvitation.ignore')}
      </Note>
    </EmailLayout>
  );
}
