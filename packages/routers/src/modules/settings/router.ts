import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, publicProcedure, router } from '../../trpc';
import {
  ZDeviceInput,
  ZDeviceSettings,
  ZKillSwitch,
  ZKillSwitchInput,
  ZKillSwitchPublic,
  ZSetKillSwitchInput,
  ZUpdateDeviceInput,
  ZUpdateMineInput,
  ZUserSettings,
  ZUserSettingsDetail,
  ZUserSettingsInput,
} from './schema';

const tag = 'settings';

export const settingsRouter = router({
  getKillSwitch: publicProcedure
    .meta(
      rest('GET', '/settings/kill-switch', {
        tag,
        summary: "The product's kill switch, as clients poll it",
        description:
          'Pick the product with the x-product-id header. `blocked` says whether this caller must stop: the ' +
          'switch is on and, when `minAppVersion` is set, `appVersion` is older than it (or not given).',
        cacheSeconds: 5,
      }),
    )
    .input(ZKillSwitchInput.optional())
    .output(ZKillSwitchPublic)
    .query(({ ctx, input }) => ctx.services.settings.killSwitch.forClient(ctx.productId, input?.appVersion)),
  setKillSwitch: adminProcedure
    .meta(
      rest('PUT', '/settings/kill-switch', {
        tag,
        summary: "Turn the product's kill switch on or off, with the message clients show",
        targetType: 'kill_switch',
      }),
    )
    .input(ZSetKillSwitchInput)
    .output(ZKillSwitch)
    .mutation(({ ctx, input }) =>
      ctx.services.settings.killSwitch.set(ctx.productId, input, ctx.principal.userId),
    ),
  getMine: authedProcedure
    .meta(rest('GET', '/settings/me', { tag, summary: "The caller's own settings" }))
    .input(z.object({}).optional())
    .output(ZUserSettings)
    .query(({ ctx }) => ctx.services.settings.forUser(ctx.productId, ctx.principal.userId)),
  updateMine: authedProcedure
    .meta(
      rest('PATCH', '/settings/me', {
        tag,
        summary: "Merge into the caller's settings; a null value deletes its key",
      }),
    )
    .input(ZUpdateMineInput)
    .output(ZUserSettings)
    .mutation(({ ctx, input }) =>
      ctx.services.settings.patchUser(ctx.productId, ctx.principal.userId, input.values),
    ),
  getDevice: authedProcedure
    .meta(
      rest('GET', '/settings/devices/{deviceId}', { tag, summary: "One of the caller's devices' settings" }),
    )
    .input(ZDeviceInput)
    .output(ZDeviceSettings)
    .query(({ ctx, input }) =>
      ctx.services.settings.forDevice(ctx.productId, ctx.principal.userId, input.deviceId),
    ),
  updateDevice: authedProcedure
    .meta(
      rest('PATCH', '/settings/devices/{deviceId}', {
        tag,
        summary: "Merge into one of the caller's devices' settings; a null value deletes its key",
      }),
    )
    .input(ZUpdateDeviceInput)
    .output(ZDeviceSettings)
    .mutation(({ ctx, input }) =>
      ctx.services.settings.patchDevice(ctx.productId, ctx.principal.userId, input.deviceId, input.values),
    ),
  get: adminProcedure
    .meta(rest('GET', '/settings/users/{userId}', { tag, summary: "A user's settings and their devices'" }))
    .input(ZUserSettingsInput)
    .output(ZUserSettingsDetail)
    .query(({ ctx, input }) => ctx.services.settings.detail(ctx.productId, input.userId)),
});
