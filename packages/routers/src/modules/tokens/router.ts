import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import { ZIdInput } from '../users/schema';
import {
  ZApiToken,
  ZTokenCreateInput,
  ZTokenCreateOutput,
  ZTokenListInput,
  ZTokenListOutput,
  ZTokenValidateInput,
  ZTokenValidateOutput,
} from './schema';

const tag = 'tokens';
const targetType = 'api_token';

export const tokensRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/tokens', { tag, summary: "List this product's API tokens (never the secret)" }))
    .input(ZTokenListInput.optional())
    .output(ZTokenListOutput)
    .query(({ ctx, input }) => ctx.services.tokens.list(ctx.productId, input ?? {})),
  create: adminProcedure
    .meta(
      rest('POST', '/tokens', {
        tag,
        summary: 'Create an API token; the plaintext is shown once',
        targetType,
      }),
    )
    .input(ZTokenCreateInput)
    .output(ZTokenCreateOutput)
    .mutation(({ ctx, input }) => ctx.services.tokens.create(ctx.productId, input, ctx.principal)),
  revoke: adminProcedure
    .meta(rest('POST', '/tokens/{id}/revoke', { tag, summary: 'Revoke an API token', targetType }))
    .input(ZIdInput)
    .output(ZApiToken)
    .mutation(({ ctx, input }) => ctx.services.tokens.revoke(ctx.productId, input.id, ctx.principal.userId)),
  validate: publicProcedure
    .meta(rest('POST', '/tokens/validate', { tag, summary: 'Check an API token' }))
    .input(ZTokenValidateInput)
    .output(ZTokenValidateOutput)
    .mutation(({ ctx, input }) => ctx.services.tokens.validate(input.token)),
});
