'use client';

import type { TWebhookEndpoint } from '@bytelyst/routers/modules/webhooks/schema';
import { useEffect, useState } from 'react';
import { Dialog } from '~/components/kit/dialog';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import {
  checkEndpoint,
  emptyEndpoint,
  endpointInput,
  filterSuggestions,
  SCHEME_OPTIONS,
  type SignatureScheme,
  valuesOf,
} from './endpoint-form';
import { EventTypesField } from './event-types-field';
import { HeadersField } from './headers-field';
import { SecretShownOnce } from './secret-shown-once';
import { usePublicEvents } from './use-public-events';

type Props = {
  open: boolean;
  /** The endpoint to edit, or null to add one. */
  endpoint: TWebhookEndpoint | null;
  onClose: () => void;
};

type Created = { secret: string; publicKey: string | null; signatureScheme: SignatureScheme };

export const invalidateWebhooks = (u: TrpcUtils) => [u.webhooks.invalidate()];

/** Adds an endpoint (then shows its secret, once) or edits one; the API's field errors land on the fields. */
export function EndpointDialog({ open, endpoint, onClose }: Props) {
  const {
    values: form,
    set,
    setValues,
    fields,
    formError,
    check,
    fromApi,
    clear,
  } = useFormValues(emptyEndpoint());
  const [created, setCreated] = useState<Created | null>(null);
  const { events } = usePublicEvents();
  const suggestions = filterSuggestions(events.map((entry) => entry.type));

  useEffect(() => {
    if (open) setValues(endpoint ? valuesOf(endpoint) : emptyEndpoint());
  }, [open, endpoint, setValues]);

  const close = () => {
    clear();
    setCreated(null);
    onClose();
  };
  const create = trpc.webhooks.endpoints.create.useMutation(
    useMutationFeedback({
      success: (e) => `Endpoint ${e.url} was added.`,
      onDone: (e) =>
        setCreated({ secret: e.secret, publicKey: e.publicKey, signatureScheme: e.signatureScheme }),
      invalidate: invalidateWebhooks,
      form: { fromApi },
    }),
  );
  const update = trpc.webhooks.endpoints.update.useMutation(
    useMutationFeedback({
      success: (e) => `Endpoint ${e.url} was saved.`,
      onDone: close,
      invalidate: invalidateWebhooks,
      form: { fromApi },
    }),
  );

  const submit = () => {
    if (!check(checkEndpoint(form))) return;
    const input = endpointInput(form);
    set('eventTypes', input.eventTypes);
    set('eventDraft', '');
    if (endpoint) update.mutate({ id: endpoint.id, ...input });
    else create.mutate({ ...input, signatureScheme: form.signatureScheme });
  };

  if (created) {
    return (
      <Dialog
        open={open}
        onClose={close}
        title={created.signatureScheme === 'v1a' ? 'Copy the public key' : 'Copy the signing secret'}
        description="The endpoint is live: matching events are sent to it from now on."
      >
        <SecretShownOnce value={created} onDone={close} />
      </Dialog>
    );
  }

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={endpoint ? 'Edit endpoint' : 'New webhook endpoint'}
      description="Where the platform POSTs the events it subscribes to, signed per Standard Webhooks."
      formError={formError}
      submitLabel={endpoint ? 'Save changes' : 'Add endpoint'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      <TextField
        label="URL"
        type="url"
        value={form.url}
        placeholder="https://example.com/webhooks"
        spellCheck={false}
        hint="Must resolve to a public address; redirects are not followed."
        onChange={(event) => set('url', event.target.value)}
        error={fields.url}
      />
      <TextField
        label="Description"
        value={form.description}
        placeholder="Zapier: new customers"
        maxLength={500}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <EventTypesField
        value={form.eventTypes}
        draft={form.eventDraft}
        suggestions={suggestions}
        error={fields.eventTypes}
        onChange={(next) => set('eventTypes', next)}
        onDraft={(next) => set('eventDraft', next)}
      />
      <HeadersField rows={form.headers} error={fields.headers} onChange={(next) => set('headers', next)} />
      <div className="grid grid-halves">
        <TextField
          label="Rate limit"
          type="number"
          inputMode="numeric"
          min={1}
          max={10_000}
          value={form.rateLimit}
          placeholder="No limit"
          hint="Messages per second, across every instance."
          onChange={(event) => set('rateLimit', event.target.value)}
          error={fields.rateLimit}
        />
        {endpoint ? null : (
          <SelectField
            label="Signature scheme"
            value={form.signatureScheme}
            options={SCHEME_OPTIONS}
            hint="v1a lets receivers verify without holding a secret."
            onChange={(event) => set('signatureScheme', event.target.value as SignatureScheme)}
            error={fields.signatureScheme}
          />
        )}
      </div>
    </FormDialog>
  );
}
