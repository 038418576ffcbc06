import type { TSsoProvider } from '@bytelyst/routers/modules/sso/schema';
import { ZEmailDomain, ZIssuerUrl, ZRedirectUri } from '@bytelyst/routers/modules/sso/schema';
import type { FieldErrors } from '~/lib/api-errors';
import { passes } from '~/lib/schema-check';

export type ProviderValues = {
  name: string;
  issuer: string;
  clientId: string;
  /** Empty on edit: keep the stored one. */
  clientSecret: string;
  removeSecret: boolean;
  /** One per line (commas and spaces also separate). */
  allowedDomains: string;
  redirectUris: string;
  enabled: boolean;
};

/** The console's own callback on this origin: the redirect URI a provider for the console needs. */
export const consoleCallback = (): string =>
  typeof window === 'undefined' ? '' : `${window.location.origin}/api/sso/callback`;

export const emptyProvider = (): ProviderValues => ({
  name: '',
  issuer: '',
  clientId: '',
  clientSecret: '',
  removeSecret: false,
  allowedDomains: '',
  redirectUris: consoleCallback(),
  enabled: true,
});

export const valuesOf = (provider: TSsoProvider): ProviderValues => ({
  name: provider.name,
  issuer: provider.issuer,
  clientId: provider.clientId,
  clientSecret: '',
  removeSecret: false,
  allowedDomains: provider.allowedDomains.join('\n'),
  redirectUris: provider.redirectUris.join('\n'),
  enabled: provider.enabled,
});

export const listOf = (text: string): string[] =>
  text
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter((item) => item.length > 0);

/** The checks the API makes, on the fields they concern; `existing` is the provider being edited. */
export function checkProvider(values: ProviderValues, existing: TSsoProvider | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.name.trim()) errors.name = 'Enter the name users see, e.g. Acme SSO.';
  if (!passes(ZIssuerUrl, values.issuer))
    errors.issuer = 'Enter the issuer URL, e.g. https://login.acme.com.';
  if (!values.clientId.trim()) errors.clientId = 'Enter the client id the provider gave this app.';
  const badDomain = listOf(values.allowedDomains).find((domain) => !passes(ZEmailDomain, domain));
  if (badDomain) errors.allowedDomains = `${badDomain} is not a domain such as example.com.`;
  const uris = listOf(values.redirectUris);
  const badUri = uris.find((uri) => !passes(ZRedirectUri, uri));
  if (badUri) errors.redirectUris = `${badUri} is not an http(s) URL without a query.`;
  else if (existing && uris.length === 0) errors.redirectUris = 'Name at least one redirect URI.';
  const issuerChanges = existing !== null && values.issuer.trim() !== existing.issuer;
  if (issuerChanges && existing.hasClientSecret && !values.clientSecret && !values.removeSecret) {
    errors.clientSecret = 'Enter the client secret again to change the issuer.';
  }
  return errors;
}
