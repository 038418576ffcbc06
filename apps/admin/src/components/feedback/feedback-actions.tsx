'use client';

import {
  type TFeedback,
  ZFeedbackConvertInput,
  ZFeedbackReplyInput,
} from '@bytelyst/routers/modules/feedback/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { SelectField, TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormErrors } from '~/hooks/use-form-errors';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { KIND_LABELS, optionsOf } from '../tracker/labels';

type Kind = 'bug' | 'feature' | 'task';
const DEFAULT_KIND: Record<TFeedback['type'], Kind> = {
  bug_report: 'bug',
  feature_request: 'feature',
  nps_survey: 'task',
  general: 'task',
};

const refresh = (u: TrpcUtils, id: string) => [
  u.feedback.list.invalidate(),
  u.feedback.get.invalidate({ id }),
  u.feedback.stats.invalidate(),
];

const issuesOf = (result: {
  success: boolean;
  error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => Object.fromEntries((result.error?.issues ?? []).map((issue) => [issue.path.join('.'), issue.message]));

function ConvertDialog({
  feedback,
  open,
  onClose,
}: {
  feedback: TFeedback;
  open: boolean;
  onClose: () => void;
}) {
  const [kind, setKind] = useState<Kind>(DEFAULT_KIND[feedback.type]);
  const [title, setTitle] = useState('');
  const form = useFormErrors();
  const convert = trpc.feedback.convert.useMutation(
    useMutationFeedback({
      success: (data) => `Tracker item "${data.item.title}" was created.`,
      successLink: (data) => ({ href: `/tracker/${encodeURIComponent(data.item.id)}`, label: 'Open item' }),
      onDone: onClose,
      invalidate: (u) => [...refresh(u, feedback.id), u.tracker.items.list.invalidate()],
      form,
    }),
  );
  const submit = () => {
    const input = { id: feedback.id, kind, ...(title.trim() ? { title: title.trim() } : {}) };
    if (form.check(issuesOf(ZFeedbackConvertInput.safeParse(input)))) convert.mutate(input);
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Convert to tracker item"
      description="The item is filed as the user who sent the feedback, with their words, steps, device and telemetry in its body."
      formError={form.formError}
      submitLabel="Create item"
      pending={convert.isPending}
      onSubmit={submit}
    >
      <SelectField
        label="Kind"
        value={kind}
        options={optionsOf(KIND_LABELS)}
        onChange={(event) => setKind(event.target.value as Kind)}
      />
      <TextField
        label="Title"
        placeholder={(feedback.title ?? feedback.summary).split('\n')[0]?.slice(0, 200)}
        hint="Leave empty to use the feedback's first line."
        maxLength={200}
        value={title}
        error={form.fields.title}
        onChange={(event) => setTitle(event.target.value)}
      />
    </FormDialog>
  );
}

function ReplyDialog({
  feedback,
  open,
  onClose,
}: {
  feedback: TFeedback;
  open: boolean;
  onClose: () => void;
}) {
  const [message, setMessage] = useState('');
  const form = useFormErrors();
  const reply = trpc.feedback.reply.useMutation(
    useMutationFeedback({
      success: 'Reply sent. The user gets it by email.',
      onDone: () => {
        setMessage('');
        onClose();
      },
      invalidate: (u) => refresh(u, feedback.id),
      form,
    }),
  );
  const submit = () => {
    const input = { id: feedback.id, message };
    if (form.check(issuesOf(ZFeedbackReplyInput.safeParse(input)))) reply.mutate(input);
  };
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Reply by email"
      description="Sent through delivery with the feedback-reply template, quoting what the user wrote."
      formError={form.formError}
      submitLabel="Send reply"
      pending={reply.isPending}
      onSubmit={submit}
    >
      <TextAreaField
        label="Message"
        rows={6}
        maxLength={5000}
        value={message}
        error={form.fields.message}
        onChange={(event) => setMessage(event.target.value)}
      />
    </FormDialog>
  );
}

function DismissDialog({
  feedback,
  open,
  onClose,
}: {
  feedback: TFeedback;
  open: boolean;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const form = useFormErrors();
  const dismiss = trpc.feedback.dismiss.useMutation(
    useMutationFeedback({
      success: 'Feedback dismissed.',
      onDone: onClose,
      invalidate: (u) => refresh(u, feedback.id),
      form,
    }),
  );
  return (
    <FormDialog
      open={open}
      onClose={onClose}
      title="Dismiss feedback"
      description="It leaves the inbox's new items and stays on record; it can still be converted later."
      formError={form.formError}
      submitLabel="Dismiss"
      pending={dismiss.isPending}
      onSubmit={() =>
        dismiss.mutate({ id: feedback.id, ...(reason.trim() ? { reason: reason.trim() } : {}) })
      }
    >
      <TextField
        label="Reason"
        hint="Optional, for the record."
        maxLength={500}
        value={reason}
        error={form.fields.reason}
        onChange={(event) => setReason(event.target.value)}
      />
    </FormDialog>
  );
}

/** Convert, reply and dismiss for one entry: the inbox's quick actions and the detail page's buttons. */
export function FeedbackActions({ feedback, size = 'sm' }: { feedback: TFeedback; size?: 'sm' | 'md' }) {
  const [open, setOpen] = useState<'convert' | 'reply' | 'dismiss' | null>(null);
  const close = () => setOpen(null);
  const label = feedback.title ?? feedback.summary.slice(0, 40);
  const converted = feedback.status === 'converted';
  return (
    <div className="btn-group">
      {converted ? null : (
        <Button
          size={size}
          onClick={() => setOpen('convert')}
          aria-label={`Convert "${label}" to a tracker item`}
        >
          Convert
        </Button>
      )}
      <Button size={size} onClick={() => setOpen('reply')} aria-label={`Reply to "${label}"`}>
        Reply
      </Button>
      {converted || feedback.status === 'dismissed' ? null : (
        <Button
          size={size}
          variant="ghost"
          onClick={() => setOpen('dismiss')}
          aria-label={`Dismiss "${label}"`}
        >
          Dismiss
        </Button>
      )}
      {open === 'convert' ? <ConvertDialog feedback={feedback} open onClose={close} /> : null}
      {open === 'reply' ? <ReplyDialog feedback={feedback} open onClose={close} /> : null}
      {open === 'dismiss' ? <DismissDialog feedback={feedback} open onClose={close} /> : null}
    </div>
  );
}
