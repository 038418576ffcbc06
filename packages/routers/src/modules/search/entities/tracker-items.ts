import { isAppError } from '../../../app-error';
import type { TTrackerItem } from '../../tracker/items/schema';
import type { ItemsService } from '../../tracker/items/service';
import { clip, type SearchEntity } from './entity';

/** Tracker items by title and body (and tags); public content, so an author's erasure keeps them. */
export const trackerItemEntity = (items: Pick<ItemsService, 'get' | 'list'>): SearchEntity<TTrackerItem> => ({
  type: 'tracker_item',
  label: 'Tracker items',
  events: [
    'tracker.item_created',
    'tracker.item_updated',
    'tracker.item_status_changed',
    'tracker.item_deleted',
  ],
  recordId: (event) => ('itemId' in event.data ? String(event.data.itemId) : null),
  async find(productId, id) {
    try {
      return await items.get(productId, id);
    } catch (error) {
      if (isAppError(error) && error.code === 'NOT_FOUND') return undefined;
      throw error;
    }
  },
  page: (productId, cursor, limit) => items.list(productId, { limit: Math.min(limit, 100), cursor }),
  entry: (item) => ({
    id: item.id,
    owner: item.authorId,
    primary: item.title,
    secondary: `${item.body} ${item.tags.join(' ')}`,
    keys: [item.id],
    title: clip(item.title, 160),
    subtitle: `${item.kind} · ${item.status.replace('_', ' ')}`,
    at: item.createdAt,
    ref: { id: item.id },
  }),
  ordered: true,
  erasedWithOwner: false,
});
