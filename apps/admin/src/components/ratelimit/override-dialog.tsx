'use client';

import type { TRateLimitOverride } from '@bytelyst/routers/modules/ratelimit/schema';
import { useEffect } from 'react';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { EXPIRY_OPTIONS, expiryIn } from './ip-rules-list';

export type OverrideDraft = {
  /** Set when an existing override is edited: its user and rule stay, the rest may change. */
  id?: string;
  /** The user's email, shown when editing. */
  userEmail?: string | null;
  userId: string;
  ruleId: string;
  kind: 'limit' | 'multiplier';
  amount: string;
  reason: string;
  expiresIn: string;
};

export const EMPTY_OVERRIDE: OverrideDraft = {
  userId: '',
  ruleId: '',
  kind: 'multiplier',
  amount: '2',
  reason: '',
  expiresIn: '86400',
};

/** The draft of an existing override, to edit it; its expiry stays unless another is picked. */
export const draftOfOverride = (override: TRateLimitOverride): OverrideDraft => ({
  id: override.id,
  userEmail: override.userEmail,
  userId: override.userId,
  ruleId: override.ruleId ?? '',
  kind: override.limit !== null ? 'limit' : 'multiplier',
  amount: String(override.limit ?? override.multiplier ?? 1),
  reason: override.reason,
  expiresIn: KEEP_EXPIRY,
});

const KEEP_EXPIRY = 'keep';

/**
 * Raises or lowers one user's limits until a time; opened empty, from an offender ("Override this user"), or on
 * an existing override to change its limit or multiplier, reason or expiry.
 */
export function OverrideDialog({
  open,
  initial,
  onClose,
}: {
  open: boolean;
  initial: OverrideDraft;
  onClose: () => void;
}) {
  const { values: form, set, setValues, fields, formError, check, fromApi, clear } = useFormValues(initial);
  useEffect(() => {
    if (open) setValues(initial);
  }, [open, initial, setValues]);
  const rules = trpc.ratelimit.rules.list.useQuery(undefined, { enabled: open });
  const close = () => {
    clear();
    onClose();
  };
  const editing = initial.id !== undefined;
  const feedback = {
    onDone: close,
    invalidate: (u: TrpcUtils) => [
      u.ratelimit.overrides.list.invalidate(),
      u.ratelimit.listBlocked.invalidate(),
    ],
    form: { fromApi },
  };
  const who = (override: TRateLimitOverride) => override.userEmail ?? override.userId;
  const create = trpc.ratelimit.overrides.create.useMutation(
    useMutationFeedback({
      ...feedback,
      success: (override) => `${who(override)} has an override until it expires.`,
    }),
  );
  const update = trpc.ratelimit.overrides.update.useMutation(
    useMutationFeedback({ ...feedback, success: (override) => `${who(override)}'s override was changed.` }),
  );
  const submit = () => {
    const errors: Record<string, string> = {};
    const amount = Number(form.amount);
    if (!form.userId.trim()) errors.userId = 'Enter the user id.';
    if (form.kind === 'limit' && !form.ruleId) errors.ruleId = 'A limit is for one rule: pick it.';
    if (form.kind === 'limit' && !(Number.isInteger(amount) && amount >= 1))
      errors.limit = 'A whole number, 1 or more.';
    if (form.kind === 'multiplier' && !(amount >= 0.01 && amount <= 1000))
      errors.multiplier = 'Between 0.01 and 1000.';
    if (!form.reason.trim()) errors.reason = 'Say why.';
    if (!check(errors)) return;
    if (initial.id !== undefined) {
      update.mutate({
        id: initial.id,
        ...(form.kind === 'limit' ? { limit: amount } : { multiplier: amount }),
        reason: form.reason.trim(),
        ...(form.expiresIn === KEEP_EXPIRY ? {} : { expiresAt: expiryIn(form.expiresIn) ?? undefined }),
      });
      return;
    }
    create.mutate({
      userId: form.userId.trim(),
      ruleId: form.ruleId || null,
      limit: form.kind === 'limit' ? amount : null,
      multiplier: form.kind === 'multiplier' ? amount : null,
      reason: form.reason.trim(),
      expiresAt: expiryIn(form.expiresIn) ?? new Date(Date.now() + 86_400_000).toISOString(),
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={editing ? 'Change an override' : "Override a user's limits"}
      description={
        editing
          ? `${initial.userEmail ?? initial.userId}: the user and the rule stay; another is another override.`
          : "Applies to the user's requests signed in and with their API tokens, until it expires."
      }
      formError={formError}
      submitLabel={editing ? 'Save override' : 'Add override'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      <TextField
        label="User id"
        value={form.userId}
        onChange={(event) => set('userId', event.target.value)}
        error={fields.userId}
        readOnly={editing}
      />
      <SelectField
        label="Rule"
        value={form.ruleId}
        options={[
          { value: '', label: 'Every rule that applies' },
          ...(rules.data?.items ?? []).map((rule) => ({ value: rule.id, label: rule.name })),
        ]}
        onChange={(event) => set('ruleId', event.target.value)}
        error={fields.ruleId}
        disabled={editing}
      />
      <SelectField
        label="Change"
        value={form.kind}
        options={[
          { value: 'multiplier', label: 'Multiply the limit' },
          { value: 'limit', label: 'Set the limit' },
        ]}
        onChange={(event) => set('kind', event.target.value as OverrideDraft['kind'])}
      />
      <TextField
        label={form.kind === 'limit' ? 'Requests per window' : 'Multiplier'}
        inputMode="decimal"
        value={form.amount}
        onChange={(event) => set('amount', event.target.value)}
        error={form.kind === 'limit' ? fields.limit : fields.multiplier}
        hint={form.kind === 'multiplier' ? '2 doubles the limit, 0.5 halves it.' : undefined}
      />
      <TextField
        label="Reason"
        value={form.reason}
        onChange={(event) => set('reason', event.target.value)}
        error={fields.reason}
      />
      <SelectField
        label="Expires after"
        value={form.expiresIn}
        options={[
          ...(editing ? [{ value: KEEP_EXPIRY, label: 'Keep the current expiry' }] : []),
          ...EXPIRY_OPTIONS.filter((option) => option.value !== ''),
        ]}
        onChange={(event) => set('expiresIn', event.target.value)}
        error={fields.expiresAt}
      />
    </FormDialog>
  );
}
