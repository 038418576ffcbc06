import type { TMemoryItem } from '../../memory/schema';
import type { MemoryService } from '../../memory/service';
import { clip, type SearchEntity } from './entity';

/** Memory items by their text and tags; a user's private notes, so they go with the user's account. */
export const memoryEntity = (memory: Pick<MemoryService, 'find' | 'list'>): SearchEntity<TMemoryItem> => ({
  type: 'memory',
  label: 'Memory items',
  events: ['memory.created', 'memory.updated', 'memory.reassigned', 'memory.deleted'],
  recordId: (event) => ('itemId' in event.data ? String(event.data.itemId) : null),
  find: (productId, id) => memory.find(productId, id),
  page: (productId, cursor, limit) =>
    memory.list(productId, { limit: Math.min(limit, 100), ...(cursor ? { cursor } : {}) }),
  entry: (item) => ({
    id: item.id,
    owner: item.userId,
    primary: `${clip(item.text, 200)} ${item.tags.join(' ')}`,
    secondary: item.text,
    keys: [item.id],
    title: clip(item.text, 160),
    subtitle: [item.source, ...item.tags.map((t) => `#${t}`)].join(' · '),
    at: item.createdAt,
    ref: { id: item.id, userId: item.userId },
  }),
  ordered: true,
  erasedWithOwner: true,
});
