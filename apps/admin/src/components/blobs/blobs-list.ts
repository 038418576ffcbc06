import type { TBlobContainer } from '@bytelyst/routers/modules/blob/schema';
import type { ListConfig, ListPage } from '~/lib/list-params';

export type BlobFilterValues = { container: TBlobContainer; prefix: string };

export const BLOBS_LIST: ListConfig<BlobFilterValues> = {
  defaults: { container: 'attachments', prefix: '' },
  pageSize: 25,
};

/** The `blob.list` input of the view and of the server's prefetch. */
export const blobsListInput = (filters: BlobFilterValues, page: ListPage) => ({
  container: filters.container,
  limit: page.limit,
  ...(filters.prefix ? { prefix: filters.prefix } : {}),
  ...(page.cursor ? { cursor: page.cursor } : {}),
});
