import type { PlatformEvent } from '@bytelyst/events/catalogue';
import type { AnySubscriber } from '../../module';
import type { DeliveryModuleService } from '../delivery/module';
import type { ChangelogRepository } from './repository';
import { CATEGORY_WORDS } from './routes';

/** The first lines of the Markdown as plain text: what a push and the mail's summary show. */
export const summaryOf = (markdown: string, max: number): string => {
  const text = markdown
    .replace(/<[^>]*>/g, ' ')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[#>*_`~|-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).trimEnd()}…`;
};

/**
 * Announces a published entry that asked for it: a push and the changelog-announcement mail to every user of
 * the segment, through delivery. The event's id names the announcement, so a redelivered event sends nothing
 * twice (delivery's idempotency keys).
 */
export const announcementSubscriber = (deps: {
  repo: ChangelogRepository;
  delivery: Pick<DeliveryModuleService, 'sendAnnouncement'>;
  pageUrl: (productId: string) => string;
}): AnySubscriber => ({
  name: 'changelog.announcements',
  events: ['changelog.published'],
  timeoutMs: 120_000,
  description:
    'Sends a published changelog entry to its announcement segment: push and the changelog-announcement mail.',
  async handle(event: PlatformEvent<'changelog.published'>) {
    if (!event.data.announced) return;
    const entry = await deps.repo.get(event.productId, event.data.entryId);
    // Unpublished (or deleted) before the announcement went out: nothing to announce.
    if (entry?.state !== 'published' || !entry.announcement) return;
    const summary = summaryOf(entry.body, 400) || entry.title;
    await deps.delivery.sendAnnouncement(
      event.productId,
      {
        segment: entry.announcement,
        title: `${entry.version}: ${entry.title}`.slice(0, 120),
        body: summary.slice(0, 500),
        key: `changelog:${event.id}`,
        email: {
          template: 'changelog-announcement',
          props: {
            version: entry.version,
            title: entry.title,
            category: CATEGORY_WORDS[entry.category],
            summary,
            publishedAt: entry.publishedAt ?? event.at,
            changelogUrl: deps.pageUrl(event.productId),
          },
        },
      },
      event.actorId,
    );
  },
});
