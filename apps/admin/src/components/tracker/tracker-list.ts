import {
  type TItemKind,
  type TItemSort,
  type TItemStatus,
  ZItemListInput,
} from '@bytelyst/routers/modules/tracker/items/schema';
import type { ListConfig, ListPage } from '~/lib/list-params';
import { passes } from '~/lib/schema-check';

export type TrackerFilterValues = {
  kind: TItemKind | '';
  status: TItemStatus | '';
  tag: string;
  sort: TItemSort;
};

export const TRACKER_LIST: ListConfig<TrackerFilterValues> = {
  defaults: { kind: '', status: '', tag: '', sort: 'newest' },
  pageSize: 20,
};

const ZTag = ZItemListInput.shape.tag;

/** The `tracker.items.list` input of the view and of the server's prefetch. */
export const trackerListInput = (filters: TrackerFilterValues, page: ListPage) => {
  const tag = filters.tag.trim().toLowerCase();
  return {
    sort: filters.sort,
    ...page,
    ...(filters.kind ? { kind: filters.kind } : {}),
    ...(filters.status ? { status: filters.status } : {}),
    // A half-typed tag that the server would refuse just does not filter yet.
    ...(tag && passes(ZTag, tag) ? { tag } : {}),
  };
};

/** The `tracker.comments.list` input of an item's thread and of its page's prefetch: the whole thread. */
export const itemCommentsInput = (itemId: string) => ({ itemId, limit: 500 });
