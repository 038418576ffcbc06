import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import { ZAuthResult } from '../auth/schema';
import { ZIdInput } from '../users/schema';
import {
  ZSsoDiscoverInput,
  ZSsoDiscoverOutput,
  ZSsoFinishInput,
  ZSsoProvider,
  ZSsoProviderCreateInput,
  ZSsoProviderListOutput,
  ZSsoProviderUpdateInput,
  ZSsoSignInProvidersOutput,
  ZSsoStartInput,
  ZSsoStartOutput,
} from './schema';

const tag = 'sso';
const targetType = 'sso_provider';

const providersRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/sso/providers', { tag, summary: "This product's OpenID Connect providers" }))
    .input(z.object({}).optional())
    .output(ZSsoProviderListOutput)
    .query(({ ctx }) => ctx.services.sso.listProviders(ctx.productId)),
  get: adminProcedure
    .meta(rest('GET', '/sso/providers/{id}', { tag, summary: 'One SSO provider (never its secret)' }))
    .input(ZIdInput)
    .output(ZSsoProvider)
    .query(({ ctx, input }) => ctx.services.sso.getProvider(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/sso/providers', {
        tag,
        summary: 'Add an OpenID Connect provider',
        description:
          'The client secret is stored sealed and never returned; `hasClientSecret` says whether one is set. ' +
          'Without redirect URIs the console’s callback is accepted.',
        targetType,
      }),
    )
    .input(ZSsoProviderCreateInput)
    .output(ZSsoProvider)
    .mutation(({ ctx, input }) =>
      ctx.services.sso.createProvider(ctx.productId, input, ctx.principal.userId),
    ),
  update: adminProcedure
    .meta(
      rest('PATCH', '/sso/providers/{id}', {
        tag,
        summary: 'Change or disable an SSO provider',
        description:
          'clientSecret: a new value replaces it, null removes it, omitted keeps it. Changing the issuer ' +
          'needs the secret again: a stored secret is never sent to another issuer.',
        targetType,
      }),
    )
    .input(ZSsoProviderUpdateInput)
    .output(ZSsoProvider)
    .mutation(({ ctx, input }) =>
      ctx.services.sso.updateProvider(ctx.productId, input, ctx.principal.userId),
    ),
  delete: adminProcedure
    .meta(rest('DELETE', '/sso/providers/{id}', { tag, summary: 'Remove an SSO provider', targetType }))
    .input(ZIdInput)
    .output(z.object({ id: z.string(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) =>
      ctx.services.sso.deleteProvider(ctx.productId, input.id, ctx.principal.userId),
    ),
  discover: adminProcedure
    .meta(
      rest('POST', '/sso/providers/discover', {
        tag,
        summary: "Fetch an issuer's OpenID metadata and report what a sign-in would use",
      }),
    )
    .input(ZSsoDiscoverInput)
    .output(ZSsoDiscoverOutput)
    .mutation(({ ctx, input }) => ctx.services.sso.discover(input.issuer)),
});

export const ssoRouter = router({
  providers: providersRouter,
  listEnabled: publicProcedure
    .meta(
      rest('GET', '/sso/sign-in/providers', {
        tag,
        summary: "The product's enabled providers, for a sign-in page",
      }),
    )
    .input(z.object({}).optional())
    .output(ZSsoSignInProvidersOutput)
    .query(({ ctx }) => ctx.services.sso.listEnabled(ctx.productId)),
  start: publicProcedure
    .meta(
      rest('POST', '/sso/sign-in/start', {
        tag,
        summary: 'Start an OpenID Connect sign-in: the URL to send the browser to',
        description:
          'Authorization code with PKCE (S256), state and nonce kept server-side for 10 minutes. redirectUri ' +
          'must be one the provider accepts. Bind the returned state to the browser (e.g. a cookie) and ' +
          'check it at the callback.',
      }),
    )
    .input(ZSsoStartInput)
    .output(ZSsoStartOutput)
    .mutation(({ ctx, input }) =>
      ctx.services.sso.start(ctx.productId, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
  finish: publicProcedure
    .meta(
      rest('POST', '/sso/sign-in/callback', {
        tag,
        summary: "Finish an OpenID Connect sign-in with the provider's answer",
        description:
          'Send the full callback URL (or state, code and iss). The state is single use. Accounts link by a ' +
          'verified email; a new user is registered. Answers the same tokens as /auth/login.',
      }),
    )
    .input(ZSsoFinishInput)
    .output(ZAuthResult)
    .mutation(({ ctx, input }) =>
      ctx.services.sso.finish(ctx.productId, input, { ip: ctx.ip, userAgent: ctx.userAgent }),
    ),
});
