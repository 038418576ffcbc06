import { z } from 'zod';
import { ZPlatform } from '../sessions/schema';

const ZHttpUrl = z
  .string()
  .trim()
  .max(500)
  .pipe(z.url({ protocol: /^https?$/, error: 'Expected an http(s) URL' }));

/** The issuer identifier exactly as the provider publishes it (no query or fragment). */
export const ZIssuerUrl = ZHttpUrl.refine(
  (value) => !/[?#]/.test(value),
  'An issuer has no query or fragment',
);

/** Where the provider may send the browser back; exact match, no query (the code and state go there). */
export const ZRedirectUri = ZHttpUrl.refine(
  (value) => !/[?#]/.test(value),
  'A redirect URI has no query or fragment',
);

/** A mail domain such as `example.com` (lowercased; no `@`, no wildcard). */
export const ZEmailDomain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
    'Expected a domain such as example.com',
  );

const ZDomains = z
  .array(ZEmailDomain)
  .max(50)
  .transform((domains) => [...new Set(domains)]);
const ZRedirectUris = (min: number) =>
  z
    .array(ZRedirectUri)
    .min(min, 'Name at least one redirect URI')
    .max(10)
    .transform((uris) => [...new Set(uris)]);

/** A provider as admins see it: the client secret never leaves the server, only whether one is set. */
export const ZSsoProvider = z.object({
  id: z.string(),
  productId: z.string(),
  name: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  hasClientSecret: z.boolean(),
  /** Empty: any domain the provider vouches for. */
  allowedDomains: z.array(z.string()),
  enabled: z.boolean(),
  redirectUris: z.array(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TSsoProvider = z.infer<typeof ZSsoProvider>;

export const ZSsoProviderCreateInput = z.object({
  name: z.string().trim().min(1).max(60),
  issuer: ZIssuerUrl,
  clientId: z.string().trim().min(1).max(200),
  /** Omitted for a public client (PKCE alone); stored sealed, never returned. */
  clientSecret: z.string().min(1).max(500).optional(),
  allowedDomains: ZDomains.default([]),
  enabled: z.boolean().default(true),
  /** Empty: the console's callback (CONSOLE_URL/api/sso/callback). */
  redirectUris: ZRedirectUris(0).default([]),
});
export type TSsoProviderCreateInput = z.infer<typeof ZSsoProviderCreateInput>;

export const ZSsoProviderUpdateInput = z.object({
  id: z.string().min(1).max(64),
  name: z.string().trim().min(1).max(60).optional(),
  issuer: ZIssuerUrl.optional(),
  clientId: z.string().trim().min(1).max(200).optional(),
  /** A new secret replaces the old one; null removes it; omitted keeps it. */
  clientSecret: z.string().min(1).max(500).nullable().optional(),
  allowedDomains: ZDomains.optional(),
  enabled: z.boolean().optional(),
  redirectUris: ZRedirectUris(1).optional(),
});
export type TSsoProviderUpdateInput = z.infer<typeof ZSsoProviderUpdateInput>;

export const ZSsoProviderListOutput = z.object({ items: z.array(ZSsoProvider) });

export const ZSsoDiscoverInput = z.object({ issuer: ZIssuerUrl });
export const ZSsoDiscoverOutput = z.object({
  issuer: z.string(),
  authorizationEndpoint: z.string(),
  tokenEndpoint: z.string().nullable(),
  userinfoEndpoint: z.string().nullable(),
  jwksUri: z.string().nullable(),
  supportsPkceS256: z.boolean(),
  scopesSupported: z.array(z.string()),
  idTokenSigningAlgs: z.array(z.string()),
  tokenEndpointAuthMethods: z.array(z.string()),
});
export type TSsoDiscoverOutput = z.infer<typeof ZSsoDiscoverOutput>;

/** What a sign-in page needs to offer a provider. */
export const ZSsoSignInProvider = z.object({ id: z.string(), name: z.string() });
export const ZSsoSignInProvidersOutput = z.object({ items: z.array(ZSsoSignInProvider) });

export const ZSsoStartInput = z.object({
  providerId: z.string().min(1).max(64),
  redirectUri: ZRedirectUri,
});
export const ZSsoStartOutput = z.object({
  /** Send the browser here. */
  authorizationUrl: z.string(),
  /** Echoed for clients that bind the flow to the browser (a cookie checked at the callback). */
  state: z.string(),
  /** Seconds the flow may take before it must start again. */
  expiresIn: z.number().int(),
});

/** The provider's answer: the whole callback URL, or its parameters. */
export const ZSsoFinishInput = z
  .object({
    callbackUrl: z.string().max(4000).optional(),
    state: z.string().min(1).max(200).optional(),
    code: z.string().min(1).max(2000).optional(),
    iss: z.string().max(500).optional(),
    platform: ZPlatform.optional(),
  })
  .refine((input) => input.callbackUrl !== undefined || input.state !== undefined, {
    message: 'Send callbackUrl, or state and code',
    path: ['state'],
  });
export type TSsoFinishInput = z.infer<typeof ZSsoFinishInput>;
