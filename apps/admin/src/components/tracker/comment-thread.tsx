'use client';

import {
  buildCommentTree,
  MAX_COMMENT_DEPTH,
  type TComment,
  type TCommentNode,
} from '@bytelyst/routers/modules/tracker/comments/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { EmptyState, ErrorState } from '~/components/kit/states';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { CommentForm } from './comment-form';
import styles from './tracker.module.css';
import { itemCommentsInput } from './tracker-list';

type Actions = {
  replyTo: string | null;
  setReplyTo: (id: string | null) => void;
  remove: (c: TComment) => void;
};

function CommentNode({ node, itemId, actions }: { node: TCommentNode; itemId: string; actions: Actions }) {
  const canReply = !node.deletedAt && node.depth < MAX_COMMENT_DEPTH - 1;
  return (
    <li className={styles.comment} aria-label={`Comment by ${node.authorId}`}>
      <div className={styles.commentMeta}>
        <UserRef userId={node.authorId} />
        <span>{formatDateTime(node.createdAt)}</span>
        {node.editedAt && !node.deletedAt ? <span>(edited)</span> : null}
        {node.public ? <Badge tone="info">On the public roadmap</Badge> : null}
      </div>
      {node.deletedAt ? (
        <p className={styles.deleted}>Comment deleted</p>
      ) : (
        <p className={styles.body}>{node.body}</p>
      )}
      {node.deletedAt ? null : (
        <div className="row-tight">
          {canReply ? (
            <Button size="sm" variant="ghost" onClick={() => actions.setReplyTo(node.id)}>
              Reply
            </Button>
          ) : null}
          <Button size="sm" variant="ghost" className="btn-ghost-danger" onClick={() => actions.remove(node)}>
            Delete
          </Button>
        </div>
      )}
      {actions.replyTo === node.id ? (
        <CommentForm
          itemId={itemId}
          parentId={node.id}
          label={`Reply to ${node.authorId}`}
          onDone={() => actions.setReplyTo(null)}
        />
      ) : null}
      {node.replies.length > 0 ? (
        <ul className={styles.replies}>
          {node.replies.map((reply) => (
            <CommentNode key={reply.id} node={reply} itemId={itemId} actions={actions} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** The item's whole thread as a tree, with reply and (soft) delete. */
export function CommentThread({ itemId, count }: { itemId: string; count: number }) {
  const [replyTo, setReplyTo] = useState<string | null>(null);
  const [removing, setRemoving] = useState<TComment | null>(null);
  const list = trpc.tracker.comments.list.useQuery(itemCommentsInput(itemId));
  const remove = trpc.tracker.comments.moderate.useMutation(
    useMutationFeedback({
      success: 'Comment deleted.',
      onDone: () => setRemoving(null),
      invalidate: (u) => [
        u.tracker.comments.list.invalidate({ itemId }),
        u.tracker.items.get.invalidate({ id: itemId }),
      ],
      error: false,
    }),
  );
  const tree = buildCommentTree(list.data?.items ?? []);
  const actions: Actions = { replyTo, setReplyTo, remove: setRemoving };

  return (
    <Card
      titleId="comments-title"
      title={`Comments (${count})`}
      bodyClassName="stack"
      after={
        <ConfirmDialog
          open={removing !== null}
          title="Delete this comment?"
          description="Its text is removed; replies stay in the thread under a 'Comment deleted' placeholder."
          confirmLabel="Delete comment"
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onConfirm={() => {
            if (removing) remove.mutate({ id: removing.id });
          }}
          onClose={() => {
            remove.reset();
            setRemoving(null);
          }}
        />
      }
    >
      <CommentForm itemId={itemId} label="New comment" />
      {list.error ? (
        <ErrorState error={list.error} onRetry={() => void list.refetch()} />
      ) : list.isLoading ? (
        <div className="stack" aria-busy="true">
          <span className="skeleton" style={{ width: '50%' }} />
          <span className="skeleton" style={{ width: '70%' }} />
        </div>
      ) : tree.length === 0 ? (
        <EmptyState title="No comments yet">Start the conversation above.</EmptyState>
      ) : (
        <ul className={styles.thread} aria-label="Comment thread">
          {tree.map((node) => (
            <CommentNode key={node.id} node={node} itemId={itemId} actions={actions} />
          ))}
        </ul>
      )}
    </Card>
  );
}
