import type { DocumentStore, Filter } from '@bytelyst/db/document-store';
import { TRACKER_CONTAINERS } from '../containers';
import type { TVote } from './schema';

export const voteId = (itemId: string, userId: string) => `${itemId}:${userId}`;

export const createVotesRepository = (store: DocumentStore) => {
  const votes = () => store.container<TVote>(TRACKER_CONTAINERS.votes.name);
  return {
    create: (doc: TVote) => votes().create(doc),
    delete: (productId: string, id: string) => votes().delete(id, productId),
    countFor: (productId: string, targetId: string) =>
      votes().count({ partitionKey: productId, where: { targetId: { eq: targetId } } }),
    listFor: (productId: string, targetId: string, limit: number) =>
      votes().query({ partitionKey: productId, where: { targetId: { eq: targetId } }, limit }),
    listByUser: (productId: string, where: Filter<TVote>, limit: number, continuation?: string) =>
      votes().query({
        partitionKey: productId,
        where,
        orderBy: [
          { field: 'userId', direction: 'asc' },
          { field: 'createdAt', direction: 'desc' },
        ],
        limit,
        ...(continuation ? { continuation } : {}),
      }),
  };
};

export type VotesRepository = ReturnType<typeof createVotesRepository>;
