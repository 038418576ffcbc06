/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDateTime, ZInstant } from '../fields';
import { AccentLink, CallToAction, Details, EmailLayout, Note, Paragraph, Title, withLink } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZStatusNoticeSenderProps = z.object({
  template: z.literal('status-notice'),
  email: z.email(),
  kind: z.enum(['incident', 'maintenance']),
  title: z.string().trim().min(1).max(200),
  /** The incident's status or the window's state as words: `Investigating`, `Resolved`, `In progress`. */
  state: z.string().trim().min(1).max(40),
  /** The update's public message, or the window's description. */
  message: z.string().trim().min(1).max(5000),
  /** Names of the affected components. */
  components: z.array(z.string().max(80)).max(50),
  /** When the update was posted or the window changed. */
  at: ZInstant,
  scheduledStart: ZInstant.optional(),
  scheduledEnd: ZInstant.nullable().optional(),
  statusPageUrl: ZLinkUrl,
  /** Ends the subscription in one click (the console's page with the subscriber's token). */
  unsubscribeLink: ZLinkUrl,
});
export const ZStatusNoticeProps = ZStatusNoticeSenderProps.extend(ZTransactionalShared.shape);
export type TStatusNoticeProps = z.infer<typeof ZStatusNoticeProps>;

export const statusNoticeSubject = (props: TStatusNoticeProps, t: Translate = ENGLISH) =>
  t('email.statusNotice.subject', {
    productName: props.brand.productName,
    kind: props.kind,
    title: props.title,
    state: props.state,
  });

export const statusNoticeMeta: TemplateMeta<TStatusNoticeProps> = {
  title: 'Status notice',
  description:
    "Tells the status page's confirmed subscribers that an incident was opened, updated or resolved, or that maintenance was scheduled, started, completed or cancelled.",
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.statusNotice.reason', { email: props.email, productName: props.brand.productName }),
};

export const statusNoticePreviewProps: TStatusNoticeProps = {
  template: 'status-notice',
  brand: PREVIEW_BRAND,
  email: 'ada@example.com',
  kind: 'incident',
  title: 'Elevated API error rates',
  state: 'Identified',
  message: 'The cause is identified: a faulty deploy. We are rolling it back.',
  components: ['API'],
  at: '2026-03-14T09:50:00.000Z',
  statusPageUrl: 'https://console.lysnrai.com/status?product=lysnrai',
  unsubscribeLink: 'https://console.lysnrai.com/status/unsubscribe?token=stu_8Hd3Lx2Pq7',
};

/** The operators' title, state and message are data and stay as written; only the frame is translated. */
export function StatusNoticeEmail({ t = ENGLISH, ...props }: TStatusNoticeProps & { t?: Translate }) {
  const kind = { kind: props.kind };
  const rows: Array<[string, string]> = [
    [t('email.statusNotice.labelKind', kind), props.title],
    [t('email.statusNotice.labelStatus'), props.state],
  ];
  if (props.components.length > 0)
    rows.push([t('email.statusNotice.labelAffected'), props.components.join(', ')]);
  if (props.scheduledStart)
    rows.push([t('email.statusNotice.labelStarts'), formatDateTime(props.scheduledStart)]);
  if (props.scheduledEnd) rows.push([t('email.statusNotice.labelEnds'), formatDateTime(props.scheduledEnd)]);
  rows.push([t('email.statusNotice.labelPosted'), formatDateTime(props.at)]);
  return (
    <EmailLayout
      preview={`${props.title}: ${props.state}. ${props.message.slice(0, 120)}`}
      brand={props.brand}
      reason={statusNoticeMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.statusNotice.title', { ...kind, title: props.title })}</Title>
      <Paragraph>{greetingOf(t, undefined)}</Paragraph>
      <Paragraph>{props.message}</Paragraph>
      <Details rows={rows} />
      <CallToAction href={props.statusPageUrl} brand={props.brand}>
        {t('email.statusNotice.cta')}
      </CallToAction>
      <Note>
        {withLink(
          t,
          'email.statusNotice.stop',
          {},
          'stopLink',
          <AccentLink href={props.unsubscribeLink} brand={props.brand}>
            {t('email.statusNotice.stopLink')}
          </AccentLink>,
        )}
      </Note>
    </EmailLayout>
  );
}
