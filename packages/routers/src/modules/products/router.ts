import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router, superAdminProcedure } from '../../trpc';
import {
  ZProduct,
  ZProductCreateInput,
  ZProductGetInput,
  ZProductListInput,
  ZProductPublic,
  ZProductTransitionInput,
  ZProductUpdateInput,
} from './schema';

const tag = 'products';
const targetType = 'product';

export const productsRouter = router({
  // Declared before `get` so REST matches /products/current before /products/{id}.
  getCurrent: publicProcedure
    .meta(
      rest('GET', '/products/current', {
        tag,
        summary: 'The product this request resolved to',
      }),
    )
    .input(z.object({}).optional())
    .output(ZProductPublic)
    .query(({ ctx }) => {
      const { id, name, status } = ctx.product;
      return { id, name, status };
    }),
  list: adminProcedure
    .meta(rest('GET', '/products', { tag, summary: 'List products' }))
    .input(ZProductListInput.optional())
    .output(z.object({ items: z.array(ZProduct) }))
    .query(async ({ ctx, input }) => ({ items: await ctx.services.products.list(input?.status) })),
  get: adminProcedure
    .meta(rest('GET', '/products/{id}', { tag, summary: 'Get a product' }))
    .input(ZProductGetInput)
    .output(ZProduct)
    .query(({ ctx, input }) => ctx.services.products.get(input.id)),
  create: superAdminProcedure
    .meta(rest('POST', '/products', { tag, summary: 'Register a product', targetType }))
    .input(ZProductCreateInput)
    .output(ZProduct)
    .mutation(({ ctx, input }) => ctx.services.products.create(input, ctx.principal.userId)),
  update: superAdminProcedure
    .meta(
      rest('PATCH', '/products/{id}', {
        tag,
        summary: 'Rename or describe a product, or change its mail branding or sign-in settings',
        targetType,
      }),
    )
    .input(ZProductUpdateInput)
    .output(ZProduct)
    .mutation(({ ctx, input }) => ctx.services.products.update(input)),
  transition: superAdminProcedure
    .meta(
      rest('POST', '/products/{id}/transition', {
        tag,
        summary: 'Move a product along its lifecycle',
        description:
          'draft -> pre_launch -> beta -> active -> sunset -> disabled; also pre_launch -> draft, beta -> pre_launch, sunset -> active, any -> disabled, disabled -> sunset.',
        targetType,
      }),
    )
    .input(ZProductTransitionInput)
    .output(ZProduct)
    .mutation(
      async ({ ctx, input }) => (await ctx.services.products.transition(input, ctx.principal.userId)).product,
    ),
  delete: superAdminProcedure
    .meta(
      rest('DELETE', '/products/{id}', { tag, summary: 'Delete a draft or disabled product', targetType }),
    )
    .input(ZProductGetInput)
    .output(z.object({ id: z.string(), deleted: z.literal(true) }))
    .mutation(async ({ ctx, input }) => {
      await ctx.services.products.delete(input.id);
      return { id: input.id, deleted: true as const };
    }),
});
