'use client';

import { COMMENT_BODY_MAX } from '@bytelyst/routers/modules/tracker/comments/schema';
import { useId, useState } from 'react';
import { Button } from '~/components/kit/button';
import { FormError } from '~/components/kit/form-error';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

type Props = { itemId: string; parentId?: string; label: string; onDone?: () => void };

/** Posts a comment on the item, or a reply when `parentId` is given. */
export function CommentForm({ itemId, parentId, label, onDone }: Props) {
  const [body, setBody] = useState('');
  const id = useId();
  const create = trpc.tracker.comments.create.useMutation(
    useMutationFeedback({
      success: parentId ? 'Reply posted.' : 'Comment posted.',
      onDone: () => {
        setBody('');
        onDone?.();
      },
      invalidate: (u) => [
        u.tracker.comments.list.invalidate({ itemId }),
        u.tracker.items.get.invalidate({ id: itemId }),
      ],
      error: false,
    }),
  );

  return (
    <form
      aria-label={label}
      className="stack-tight"
      onSubmit={(event) => {
        event.preventDefault();
        if (body.trim()) create.mutate({ itemId, body, ...(parentId ? { parentId } : {}) });
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        {parentId ? 'Reply text' : 'Comment text'}
      </label>
      <textarea
        id={id}
        className="textarea"
        placeholder={parentId ? 'Write a reply…' : 'Add a comment…'}
        maxLength={COMMENT_BODY_MAX}
        value={body}
        onChange={(event) => setBody(event.target.value)}
      />
      {create.error ? <FormError message={errorMessage(create.error)} /> : null}
      <div className="row-tight">
        <Button type="submit" size="sm" variant="primary" disabled={!body.trim()} loading={create.isPending}>
          {parentId ? 'Reply' : 'Comment'}
        </Button>
        {onDone ? (
          <Button size="sm" variant="ghost" onClick={onDone}>
            Cancel
          </Button>
        ) : null}
      </div>
    </form>
  );
}
