import { isAppError } from '../../../app-error';
import type { TChangelogEntry } from '../../changelog/schema';
import type { ChangelogService } from '../../changelog/service';
import { clip, type SearchEntity } from './entity';

/** Changelog entries by version, title and Markdown body; drafts included (admins search them too). */
export const changelogEntity = (
  changelog: Pick<ChangelogService, 'get' | 'listAll'>,
): SearchEntity<TChangelogEntry> => ({
  type: 'changelog',
  label: 'Changelog',
  events: [
    'changelog.created',
    'changelog.updated',
    'changelog.scheduled',
    'changelog.published',
    'changelog.unpublished',
    'changelog.deleted',
  ],
  recordId: (event) => ('entryId' in event.data ? String(event.data.entryId) : null),
  async find(productId, id) {
    try {
      return await changelog.get(productId, id);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  },
  page: (productId, cursor, limit) =>
    changelog.listAll(productId, { limit: Math.min(limit, 100), ...(cursor ? { cursor } : {}) }),
  entry: (entry) => ({
    id: entry.id,
    owner: entry.createdBy,
    primary: `${entry.version} ${entry.title}`,
    secondary: entry.body,
    keys: [entry.id, entry.version],
    title: clip(`${entry.version} · ${entry.title}`, 160),
    subtitle: `${entry.category} · ${entry.state}`,
    at: entry.publishedAt ?? entry.createdAt,
    ref: { id: entry.id },
  }),
  ordered: true,
  erasedWithOwner: false,
});
