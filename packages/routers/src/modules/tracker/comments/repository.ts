import type { DocumentStore, Outbox } from '@bytelyst/db/document-store';
import { TRACKER_CONTAINERS } from '../containers';
import type { TComment } from './schema';

export const createCommentsRepository = (store: DocumentStore) => {
  const comments = () => store.container<TComment>(TRACKER_CONTAINERS.comments.name);
  return {
    get: (productId: string, id: string) => comments().read(id, productId),
    create: (doc: TComment, outbox?: Outbox) => comments().create(doc, { outbox }),
    replace: (doc: TComment, ifMatch: string, outbox?: Outbox) =>
      comments().replace(doc, { ifMatch, outbox }),
    delete: (productId: string, id: string) => comments().delete(id, productId),
    listByItem: (productId: string, itemId: string, limit: number, continuation?: string) =>
      comments().query({
        partitionKey: productId,
        where: { itemId: { eq: itemId } },
        orderBy: [
          { field: 'itemId', direction: 'asc' },
          { field: 'createdAt', direction: 'asc' },
        ],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
    countVisible: (productId: string, itemId: string, only?: { public: true }) =>
      comments().count({
        partitionKey: productId,
        where: { itemId: { eq: itemId }, deletedAt: { eq: null }, ...(only ? { public: { eq: true } } : {}) },
      }),
    /** The public thread: comments posted on the roadmap and not deleted, oldest first. */
    listPublicByItem: (productId: string, itemId: string, limit: number) =>
      comments().query({
        partitionKey: productId,
        where: { itemId: { eq: itemId }, public: { eq: true }, deletedAt: { eq: null } },
        orderBy: [
          { field: 'itemId', direction: 'asc' },
          { field: 'createdAt', direction: 'asc' },
        ],
        limit,
      }),
  };
};

export type CommentsRepository = ReturnType<typeof createCommentsRepository>;
