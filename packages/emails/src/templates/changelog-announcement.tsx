/** @jsxRuntime automatic */
/** @jsxImportSource react */
import { z } from 'zod';
import { PREVIEW_BRAND, PREVIEW_UNSUBSCRIBE_URL, type TemplateMeta, ZEmailShared, ZLinkUrl } from '../brand';
import { formatDate, ZInstant, ZPersonName } from '../fields';
import { CallToAction, Details, EmailLayout, Paragraph, Title } from '../layout';
import { ENGLISH, greetingOf, type Translate } from '../messages';

export const ZChangelogAnnouncementSenderProps = z.object({
  template: z.literal('changelog-announcement'),
  name: ZPersonName.optional(),
  email: z.email(),
  version: z.string().trim().min(1).max(64),
  title: z.string().trim().min(1).max(160),
  /** `New feature`, `Improvement`, `Bug fix` or `Security`. */
  category: z.string().trim().min(1).max(40),
  /** Plain text: the first lines of the entry, without Markdown. */
  summary: z.string().trim().min(1).max(1000),
  publishedAt: ZInstant,
  changelogUrl: ZLinkUrl,
});
export const ZChangelogAnnouncementProps = ZChangelogAnnouncementSenderProps.extend(ZEmailShared.shape);
export type TChangelogAnnouncementProps = z.infer<typeof ZChangelogAnnouncementProps>;

export const changelogAnnouncementSubject = (props: TChangelogAnnouncementProps, t: Translate = ENGLISH) =>
  t('email.changelogAnnouncement.subject', {
    productName: props.brand.productName,
    version: props.version,
    title: props.title,
  });

export const changelogAnnouncementMeta: TemplateMeta<TChangelogAnnouncementProps> = {
  title: 'Changelog announcement',
  description:
    'Announces a published changelog entry to a segment (product updates mail, carries an unsubscribe link).',
  transactional: false,
  reason: (props, t = ENGLISH) =>
    t('email.changelogAnnouncement.reason', { email: props.email, productName: props.brand.productName }),
};

export const changelogAnnouncementPreviewProps: TChangelogAnnouncementProps = {
  template: 'changelog-announcement',
  brand: PREVIEW_BRAND,
  unsubscribeUrl: PREVIEW_UNSUBSCRIBE_URL,
  name: 'Ada',
  email: 'ada@example.com',
  version: '2.4.0',
  title: 'Offline dictation',
  category: 'New feature',
  summary:
    'Dictate without a connection: notes are transcribed on the device and sync when you are back online.',
  publishedAt: '2026-03-20T09:00:00.000Z',
  changelogUrl: 'https://console.lysnrai.com/changelog',
};

/** The entry's title, category and summary are data (the changelog's own text); only the frame is translated. */
export function ChangelogAnnouncementEmail({
  t = ENGLISH,
  ...props
}: TChangelogAnnouncementProps & { t?: Translate }) {
  return (
    <EmailLayout
      preview={`${props.version}: ${props.title}. ${props.summary.slice(0, 120)}`}
      brand={props.brand}
      reason={changelogAnnouncementMeta.reason(props, t)}
      unsubscribeUrl={props.unsubscribeUrl}
      t={t}
    >
      <Title>
        {props.brand.productName} {props.version}: {props.title}
      </Title>
      <Paragraph>{greetingOf(t, props.name)}</Paragraph>
      <Paragraph>{props.summary}</Paragraph>
      <Details
        rows={[
          [t('email.changelogAnnouncement.labelVersion'), props.version],
          [t('email.changelogAnnouncement.labelKind'), props.category],
          [t('email.changelogAnnouncement.labelReleased'), formatDate(props.publishedAt)],
        ]}
      />
      <CallToAction href={props.changelogUrl} brand={props.brand}>
        {t('email.changelogAnnouncement.cta')}
      </CallToAction>
    </EmailLayout>
  );
}
