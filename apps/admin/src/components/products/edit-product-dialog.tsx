'use client';

import {
  DEFAULT_BRANDING,
  type TProduct,
  type TProductBranding,
  ZProductBranding,
} from '@bytelyst/routers/modules/products/schema';
import { useEffect } from 'react';
import { ColorField, FieldGroup, TextField } from '~/components/kit/field';
import { FormDialog } from '~/components/kit/form-dialog';
import { useFormValues } from '~/hooks/use-form-values';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import type { FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

type Values = {
  name: string;
  description: string;
  logoUrl: string;
  accentColor: string;
  supportEmail: string;
  appUrl: string;
  emailFromName: string;
  requireVerifiedEmail: boolean;
};

const EMPTY: Values = {
  name: '',
  description: '',
  logoUrl: '',
  accentColor: DEFAULT_BRANDING.accentColor,
  supportEmail: '',
  appUrl: '',
  emailFromName: '',
  requireVerifiedEmail: false,
};

const valuesOf = (product: TProduct): Values => ({
  name: product.name,
  description: product.description,
  logoUrl: product.branding.logoUrl ?? '',
  accentColor: product.branding.accentColor,
  supportEmail: product.branding.supportEmail ?? '',
  appUrl: product.branding.appUrl ?? '',
  emailFromName: product.branding.emailFromName ?? '',
  requireVerifiedEmail: product.requireVerifiedEmail,
});

/** An empty optional field is null: the platform default (EMAIL_FROM_ADDRESS, PUBLIC_APP_URL, the name). */
const orNull = (value: string) => value.trim() || null;

const brandingOf = (values: Values): TProductBranding => ({
  logoUrl: orNull(values.logoUrl),
  accentColor: values.accentColor.trim(),
  supportEmail: orNull(values.supportEmail),
  appUrl: orNull(values.appUrl),
  emailFromName: orNull(values.emailFromName),
});

/** Name, description and the brand every mail of the product carries. */
export function EditProductDialog({ product, onClose }: { product: TProduct | null; onClose: () => void }) {
  const { values, set, setValues, fields, formError, check, fromApi, clear } = useFormValues(EMPTY);
  const open = product !== null;

  useEffect(() => {
    if (product) setValues(valuesOf(product));
  }, [product, setValues]);

  const close = () => {
    clear();
    onClose();
  };
  const update = trpc.products.update.useMutation(
    useMutationFeedback({
      success: (saved) => `${saved.name} was saved.`,
      onDone: close,
      invalidate: (u) => [u.products.list.invalidate(), u.products.getCurrent.invalidate()],
      form: { fromApi },
    }),
  );

  const submit = () => {
    if (!product) return;
    const errors: FieldErrors = {};
    if (!values.name.trim()) errors.name = 'Enter a name.';
    const branding = ZProductBranding.safeParse(brandingOf(values));
    if (!branding.success) {
      for (const issue of branding.error.issues) errors[`branding.${issue.path.join('.')}`] ??= issue.message;
    }
    if (!check(errors) || !branding.success) return;
    update.mutate({
      id: product.id,
      name: values.name.trim(),
      description: values.description.trim(),
      branding: branding.data,
      requireVerifiedEmail: values.requireVerifiedEmail,
      ifMatch: product.etag,
    });
  };

  return (
    <FormDialog
      open={open}
      onClose={close}
      title={product ? `Edit ${product.name}` : 'Edit product'}
      description="The branding is how this product's mail looks and where its links lead; sign-in settings apply to its users."
      formError={formError}
      submitLabel="Save changes"
      pending={update.isPending}
      onSubmit={submit}
    >
      <TextField
        label="Name"
        value={values.name}
        maxLength={100}
        onChange={(event) => set('name', event.target.value)}
        error={fields.name}
      />
      <TextField
        label="Description"
        value={values.description}
        onChange={(event) => set('description', event.target.value)}
        error={fields.description}
      />
      <FieldGroup legend="Email branding">
        <TextField
          label="Logo URL"
          type="url"
          placeholder="https://cdn.example.com/logo-64.png"
          hint="An https image, shown 32 px tall; empty: the product name as text."
          value={values.logoUrl}
          onChange={(event) => set('logoUrl', event.target.value)}
          error={fields['branding.logoUrl']}
        />
        <ColorField
          label="Accent colour"
          value={values.accentColor}
          placeholder="#4f46e5"
          hint="Buttons, links and the header rule."
          fallback={DEFAULT_BRANDING.accentColor}
          onValue={(next) => set('accentColor', next)}
          error={fields['branding.accentColor']}
        />
        <TextField
          label="Support email"
          type="email"
          placeholder="support@example.com"
          hint="In every mail's footer; empty: the platform's sender address."
          value={values.supportEmail}
          onChange={(event) => set('supportEmail', event.target.value)}
          error={fields['branding.supportEmail']}
        />
        <TextField
          label="App URL"
          type="url"
          placeholder="https://app.example.com"
          hint="Sign-in links and the logo's link; empty: the platform's app URL."
          value={values.appUrl}
          onChange={(event) => set('appUrl', event.target.value)}
          error={fields['branding.appUrl']}
        />
        <TextField
          label="Sender name"
          placeholder={product?.name ?? 'Product name'}
          hint="The From name of its mail; empty: the product name."
          maxLength={100}
          value={values.emailFromName}
          onChange={(event) => set('emailFromName', event.target.value)}
          error={fields['branding.emailFromName']}
        />
      </FieldGroup>
      <FieldGroup legend="Sign-in">
        <label className="checkbox-row" style={{ alignItems: 'flex-start' }}>
          <input
            type="checkbox"
            checked={values.requireVerifiedEmail}
            onChange={(event) => set('requireVerifiedEmail', event.target.checked)}
          />
          <span>
            Require a verified email address
            <span className="field-hint" style={{ display: 'block', fontWeight: 400 }}>
              Users who have not followed their verification link cannot sign in; they are offered a new link
              instead.
            </span>
          </span>
        </label>
      </FieldGroup>
    </FormDialog>
  );
}
