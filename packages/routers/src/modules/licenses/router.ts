import { rest } from '../../lib/openapi';
import { adminProcedure, auditedAuthedProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import { ZIdInput } from '../users/schema';
import {
  ZActivateInput,
  ZActivateOutput,
  ZDeactivateOutput,
  ZDeviceMineInput,
  ZDeviceRefInput,
  ZKeyDeviceInput,
  ZLicense,
  ZLicenseGenerateInput,
  ZLicenseGenerateOutput,
  ZLicenseListInput,
  ZLicenseListOutput,
  ZLicenseRevokeInput,
  ZLicenseUpdateInput,
  ZMineOutput,
  ZValidateOutput,
} from './schema';

const tag = 'licenses';
const targetType = 'license';

export const licensesRouter = router({
  // Before `get`: the REST face matches paths in order, and /licenses/{id} would take /licenses/mine.
  listMine: authedProcedure
    .meta(
      rest('GET', '/licenses/mine', { tag, summary: 'Your licenses in this product, with their devices' }),
    )
    .output(ZMineOutput)
    .query(({ ctx }) => ctx.services.licenses.mine(ctx.productId, ctx.principal.userId)),
  deactivateDeviceMine: auditedAuthedProcedure
    .meta(
      rest('POST', '/licenses/mine/{licenseId}/devices/{deviceId}/deactivate', {
        tag,
        summary: 'Release a device from one of your licenses, freeing its slot',
        description: "Another user's license answers 404, as an unknown one does.",
        targetType,
      }),
    )
    .input(ZDeviceMineInput)
    .output(ZLicense)
    .mutation(({ ctx, input }) =>
      ctx.services.licenses.deactivateDeviceOf(
        ctx.productId,
        ctx.principal.userId,
        input.licenseId,
        input.deviceId,
      ),
    ),
  list: adminProcedure
    .meta(rest('GET', '/licenses', { tag, summary: 'Page the licenses of this product, by status or user' }))
    .input(ZLicenseListInput.optional())
    .output(ZLicenseListOutput)
    .query(({ ctx, input }) => ctx.services.licenses.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/licenses/{id}', { tag, summary: 'One license with its activated devices' }))
    .input(ZIdInput)
    .output(ZLicense)
    .query(({ ctx, input }) => ctx.services.licenses.get(ctx.productId, input.id)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/licenses/{id}', {
        tag,
        summary: "Change a license's expiry, device limit or note",
        description: 'A later expiry reactivates an expired license and re-arms its 7-day warning.',
        targetType,
      }),
    )
    .input(ZLicenseUpdateInput)
    .output(ZLicense)
    .mutation(({ ctx, input }) => ctx.services.licenses.update(ctx.productId, input)),
  create: adminProcedure
    .meta(
      rest('POST', '/licenses', {
        tag,
        summary: 'Generate a license key for a user; the key is shown once',
        description:
          "The device limit is the plan's (given, else the user's current plan) unless maxDevices is set.",
        targetType,
      }),
    )
    .input(ZLicenseGenerateInput)
    .output(ZLicenseGenerateOutput)
    .mutation(({ ctx, input }) => ctx.services.licenses.generate(ctx.productId, input, ctx.principal.userId)),
  revoke: adminProcedure
    .meta(
      rest('POST', '/licenses/{id}/revoke', {
        tag,
        summary: 'Revoke a license: it stops validating',
        targetType,
      }),
    )
    .input(ZLicenseRevokeInput)
    .output(ZLicense)
    .mutation(({ ctx, input }) =>
      ctx.services.licenses.revoke(ctx.productId, input.id, ctx.principal.userId, input.reason),
    ),
  deactivateDevice: adminProcedure
    .meta(
      rest('POST', '/licenses/{id}/devices/{deviceId}/deactivate', {
        tag,
        summary: 'Release a device from a license, freeing its slot',
        targetType,
      }),
    )
    .input(ZDeviceRefInput)
    .output(ZLicense)
    .mutation(({ ctx, input }) =>
      ctx.services.licenses.deactivateDevice(ctx.productId, input.id, input.deviceId, ctx.principal.userId),
    ),
  activate: publicProcedure
    .meta(
      rest('POST', '/licenses/activate', {
        tag,
        summary: 'Activate a license key on a device',
        description:
          'Idempotent for a device already bound. 400 for a mistyped key (checked before any lookup), 404 for an ' +
          'unknown one, 403 when revoked or expired, 409 when the device limit is reached.',
      }),
    )
    .input(ZActivateInput)
    .output(ZActivateOutput)
    .mutation(({ ctx, input }) => ctx.services.licenses.activate(ctx.productId, input)),
  deactivate: publicProcedure
    .meta(
      rest('POST', '/licenses/deactivate', {
        tag,
        summary: 'Release this device from a license key',
      }),
    )
    .input(ZKeyDeviceInput)
    .output(ZDeactivateOutput)
    .mutation(({ ctx, input }) => ctx.services.licenses.deactivate(ctx.productId, input)),
  validate: publicProcedure
    .meta(
      rest('POST', '/licenses/validate', {
        tag,
        summary: 'Is this key valid on this device?',
        description: 'Answers valid with a reason (ok, not_found, revoked, expired, device_not_activated).',
      }),
    )
    .input(ZKeyDeviceInput)
    .output(ZValidateOutput)
    .mutation(({ ctx, input }) => ctx.services.licenses.validate(ctx.productId, input)),
});
