'use client';

import type { TTrackerItem } from '@bytelyst/routers/modules/tracker/items/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage, fieldErrorsOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

const SUBMISSION_LABELS = {
  pending: 'Suggestion waiting for review',
  approved: 'Approved suggestion',
  rejected: 'Rejected suggestion',
} as const;

/**
 * The item's face on the public roadmap: shown or not, the title and text the public reads (the internal ones
 * when empty), and the changelog entry that shipped it. Public comments are removed in the thread below.
 */
export function RoadmapCard({ item }: { item: TTrackerItem }) {
  const [publicTitle, setPublicTitle] = useState(item.publicTitle ?? '');
  const [publicBody, setPublicBody] = useState(item.publicBody ?? '');
  const [entryId, setEntryId] = useState(item.changelogEntryId ?? '');
  const update = trpc.roadmap.updateItem.useMutation(
    useMutationFeedback({
      success: (saved) =>
        saved.public ? 'Saved: shown on the public roadmap.' : 'Saved: not on the public roadmap.',
      invalidate: (u) => [u.tracker.items.get.invalidate({ id: item.id })],
      error: false,
    }),
  );
  const blocked = item.submissionState === 'pending' || item.submissionState === 'rejected';
  const fields = update.error ? fieldErrorsOf(update.error) : {};
  const face = {
    publicTitle: publicTitle.trim() || null,
    publicBody: publicBody.trim() || null,
    changelogEntryId: entryId.trim() || null,
  };
  return (
    <Card titleId="roadmap-title" title="Public roadmap" bodyClassName="stack">
      <div className="row">
        <Badge tone={item.public ? 'success' : 'neutral'}>{item.public ? 'Public' : 'Internal'}</Badge>
        {item.submissionState ? <Badge tone="info">{SUBMISSION_LABELS[item.submissionState]}</Badge> : null}
        {item.submissionReason ? <span className="muted">Reason: {item.submissionReason}</span> : null}
      </div>
      <TextField
        label="Public title"
        hint="Empty: the public sees the title above."
        value={publicTitle}
        error={fields.publicTitle}
        onChange={(event) => setPublicTitle(event.target.value)}
      />
      <TextAreaField
        label="Public description"
        value={publicBody}
        rows={3}
        error={fields.publicBody}
        onChange={(event) => setPublicBody(event.target.value)}
      />
      <TextField
        label="Shipped in changelog entry"
        hint="The entry's id, such as v2.4.0; the roadmap links it once the item is done."
        value={entryId}
        error={fields.changelogEntryId}
        onChange={(event) => setEntryId(event.target.value)}
      />
      {update.error && Object.keys(fields).length === 0 ? (
        <FormError message={errorMessage(update.error)} />
      ) : null}
      <div className="row">
        <Button loading={update.isPending} onClick={() => update.mutate({ id: item.id, ...face })}>
          Save public text
        </Button>
        <span className="spacer" />
        {item.public ? (
          <Button onClick={() => update.mutate({ id: item.id, public: false })}>Hide from roadmap</Button>
        ) : (
          <Button
            variant="primary"
            disabled={blocked}
            title={blocked ? 'Approve the suggestion to make it public' : undefined}
            onClick={() => update.mutate({ id: item.id, public: true, ...face })}
          >
            Show on roadmap
          </Button>
        )}
      </div>
    </Card>
  );
}
