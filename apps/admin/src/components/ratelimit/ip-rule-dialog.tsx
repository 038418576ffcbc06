'use client';

import { ZCidr } from '@bytelyst/routers/modules/ratelimit/schema';
import { useEffect } from 'react';
import { SelectField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { passes } from '~/lib/schema-check';
import { trpc } from '~/lib/trpc';
import { EXPIRY_OPTIONS, expiryIn } from './ip-rules-list';

export type IpRuleDraft = { cidr: string; action: 'allow' | 'deny'; reason: string; expiresIn: string };

export const EMPTY_IP_RULE: IpRuleDraft = { cidr: '', action: 'deny', reason: '', expiresIn: '86400' };

/** Adds an allow or deny rule; opened empty, or filled in from an offender ("Block this IP"). */
export function IpRuleDialog({
  open,
  initial,
  onClose,
}: {
  open: boolean;
  initial: IpRuleDraft;
  onClose: () => void;
}) {
  const { values: form, set, setValues, fields, formError, check, fromApi, clear } = useFormValues(initial);
  useEffect(() => {
    if (open) setValues(initial);
  }, [open, initial, setValues]);
  const close = () => {
    clear();
    onClose();
  };
  const create = trpc.ratelimit.ipRules.create.useMutation(
    useMutationFeedback({
      success: (rule) => `${rule.cidr} is ${rule.action === 'deny' ? 'denied' : 'allowed'}.`,
      onDone: close,
      invalidate: (u) => [
        u.ratelimit.ipRules.list.invalidate(),
        u.ratelimit.stats.invalidate(),
        u.ratelimit.listBlocked.invalidate(),
      ],
      form: { fromApi },
    }),
  );
  const submit = () => {
    const errors: Record<string, string> = {};
    if (!passes(ZCidr, form.cidr))
      errors.cidr = 'Enter an address or CIDR, e.g. 203.0.113.7 or 2001:db8::/32.';
    if (!form.reason.trim()) errors.reason = 'Say why, for whoever reads this list next.';
    if (!check(errors)) return;
    create.mutate({
      cidr: form.cidr.trim(),
      action: form.action,
      reason: form.reason.trim(),
      expiresAt: expiryIn(form.expiresIn),
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={form.action === 'deny' ? 'Deny an address' : 'Allow an address'}
      description="Deny: every request from it is refused (403) before sign-in. Allow: exempt from rate limits. The most specific rule wins."
      formError={formError}
      submitLabel={form.action === 'deny' ? 'Deny' : 'Allow'}
      pending={create.isPending}
      onSubmit={submit}
    >
      <TextField
        label="IP address or CIDR"
        value={form.cidr}
        placeholder="203.0.113.0/24"
        onChange={(event) => set('cidr', event.target.value)}
        error={fields.cidr}
        hint="IPv4 or IPv6; an IPv4 rule also covers IPv4-mapped IPv6 clients."
      />
      <SelectField
        label="Action"
        value={form.action}
        options={[
          { value: 'deny', label: 'Deny (403)' },
          { value: 'allow', label: 'Allow (no rate limits)' },
        ]}
        onChange={(event) => set('action', event.target.value as IpRuleDraft['action'])}
        error={fields.action}
      />
      <TextField
        label="Reason"
        value={form.reason}
        placeholder="Credential stuffing"
        onChange={(event) => set('reason', event.target.value)}
        error={fields.reason}
      />
      <SelectField
        label="Expires after"
        value={form.expiresIn}
        options={EXPIRY_OPTIONS}
        onChange={(event) => set('expiresIn', event.target.value)}
        error={fields.expiresAt}
      />
    </FormDialog>
  );
}
