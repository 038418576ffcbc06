'use client';

import type { TChangelogEntry } from '@bytelyst/routers/modules/changelog/schema';
import { useEffect, useRef, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { Icon } from '~/components/kit/icon';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { EntryEditor } from './entry-editor';
import { CATEGORY_LABELS, CATEGORY_TONES, PLATFORM_LABELS, STATE_LABELS, STATE_TONES } from './labels';

const COLUMNS: readonly Column[] = [
  { label: 'Version' },
  { label: 'Entry' },
  { label: 'State' },
  { label: 'Platforms' },
  { label: 'Actions', className: 'cell-actions' },
];

/** /content/changelog: every entry by version, with the editor above the list when one is open. */
export function ChangelogAdminView({ openEntryId = null }: { openEntryId?: string | null }) {
  const list = trpc.changelog.listAll.useQuery({ limit: 100 });
  const [editing, setEditing] = useState<TChangelogEntry | 'new' | null>(null);
  // The entry named in the URL opens once, when the list has it; closing the editor does not reopen it.
  const opened = useRef(false);
  useEffect(() => {
    if (opened.current || !openEntryId) return;
    const entry = list.data?.items.find((candidate) => candidate.id === openEntryId);
    if (!entry) return;
    opened.current = true;
    setEditing(entry);
  }, [openEntryId, list.data]);
  const [deleting, setDeleting] = useState<TChangelogEntry | null>(null);
  const invalidate = (u: ReturnType<typeof trpc.useUtils>) => [u.changelog.invalidate()];
  const publish = trpc.changelog.publish.useMutation(
    useMutationFeedback({ success: (e) => `${e.version} is published.`, invalidate }),
  );
  const unpublish = trpc.changelog.unpublish.useMutation(
    useMutationFeedback({ success: (e) => `${e.version} is a draft again.`, invalidate }),
  );
  const remove = trpc.changelog.delete.useMutation(
    useMutationFeedback({
      success: 'The entry was deleted.',
      invalidate,
      onDone: () => setDeleting(null),
      error: false,
    }),
  );
  return (
    <>
      <PageHeader
        title="Changelog"
        description="Release notes clients fetch on launch (GET /v1/changelog) and the public page at /changelog shows. Drafts stay private; a scheduled entry is published by the changelog-publish job."
        actions={
          <>
            <a className="btn" href="/changelog" target="_blank" rel="noreferrer">
              <Icon name="book" size={14} />
              Open public page
            </a>
            <NewButton label="New entry" onClick={() => setEditing('new')} />
          </>
        }
      />
      {editing ? (
        <EntryEditor
          key={editing === 'new' ? 'new' : editing.id}
          entry={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <section className="card" aria-labelledby="entries-title">
        <div className="card-header">
          <h2 className="card-title" id="entries-title">
            Entries
          </h2>
        </div>
        <DataTable
          {...tableStateOf(list)}
          columns={COLUMNS}
          rows={list.data?.items ?? []}
          emptyTitle="No entries yet"
          emptyHint="Write the notes of your next release; publish them now or at release time."
          renderRow={(entry) => (
            <tr key={entry.id}>
              <td className="cell-primary">{entry.version}</td>
              <td>
                <div className="cell-primary">{entry.title}</div>
                <Badge tone={CATEGORY_TONES[entry.category]}>{CATEGORY_LABELS[entry.category]}</Badge>
              </td>
              <td>
                <Badge tone={STATE_TONES[entry.state]} dot>
                  {STATE_LABELS[entry.state]}
                </Badge>
                <div className="cell-muted">
                  {entry.state === 'published'
                    ? formatDateTime(entry.publishedAt)
                    : entry.state === 'scheduled'
                      ? `at ${formatDateTime(entry.scheduledAt)}`
                      : `edited ${formatDateTime(entry.updatedAt)}`}
                </div>
              </td>
              <td className="cell-muted">{entry.platforms.map((p) => PLATFORM_LABELS[p]).join(', ')}</td>
              <td className="cell-actions">
                <Button size="sm" aria-label={`Edit ${entry.version}`} onClick={() => setEditing(entry)}>
                  Edit
                </Button>
                {entry.state === 'draft' ? (
                  <Button
                    size="sm"
                    aria-label={`Publish ${entry.version}`}
                    loading={publish.isPending && publish.variables?.id === entry.id}
                    onClick={() => publish.mutate({ id: entry.id })}
                  >
                    Publish
                  </Button>
                ) : (
                  <Button
                    size="sm"
                    aria-label={`Unpublish ${entry.version}`}
                    loading={unpublish.isPending && unpublish.variables?.id === entry.id}
                    onClick={() => unpublish.mutate({ id: entry.id })}
                  >
                    {entry.state === 'scheduled' ? 'Unschedule' : 'Unpublish'}
                  </Button>
                )}
                <Button
                  size="sm"
                  variant="ghost"
                  aria-label={`Delete ${entry.version}`}
                  onClick={() => setDeleting(entry)}
                >
                  Delete
                </Button>
              </td>
            </tr>
          )}
        />
      </section>
      <ConfirmDialog
        open={deleting !== null}
        title={`Delete ${deleting?.version ?? ''}?`}
        description="The entry is removed; clients stop seeing it if it was published."
        confirmLabel="Delete entry"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id })}
        onClose={() => setDeleting(null)}
      />
    </>
  );
}
