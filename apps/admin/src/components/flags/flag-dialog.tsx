'use client';

import type { TFlag } from '@bytelyst/routers/modules/flags/schema';
import { useEffect } from 'react';
import { TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { checkFlag, EMPTY_FLAG, targetingOf, valuesOf } from './flag-form';
import { RolloutField } from './rollout-field';
import { TargetingFields } from './targeting-fields';

type Props = {
  open: boolean;
  /** The flag to edit, or null to create one. */
  flag: TFlag | null;
  onClose: () => void;
};

export function FlagDialog({ open, flag, onClose }: Props) {
  const {
    values: form,
    set,
    setValues,
    fields,
    formError,
    check,
    fromApi,
    clear,
  } = useFormValues(EMPTY_FLAG);
  const creating = flag === null;

  useEffect(() => {
    if (open) setValues(flag ? valuesOf(flag) : EMPTY_FLAG);
  }, [open, flag, setValues]);

  const close = () => {
    clear();
    onClose();
  };
  const saved = { onDone: close, invalidate: (u: TrpcUtils) => [u.flags.invalidate()], form: { fromApi } };
  const create = trpc.flags.create.useMutation(
    useMutationFeedback({
      ...saved,
      success: (flag) => `Flag ${flag.key} was created.`,
      conflict: { key: 'A flag with this key exists in this product.' },
    }),
  );
  const update = trpc.flags.update.useMutation(
    useMutationFeedback({ ...saved, success: (flag) => `Flag ${flag.key} was saved.` }),
  );

  const submit = () => {
    if (!check(checkFlag(form, creating))) return;
    const common = {
      description: form.description.trim(),
      percentage: Number(form.percentage),
      targeting: targetingOf(form),
    };
    if (flag) update.mutate({ id: flag.id, ...common });
    else create.mutate({ key: form.key.trim(), ...common });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={flag ? `Edit ${flag.key}` : 'New feature flag'}
      description={
        creating
          ? 'New flags start off; turn them on from the table once the targeting is right.'
          : 'Raising the rollout keeps everyone who has the flag; lowering it takes it from some.'
      }
      formError={formError}
      submitLabel={creating ? 'Create flag' : 'Save changes'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      {creating ? (
        <TextField
          label="Key"
          value={form.key}
          placeholder="new-editor"
          hint="Lower-case kebab-case or snake_case; clients read flags by key. It cannot change later."
          onChange={(event) => set('key', event.target.value)}
          error={fields.key}
        />
      ) : null}
      <TextField
        label="Description"
        value={form.description}
        placeholder="What turning this on changes"
        maxLength={500}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <RolloutField
        value={form.percentage}
        onChange={(value) => set('percentage', value)}
        error={fields.percentage}
      />
      <TargetingFields
        value={form}
        onChange={(patch) => setValues((current) => ({ ...current, ...patch }))}
        errors={fields}
        errorPrefix="targeting"
        includeLabel="Always on for user ids"
        excludeLabel="Always off for user ids"
      />
    </FormDialog>
  );
}
