'use client';

import type { TMemoryItem } from '@bytelyst/routers/modules/memory/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { DataTable, tableStateOf } from '~/components/kit/data-table';
import { TextField } from '~/components/kit/field';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { ReassignMemoryDialog } from './reassign-memory-dialog';

const COLUMNS = [
  { label: 'Text' },
  { label: 'Tags' },
  { label: 'Source' },
  { label: 'Saved' },
  { label: 'Actions', className: 'cell-actions' },
] as const;

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 139)}…` : text);

/**
 * For the user detail page: the user's memory items (MindLyst's notes), searchable by words and tag, each
 * movable to another user of the product or deletable with its file.
 */
export function UserMemoryCard({ userId, highlight }: { userId: string; highlight?: string | undefined }) {
  const [q, setQ] = useState('');
  const [tag, setTag] = useState('');
  const [moving, setMoving] = useState<TMemoryItem | null>(null);
  const [deleting, setDeleting] = useState<TMemoryItem | null>(null);
  const input = {
    userId,
    limit: 50,
    ...(q.trim() ? { q: q.trim() } : {}),
    ...(tag.trim() ? { tag: tag.trim().toLowerCase() } : {}),
  };
  const list = trpc.memory.list.useQuery(input);
  const remove = trpc.memory.delete.useMutation(
    useMutationFeedback({
      success: 'The memory item was deleted.',
      onDone: () => setDeleting(null),
      invalidate: (u) => [u.memory.list.invalidate()],
      error: false,
    }),
  );
  const items = list.data?.items ?? [];
  return (
    <Card
      titleId="memory"
      title="Memory items"
      subtitle={
        list.data
          ? `${items.length}${list.data.nextCursor ? '+' : ''} item${items.length === 1 ? '' : 's'} saved by this user`
          : 'Notes, clips and transcripts this user saved'
      }
      bodyClassName="card-body-flush"
    >
      <search className="filters card-toolbar">
        <TextField label="Words in the text" value={q} onChange={(e) => setQ(e.target.value)} />
        <TextField label="Tag" value={tag} onChange={(e) => setTag(e.target.value)} />
      </search>
      <DataTable
        columns={COLUMNS}
        rows={items}
        {...tableStateOf(list)}
        emptyTitle={q || tag ? 'No item matches' : 'No memory items'}
        emptyHint={q || tag ? 'Change the words or the tag.' : 'This user has not saved anything yet.'}
        renderRow={(item) => (
          <tr key={item.id} aria-current={item.id === highlight ? 'true' : undefined}>
            <td>
              {excerpt(item.text)}
              {item.attachment ? <span className="muted"> · {item.attachment.contentType}</span> : null}
              {item.reassignedFrom ? <span className="muted"> · moved from another user</span> : null}
            </td>
            <td>
              <span className="row">
                {item.tags.map((t) => (
                  <Badge key={t}>{t}</Badge>
                ))}
              </span>
            </td>
            <td className="mono">{item.source}</td>
            <td className="cell-muted nowrap">{formatDateTime(item.createdAt)}</td>
            <td className="cell-actions">
              <span className="row">
                <Button
                  size="sm"
                  aria-label={`Move “${excerpt(item.text)}” to another user`}
                  onClick={() => setMoving(item)}
                >
                  Move…
                </Button>
                <Button
                  size="sm"
                  variant="danger"
                  aria-label={`Delete “${excerpt(item.text)}”`}
                  onClick={() => setDeleting(item)}
                >
                  Delete
                </Button>
              </span>
            </td>
          </tr>
        )}
      >
        <ReassignMemoryDialog item={moving} onClose={() => setMoving(null)} />
        <ConfirmDialog
          open={deleting !== null}
          title="Delete this memory item?"
          description={
            deleting
              ? `“${excerpt(deleting.text)}” is deleted for good${deleting.attachment ? ', with its file' : ''}.`
              : ''
          }
          confirmLabel="Delete item"
          pending={remove.isPending}
          error={remove.error ? errorMessage(remove.error) : null}
          onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
          onClose={() => {
            remove.reset();
            setDeleting(null);
          }}
        />
      </DataTable>
    </Card>
  );
}
