import { z } from 'zod';

export const ZVote = z.object({
  /** `itemId:userId`: the store's unique id is what makes it one vote per user per item. */
  id: z.string(),
  productId: z.string(),
  targetId: z.string(),
  userId: z.string(),
  createdAt: z.string(),
});
export type TVote = z.infer<typeof ZVote>;

export const ZVoteInput = z.object({ itemId: z.string().min(1).max(64) });

export const ZVoteOutput = z.object({ itemId: z.string(), voted: z.boolean(), votes: z.number().int() });
export type TVoteOutput = z.infer<typeof ZVoteOutput>;

export const ZMyVotesInput = z.object({
  /** Only these items (e.g. the page the client shows). */
  itemIds: z.array(z.string().min(1).max(64)).max(100).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TMyVotesInput = z.infer<typeof ZMyVotesInput>;

export const ZMyVotesOutput = z.object({
  items: z.array(z.object({ itemId: z.string(), createdAt: z.string() })),
  nextCursor: z.string().nullable(),
});
