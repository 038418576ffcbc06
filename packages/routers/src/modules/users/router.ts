import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import { userVerificationProcedures } from '../auth/user-verification-router';
import {
  ZIdInput,
  ZSetRolesInput,
  ZUser,
  ZUserCreateInput,
  ZUserDetail,
  ZUserListInput,
  ZUserListOutput,
} from './schema';

const tag = 'users';
const targetType = 'user';

export const usersRouter = router({
  ...userVerificationProcedures,
  list: adminProcedure
    .meta(rest('GET', '/users', { tag, summary: 'Search and page the users of this product' }))
    .input(ZUserListInput.optional())
    .output(ZUserListOutput)
    .query(({ ctx, input }) => ctx.services.users.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/users/{id}', { tag, summary: 'One user with their active session count' }))
    .input(ZIdInput)
    .output(ZUserDetail)
    .query(({ ctx, input }) => ctx.services.users.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(rest('POST', '/users', { tag, summary: 'Create a user', targetType }))
    .input(ZUserCreateInput)
    .output(ZUser)
    .mutation(({ ctx, input }) => ctx.services.users.create(ctx.productId, input, ctx.principal)),
  setRoles: adminProcedure
    .meta(
      rest('PUT', '/users/{id}/roles', {
        tag,
        summary: "Replace a user's roles",
        description: 'Only a super_admin may grant or revoke super_admin; the last super_admin stays.',
        targetType,
      }),
    )
    .input(ZSetRolesInput)
    .output(ZUser)
    .mutation(({ ctx, input }) =>
      ctx.services.users.setRoles(ctx.productId, ctx.principal, input.id, input.roles),
    ),
  disable: adminProcedure
    .meta(
      rest('POST', '/users/{id}/disable', {
        tag,
        summary: 'Disable a user and revoke their sessions',
        targetType,
      }),
    )
    .input(ZIdInput)
    .output(ZUser)
    .mutation(({ ctx, input }) =>
      ctx.services.users.setStatus(ctx.productId, ctx.principal, input.id, 'disabled'),
    ),
  enable: adminProcedure
    .meta(rest('POST', '/users/{id}/enable', { tag, summary: 'Enable a disabled user', targetType }))
    .input(ZIdInput)
    .output(ZUser)
    .mutation(({ ctx, input }) =>
      ctx.services.users.setStatus(ctx.productId, ctx.principal, input.id, 'active'),
    ),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/users/{id}', {
        tag,
        summary: 'Delete a user, their sessions and API tokens',
        targetType,
      }),
    )
    .input(ZIdInput)
    .output(z.object({ id: z.string(), deleted: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.users.delete(ctx.productId, ctx.principal, input.id)),
});
