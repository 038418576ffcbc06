'use client';

import type { TIncident, TIncidentStatus } from '@bytelyst/routers/modules/status/schema';
import { useEffect } from 'react';
import { SelectField, TextAreaField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { INCIDENT_STATUS_LABELS } from './labels';

type Props = {
  /** The incident, and whether to post an update or write its postmortem; null when closed. */
  target: { incident: TIncident; mode: 'update' | 'postmortem' } | null;
  onClose: () => void;
};

const STATUSES: readonly TIncidentStatus[] = ['investigating', 'identified', 'monitoring', 'resolved'];

/** Posts a timestamped public update (Resolved resolves it), or the postmortem of a resolved incident. */
export function IncidentUpdateDialog({ target, onClose }: Props) {
  const { values, set, setValues, fields, formError, check, fromApi, clear } = useFormValues({
    status: 'identified' as TIncidentStatus,
    message: '',
  });
  const incident = target?.incident;
  const postmortem = target?.mode === 'postmortem';
  useEffect(() => {
    if (!target) return;
    const next = STATUSES[Math.min(STATUSES.indexOf(target.incident.status) + 1, STATUSES.length - 1)];
    setValues({
      status: next ?? 'resolved',
      message: target.mode === 'postmortem' ? (target.incident.postmortem ?? '') : '',
    });
  }, [target, setValues]);
  const close = () => {
    clear();
    onClose();
  };
  const feedback = {
    onDone: close,
    invalidate: (u: ReturnType<typeof trpc.useUtils>) => [u.status.invalidate()],
    form: { fromApi },
  };
  const post = trpc.status.incidents.createUpdate.useMutation(
    useMutationFeedback({
      ...feedback,
      success: (i) =>
        i.status === 'resolved' ? `“${i.title}” is resolved.` : `The update on “${i.title}” is posted.`,
    }),
  );
  const save = trpc.status.incidents.setPostmortem.useMutation(
    useMutationFeedback({ ...feedback, success: (i) => `The postmortem of “${i.title}” is published.` }),
  );
  const submit = () => {
    if (!incident) return;
    if (
      !check(
        values.message.trim() ? {} : { message: postmortem ? 'Write the postmortem' : 'Write the update' },
      )
    )
      return;
    if (postmortem) save.mutate({ id: incident.id, postmortem: values.message.trim() });
    else post.mutate({ id: incident.id, status: values.status, message: values.message.trim() });
  };
  return (
    <FormDialog
      open={target !== null}
      onClose={close}
      title={postmortem ? `Postmortem: ${incident?.title ?? ''}` : `Update: ${incident?.title ?? ''}`}
      description={
        postmortem
          ? 'Published under the resolved incident on the public page.'
          : 'A timestamped public message; subscribers are mailed. Choose Resolved to close the incident.'
      }
      formError={formError}
      submitLabel={
        postmortem ? 'Publish postmortem' : values.status === 'resolved' ? 'Resolve incident' : 'Post update'
      }
      pending={post.isPending || save.isPending}
      onSubmit={submit}
    >
      {postmortem ? null : (
        <SelectField
          label="Status"
          value={values.status}
          options={STATUSES.map((status) => ({ value: status, label: INCIDENT_STATUS_LABELS[status] }))}
          onChange={(event) => set('status', event.target.value as TIncidentStatus)}
        />
      )}
      <TextAreaField
        label={postmortem ? 'Postmortem' : 'Public message'}
        value={values.message}
        rows={postmortem ? 8 : 3}
        onChange={(event) => set('message', event.target.value)}
        error={fields.message}
      />
    </FormDialog>
  );
}
