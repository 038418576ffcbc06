import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, router, superAdminProcedure } from '../../trpc';
import {
  ZReencryption,
  ZReencryptOutput,
  ZSecret,
  ZSecretCreateInput,
  ZSecretCreateVersionInput,
  ZSecretGetInput,
  ZSecretListInput,
  ZSecretListOutput,
  ZSecretRevealInput,
  ZSecretRevealOutput,
  ZSecretSetExpiryInput,
  ZSecretVersionInput,
} from './schema';

const tag = 'secrets';
const audit = { targetType: 'secret' };
const scopeNote =
  '`scope`: `product` (the calling product, default) or `platform` (every product; changing one needs super_admin).';

/** Secrets by name: never a value in a list or an answer, but to a super_admin's `reveal`. */
export const secretsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/secrets', {
        tag,
        summary: 'Secrets of a scope: names, versions, who and when, expiry; no values',
        description: scopeNote,
      }),
    )
    .input(ZSecretListInput.optional())
    .output(ZSecretListOutput)
    .query(({ ctx, input }) => ctx.services.secrets.list(ctx.productId, ZSecretListInput.parse(input ?? {}))),
  get: adminProcedure
    .meta(rest('GET', '/secrets/{name}', { tag, summary: 'One secret with its versions; no value' }))
    .input(ZSecretGetInput)
    .output(ZSecret)
    .query(({ ctx, input }) => ctx.services.secrets.get(ctx.productId, input)),
  create: adminProcedure
    .meta({
      ...rest('POST', '/secrets', {
        tag,
        summary: 'Create a secret with its first version',
        description: scopeNote,
      }),
      audit,
    })
    .input(ZSecretCreateInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.create(ctx.productId, ctx.principal, input)),
  createVersion: adminProcedure
    .meta({
      ...rest('POST', '/secrets/{name}/versions', {
        tag,
        summary: 'Set a new value: it becomes the current version; earlier versions stay until disabled',
      }),
      audit,
    })
    .input(ZSecretCreateVersionInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.createVersion(ctx.productId, ctx.principal, input)),
  setExpiry: adminProcedure
    .meta({
      ...rest('PUT', '/secrets/{name}/expiry', {
        tag,
        summary: "Set or clear (null) a secret's expiry date",
      }),
      audit,
    })
    .input(ZSecretSetExpiryInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.setExpiry(ctx.productId, ctx.principal, input)),
  disableVersion: adminProcedure
    .meta({
      ...rest('POST', '/secrets/{name}/versions/{version}/disable', {
        tag,
        summary: 'Disable a version: reading it is refused',
      }),
      audit,
    })
    .input(ZSecretVersionInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.disableVersion(ctx.productId, ctx.principal, input)),
  enableVersion: adminProcedure
    .meta({
      ...rest('POST', '/secrets/{name}/versions/{version}/enable', {
        tag,
        summary: 'Enable a disabled version',
      }),
      audit,
    })
    .input(ZSecretVersionInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.enableVersion(ctx.productId, ctx.principal, input)),
  reveal: superAdminProcedure
    .meta({
      ...rest('POST', '/secrets/{name}/reveal', {
        tag,
        summary: "A secret's value (current version, or `version`), for a super_admin with a reason",
        description:
          'The reason is kept in the audit log with who asked; at most 20 reveals an hour per admin (429).',
      }),
      audit,
    })
    .input(ZSecretRevealInput)
    .output(ZSecretRevealOutput)
    .mutation(({ ctx, input }) => ctx.services.secrets.reveal(ctx.productId, ctx.principal, input)),
  delete: adminProcedure
    .meta({
      ...rest('DELETE', '/secrets/{name}', {
        tag,
        summary:
          'Delete a secret: recoverable until `purgeAt` (SECRETS_RECOVERY_DAYS, default 7), then purged',
      }),
      audit,
    })
    .input(ZSecretGetInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.delete(ctx.productId, ctx.principal, input)),
  recover: adminProcedure
    .meta({
      ...rest('POST', '/secrets/{name}/recover', {
        tag,
        summary: 'Recover a deleted secret within its recovery window',
      }),
      audit,
    })
    .input(ZSecretGetInput)
    .output(ZSecret)
    .mutation(({ ctx, input }) => ctx.services.secrets.recover(ctx.productId, ctx.principal, input)),
  getReencryption: adminProcedure
    .meta(
      rest('GET', '/secret-keys/reencryption', {
        tag,
        summary: 'Progress of re-encrypting stored values under the current key',
      }),
    )
    .input(z.object({}).optional())
    .output(ZReencryption)
    .query(({ ctx }) => ctx.services.secrets.reencryption()),
  reencrypt: superAdminProcedure
    .meta({
      ...rest('POST', '/secret-keys/reencryption', {
        tag,
        summary:
          'Start re-encrypting stored values under the current ENCRYPTION_KEY (a job; see GET for progress)',
        successStatus: 202,
      }),
      audit: { targetType: 'secret_key' },
    })
    .input(z.object({}).optional())
    .output(ZReencryptOutput)
    .mutation(({ ctx }) => ctx.services.secrets.reencrypt(ctx.principal)),
});
