'use client';

import type { TKillSwitchPublic } from '@bytelyst/routers/modules/settings/schema';
import { useEffect, useId, useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { Icon } from '~/components/kit/icon';
import { useFormErrors } from '~/hooks/use-form-errors';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { Switch } from '../flags/switch';

type Form = { enabled: boolean; message: string; minAppVersion: string };

const formOf = (state: TKillSwitchPublic): Form => ({
  enabled: state.enabled,
  message: state.message,
  minAppVersion: state.minAppVersion ?? '',
});

/** The per-product kill switch: what every client polls before it starts. */
export function KillSwitchCard({ current }: { current: TKillSwitchPublic }) {
  const [form, setForm] = useState<Form>(() => formOf(current));
  const [confirming, setConfirming] = useState(false);
  const { fields, formError, check, fromApi, reset } = useFormErrors();
  const switchId = useId();

  useEffect(() => setForm(formOf(current)), [current]);

  const save = trpc.settings.setKillSwitch.useMutation(
    useMutationFeedback({
      success: (state) =>
        state.enabled ? 'The kill switch is on: clients stop.' : 'The kill switch is off.',
      onDone: () => {
        setConfirming(false);
        reset();
      },
      invalidate: (u) => [u.settings.getKillSwitch.invalidate()],
      form: { fromApi },
      onFailed: () => setConfirming(false),
    }),
  );

  const dirty =
    form.enabled !== current.enabled ||
    form.message.trim() !== current.message ||
    (form.minAppVersion.trim() || null) !== current.minAppVersion;
  const send = () =>
    save.mutate({
      enabled: form.enabled,
      message: form.message.trim(),
      minAppVersion: form.minAppVersion.trim() || null,
    });
  const submit = () => {
    if (
      !check(form.enabled && !form.message.trim() ? { message: 'Say why: clients show this message.' } : {})
    ) {
      return;
    }
    // Turning it on stops every client of the product: ask first.
    if (form.enabled && !current.enabled) setConfirming(true);
    else send();
  };

  return (
    <Card
      titleId="kill-switch-title"
      title="Kill switch"
      subtitle="While it is on, clients stop and show the message."
      actions={
        current.enabled ? (
          <Badge tone="danger" dot>
            On: clients are stopped
          </Badge>
        ) : (
          <Badge tone="success" dot>
            Off
          </Badge>
        )
      }
    >
      <form
        className="stack"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <FormError message={formError} />
        <div className="row">
          <Switch
            id={switchId}
            tone="danger"
            checked={form.enabled}
            label="Kill switch enabled"
            onChange={(enabled) => setForm((f) => ({ ...f, enabled }))}
          />
          <label htmlFor={switchId} className="field-label">
            {form.enabled ? 'Stop clients of this product' : 'Clients run normally'}
          </label>
        </div>
        <TextAreaField
          label="Message"
          value={form.message}
          maxLength={500}
          placeholder="We are fixing a problem with sync. Back within the hour."
          hint="Shown by clients while the switch is on."
          onChange={(event) => setForm((f) => ({ ...f, message: event.target.value }))}
          error={fields.message}
        />
        <TextField
          label="Minimum app version"
          value={form.minAppVersion}
          placeholder="Leave empty to stop every version"
          hint="When set, only versions older than this stop (a forced upgrade)."
          onChange={(event) => setForm((f) => ({ ...f, minAppVersion: event.target.value }))}
          error={fields.minAppVersion}
        />
        <div className="row">
          <span className="cell-secondary">Last changed {formatDateTime(current.updatedAt, 'never')}</span>
          <span className="spacer" />
          <Button onClick={() => setForm(formOf(current))} disabled={!dirty || save.isPending}>
            Reset
          </Button>
          <Button type="submit" variant="primary" loading={save.isPending} disabled={!dirty}>
            Save kill switch
          </Button>
        </div>
      </form>
      <ConfirmDialog
        open={confirming}
        title="Stop every client of this product?"
        description={
          form.minAppVersion.trim()
            ? `Clients older than ${form.minAppVersion.trim()} stop and show your message on their next check.`
            : 'Every client stops and shows your message on its next check (within seconds).'
        }
        confirmLabel="Turn the kill switch on"
        pending={save.isPending}
        onConfirm={send}
        onClose={() => setConfirming(false)}
      >
        <div className="alert alert-warning" role="note">
          <Icon name="alert" size={16} />
          <span>{form.message.trim()}</span>
        </div>
      </ConfirmDialog>
    </Card>
  );
}
