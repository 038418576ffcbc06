/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Note, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZFeedbackReplySenderProps = z.object({
  template: z.literal('feedback-reply'),
  name: ZPersonName.optional(),
  email: z.email(),
  /** What the user sent: a bug report, a feature request, an NPS answer or general feedback. */
  feedbackType: z.enum(['bug_report', 'feature_request', 'nps_survey', 'general']),
  submittedAt: ZInstant,
  /** The user's own words, quoted so they know which feedback this answers; cut to 500 characters. */
  excerpt: z.string().trim().max(500),
  /** The team's answer, as plain text (paragraphs separated by blank lines). */
  reply: z.string().trim().min(1).max(5000),
  /** Where the reader goes on: the product's app. */
  openUrl: ZLinkUrl,
});
export const ZFeedbackReplyProps = ZFeedbackReplySenderProps.extend(ZTransactionalShared.shape);
export type TFeedbackReplyProps = z.infer<typeof ZFeedbackReplyProps>;

// What the user sent is a `select` argument of each message (`feedbackType`), so a translation can inflect it.
export const feedbackReplySubject = (props: TFeedbackReplyProps, t: Translate = ENGLISH) =>
  t('email.feedbackReply.subject', {
    feedbackType: props.feedbackType,
    productName: props.brand.productName,
  });

export const feedbackReplyMeta: TemplateMeta<TFeedbackReplyProps> = {
  title: 'Feedback reply',
  description:
    "The team's answer to feedback a user sent from the app (a bug report, feature request, survey answer or note).",
  transactional: true,
  reason: (props, t = ENGLISH) =>
    t('email.feedbackReply.reason', {
      email: props.email,
      productName: props.brand.productName,
      date: formatDate(props.submittedAt),
    }),
};

export const feedbackReplyPreviewProps: TFeedbackReplyProps = {
  template: 'feedback-reply',
  brand: PREVIEW_BRAND,
  name: 'Ada',
  email: 'ada@example.com',
  feedbackType: 'bug_report',
  submittedAt: '2026-03-12T16:20:00.000Z',
  excerpt: 'The transcript stops after two minutes when the phone locks.',
  reply:
    'Thanks for the detailed report. We found the cause: recording paused when the screen locked.\n\nVersion 2.4.1, out this week, keeps recording in the background.',
  openUrl: 'https://app.lysnrai.com/home',
};

/** The team's reply and the user's excerpt are data: shown as written, never translated. */
export function FeedbackReplyEmail({ t = ENGLISH, ...props }: TFeedbackReplyProps & { t?: Translate }) {
  const paragraphs = props.reply.split(/\n\s*\n/).map((paragraph) => paragraph.trim());
  const args = { feedbackType: props.feedbackType, productName: props.brand.productName };
  return (
    <EmailLayout
      preview={t('email.feedbackReply.preview', { ...args, reply: props.reply.slice(0, 100) })}
      brand={props.brand}
      reason={feedbackReplyMeta.reason(props, t)}
      t={t}
    >
      <Title>{t('email.feedbackReply.title', args)}</Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      {paragraphs.map((paragraph, index) => (
        <Paragraph key={index}>{paragraph}</Paragraph>
      ))}
      <Details
        rows={[
          [t('email.feedbackReply.labelYouWrote'), props.excerpt === '' ? '—' : props.excerpt],
          [t('email.feedbackReply.labelSent'), formatDate(props.submittedAt)],
        ]}
      />
      <CallToAction href={props.openUrl} brand={props.brand}>
        {t('email.feedbackReply.cta', args)}
      </CallToAction>
      <Note>{t('email.feedbackReply.note', { supportEmail: props.brand.supportEmail })}</Note>
    </EmailLayout>
  );
}
