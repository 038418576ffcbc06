'use client';

import type { TSsoProvider } from '@bytelyst/routers/modules/sso/schema';
import { useEffect } from 'react';
import { TextAreaField, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { DiscoveryCheck } from './discovery-check';
import { checkProvider, emptyProvider, listOf, valuesOf } from './provider-form';

type Props = {
  open: boolean;
  /** The provider to edit, or null to add one. */
  provider: TSsoProvider | null;
  onClose: () => void;
};

export function ProviderDialog({ open, provider, onClose }: Props) {
  const {
    values: form,
    set,
    setValues,
    fields,
    formError,
    check,
    fromApi,
    clear,
  } = useFormValues(emptyProvider());
  const creating = provider === null;

  useEffect(() => {
    if (open) setValues(provider ? valuesOf(provider) : emptyProvider());
  }, [open, provider, setValues]);

  const close = () => {
    clear();
    onClose();
  };
  const saved = { onDone: close, invalidate: (u: TrpcUtils) => [u.sso.invalidate()], form: { fromApi } };
  const create = trpc.sso.providers.create.useMutation(
    useMutationFeedback({ ...saved, success: (p) => `${p.name} was added.` }),
  );
  const update = trpc.sso.providers.update.useMutation(
    useMutationFeedback({ ...saved, success: (p) => `${p.name} was saved.` }),
  );

  const submit = () => {
    if (!check(checkProvider(form, provider))) return;
    const common = {
      name: form.name.trim(),
      issuer: form.issuer.trim(),
      clientId: form.clientId.trim(),
      allowedDomains: listOf(form.allowedDomains),
      redirectUris: listOf(form.redirectUris),
    };
    if (provider) {
      const secret = form.removeSecret
        ? { clientSecret: null }
        : form.clientSecret
          ? { clientSecret: form.clientSecret }
          : {};
      update.mutate({ id: provider.id, ...common, ...secret });
    } else {
      create.mutate({
        ...common,
        enabled: form.enabled,
        ...(form.clientSecret ? { clientSecret: form.clientSecret } : {}),
      });
    }
  };

  const secretHint = creating
    ? 'Stored encrypted and never shown again. Leave empty for a public client (PKCE only).'
    : provider.hasClientSecret
      ? 'A secret is set. Leave empty to keep it; it is never shown.'
      : 'No secret is set (a public client). Enter one to set it.';

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={provider ? `Edit ${provider.name}` : 'New SSO provider'}
      description="An OpenID Connect provider (Okta, Entra ID, Google Workspace, Keycloak, …) for the selected product."
      formError={formError}
      submitLabel={creating ? 'Add provider' : 'Save changes'}
      pending={create.isPending || update.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Display name"
        value={form.name}
        placeholder="Acme SSO"
        hint="Shown as “Continue with …” on the sign-in page."
        maxLength={60}
        onChange={(event) => set('name', event.target.value)}
        error={fields.name}
      />
      <TextField
        label="Issuer URL"
        value={form.issuer}
        placeholder="https://login.acme.com"
        spellCheck={false}
        onChange={(event) => set('issuer', event.target.value)}
        error={fields.issuer}
      />
      <DiscoveryCheck issuer={form.issuer} />
      <div className="grid grid-halves">
        <TextField
          label="Client ID"
          value={form.clientId}
          spellCheck={false}
          onChange={(event) => set('clientId', event.target.value)}
          error={fields.clientId}
        />
        <TextField
          label="Client secret"
          type="password"
          autoComplete="new-password"
          value={form.clientSecret}
          placeholder={provider?.hasClientSecret ? '•••••••• (set)' : ''}
          disabled={form.removeSecret}
          onChange={(event) => set('clientSecret', event.target.value)}
          error={fields.clientSecret}
          hint={secretHint}
        />
      </div>
      {provider?.hasClientSecret ? (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={form.removeSecret}
            onChange={(event) => set('removeSecret', event.target.checked)}
          />
          Remove the stored secret
        </label>
      ) : null}
      <TextAreaField
        label="Allowed email domains"
        value={form.allowedDomains}
        placeholder="acme.com"
        hint="One per line. Empty: any address the provider has verified."
        rows={2}
        onChange={(event) => set('allowedDomains', event.target.value)}
        error={fields.allowedDomains}
      />
      <TextAreaField
        label="Redirect URIs"
        value={form.redirectUris}
        hint="Where the provider may send users back; register the same at the provider. The console's is /api/sso/callback."
        rows={2}
        spellCheck={false}
        onChange={(event) => set('redirectUris', event.target.value)}
        error={fields.redirectUris}
      />
      {creating ? (
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={form.enabled}
            onChange={(event) => set('enabled', event.target.checked)}
          />
          Offer it on the sign-in page now
        </label>
      ) : null}
    </FormDialog>
  );
}
