import { z } from 'zod';

/** Replies nest at most this deep: a top-level comment has depth 0, so depth runs 0..MAX_COMMENT_DEPTH-1. */
export const MAX_COMMENT_DEPTH = 5;
export const COMMENT_BODY_MAX = 5000;

const ZBody = z.string().trim().min(1).max(COMMENT_BODY_MAX);

export const ZComment = z.object({
  id: z.string(),
  productId: z.string(),
  itemId: z.string(),
  parentId: z.string().nullable(),
  depth: z.number().int(),
  authorId: z.string(),
  /** Empty once deleted: the comment keeps its place so replies still hang from it. */
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  editedAt: z.string().nullable(),
  deletedAt: z.string().nullable(),
  /** Posted on the public roadmap, and shown there (comments made in the tracker stay internal). */
  public: z.boolean().default(false),
});
export type TComment = z.infer<typeof ZComment>;

export const ZCommentListInput = z.object({
  itemId: z.string().min(1).max(64),
  limit: z.number().int().min(1).max(500).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TCommentListInput = z.infer<typeof ZCommentListInput>;

export const ZCommentListOutput = z.object({ items: z.array(ZComment), nextCursor: z.string().nullable() });

export const ZCommentCreateInput = z.object({
  itemId: z.string().min(1).max(64),
  parentId: z.string().min(1).max(64).optional(),
  body: ZBody,
});
export type TCommentCreateInput = z.infer<typeof ZCommentCreateInput>;

export const ZCommentUpdateInput = z.object({ id: z.string().min(1).max(64), body: ZBody });
export type TCommentUpdateInput = z.infer<typeof ZCommentUpdateInput>;

export const ZCommentIdInput = z.object({ id: z.string().min(1).max(64) });

export type TCommentNode = TComment & { replies: TCommentNode[] };

/**
 * The thread as a tree, from a flat list in creation order (what `list` returns). Replies whose parent is not
 * in the list (another page) become roots, so nothing is dropped.
 */
export const buildCommentTree = (comments: readonly TComment[]): TCommentNode[] => {
  const nodes = new Map<string, TCommentNode>();
  for (const c of comments) nodes.set(c.id, { ...c, replies: [] });
  const roots: TCommentNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId === null ? undefined : nodes.get(node.parentId);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  return roots;
};
