'use client';

import {
  RATE_LIMIT_KEYS,
  type TRateLimitKey,
  type TRateLimitRule,
  ZOperationPattern,
} from '@bytelyst/routers/modules/ratelimit/schema';
import { useEffect } from 'react';
import { SelectField, TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';
import { EXPIRY_OPTIONS, expiryIn } from './ip-rules-list';
import styles from './ratelimit.module.css';

const KEY_OPTIONS: { value: TRateLimitKey; label: string }[] = [
  { value: 'ip', label: 'Client address' },
  { value: 'user', label: 'Signed-in user (else address)' },
  { value: 'apiToken', label: 'API token (else address)' },
  { value: 'product', label: 'The whole product' },
];
const KEEP = 'keep';

const draftOf = (rule: TRateLimitRule | null) => ({
  name: rule?.name ?? '',
  description: rule?.description ?? '',
  match: (rule?.match ?? []).join('\n'),
  key: (rule?.key ?? 'ip') as TRateLimitKey,
  limit: String(rule?.limit ?? 60),
  windowSeconds: String(rule?.windowSeconds ?? 60),
  expiresIn: rule?.expiresAt ? KEEP : '',
});

/** Creates a rule (`rule` null) or changes one, a default rule included. */
export function RuleDialog({
  open,
  rule,
  onClose,
}: {
  open: boolean;
  rule: TRateLimitRule | null;
  onClose: () => void;
}) {
  const {
    values: form,
    set,
    setValues,
    fields,
    formError,
    check,
    fromApi,
    clear,
  } = useFormValues(draftOf(rule));
  useEffect(() => {
    if (open) setValues(draftOf(rule));
  }, [open, rule, setValues]);
  const close = () => {
    clear();
    onClose();
  };
  const feedback = {
    onDone: close,
    invalidate: (u: ReturnType<typeof trpc.useUtils>) => [u.ratelimit.rules.list.invalidate()],
    form: { fromApi },
  };
  const create = trpc.ratelimit.rules.create.useMutation(
    useMutationFeedback({ success: (saved) => `Rule ${saved.name} was added.`, ...feedback }),
  );
  const update = trpc.ratelimit.rules.update.useMutation(
    useMutationFeedback({ success: (saved) => `Rule ${saved.name} was saved.`, ...feedback }),
  );

  const submit = () => {
    const match = form.match
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    const limit = Number(form.limit);
    const windowSeconds = Number(form.windowSeconds);
    const errors: Record<string, string> = {};
    if (!form.name.trim()) errors.name = 'Name the rule.';
    if (match.length === 0 || !match.every((pattern) => passes(ZOperationPattern, pattern))) {
      errors.match = 'One per line: auth.login, auth.*, POST /v1/auth/login or /v1/telemetry/*.';
    }
    if (!(Number.isInteger(limit) && limit >= 1)) errors.limit = 'A whole number, 1 or more.';
    if (!(Number.isInteger(windowSeconds) && windowSeconds >= 1 && windowSeconds <= 86_400)) {
      errors.windowSeconds = 'Whole seconds, 1 to 86400.';
    }
    if (!check(errors)) return;
    const fieldsToSave = {
      name: form.name.trim(),
      description: form.description.trim(),
      match,
      key: form.key,
      limit,
      windowSeconds,
      ...(form.expiresIn === KEEP ? {} : { expiresAt: expiryIn(form.expiresIn) }),
    };
    if (rule) update.mutate({ id: rule.id, ...fieldsToSave });
    else
      create.mutate({
        ...fieldsToSave,
        enabled: true,
        expiresAt: expiryIn(form.expiresIn === KEEP ? '' : form.expiresIn),
      });
  };

  const expiryOptions = rule?.expiresAt
    ? [{ value: KEEP, label: 'Keep the current end' }, ...EXPIRY_OPTIONS]
    : EXPIRY_OPTIONS;
  return (
    <FormDialog
      open={open}
      onClose={close}
      title={rule ? `Change ${rule.name}` : 'New rate-limit rule'}
      description="A sliding window: at most the limit in any stretch of the window's length, on the tRPC and REST faces alike."
      formError={formError}
      submitLabel={rule ? 'Save rule' : 'Add rule'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Name"
        value={form.name}
        onChange={(event) => set('name', event.target.value)}
        error={fields.name}
      />
      <TextAreaField
        label="Applies to"
        rows={3}
        value={form.match}
        placeholder={'auth.login\nPOST /v1/waitlist/join'}
        onChange={(event) => set('match', event.target.value)}
        error={fields.match ?? fields['match.0']}
        hint="Procedures or REST routes, one per line; * matches anything."
      />
      <SelectField
        label="Counted per"
        value={form.key}
        options={KEY_OPTIONS.filter((option) => RATE_LIMIT_KEYS.includes(option.value))}
        onChange={(event) => set('key', event.target.value as TRateLimitKey)}
        error={fields.key}
      />
      <div className={styles.pair}>
        <TextField
          label="Limit"
          inputMode="numeric"
          value={form.limit}
          onChange={(event) => set('limit', event.target.value)}
          error={fields.limit}
        />
        <TextField
          label="Window (seconds)"
          inputMode="numeric"
          value={form.windowSeconds}
          onChange={(event) => set('windowSeconds', event.target.value)}
          error={fields.windowSeconds}
        />
      </div>
      <SelectField
        label="Ends"
        value={form.expiresIn}
        options={expiryOptions.map((option) =>
          option.value === '' ? { ...option, label: 'Never' } : { ...option, label: `After ${option.label}` },
        )}
        onChange={(event) => set('expiresIn', event.target.value)}
        error={fields.expiresAt}
      />
      <TextField
        label="Description"
        value={form.description}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
    </FormDialog>
  );
}
