/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, type TemplateMeta, ZLinkUrl, ZTransactionalShared } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, greeting, Note, Paragraph, Title } from '../layout';

const KIND_LABELS = {
  bug_report: 'bug report',
  feature_request: 'feature request',
  nps_survey: 'survey answer',
  general: 'feedback',
} as const;

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

export const feedbackReplySubject = (props: TFeedbackReplyProps) =>
  `Re: your ${KIND_LABELS[props.feedbackType]} to ${props.brand.productName}`;

export const feedbackReplyMeta: TemplateMeta<TFeedbackReplyProps> = {
  title: 'Feedback reply',
  description:
    "The team's answer to feedback a user sent from the app (a bug report, feature request, survey answer or note).",
  transactional: true,
  reason: (props) =>
    `You received this email because ${props.email} sent feedback to ${props.brand.productName} on ${formatDate(props.submittedAt)}.`,
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

export function FeedbackReplyEmail(props: TFeedbackReplyProps) {
  const paragraphs = props.reply.split(/\n\s*\n/).map((paragraph) => paragraph.trim());
  const kind = KIND_LABELS[props.feedbackType];
  return (
    <EmailLayout
      preview={`${props.brand.productName} answered your ${kind}: ${props.reply.slice(0, 100)}`}
      brand={props.brand}
      reason={feedbackReplyMeta.reason(props)}
    >
      <Title>We read your {kind}</Title>
      <Paragraph>{greeting(props.name)}</Paragraph>
      {paragraphs.map((paragraph, index) => (
        <Paragraph key={index}>{paragraph}</Paragraph>
      ))}
      <Details
        rows={[
          ['You wrote', props.excerpt === '' ? '—' : props.excerpt],
          ['Sent', formatDate(props.submittedAt)],
        ]}
      />
      <CallToAction href={props.openUrl} brand={props.brand}>
        Open {props.brand.productName}
      </CallToAction>
      <Note>To add something, send more feedback from the app, or write to {props.brand.supportEmail}.</Note>
    </EmailLayout>
  );
}
