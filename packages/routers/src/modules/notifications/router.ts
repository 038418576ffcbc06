import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, authedProcedure, router } from '../../trpc';
import {
  ZDevice,
  ZDeviceIdInput,
  ZDeviceList,
  ZDeviceListInput,
  ZDevicePage,
  ZPreferences,
  ZPreferencesUpdateInput,
  ZRegisterDeviceInput,
  ZUserIdInput,
} from './schema';

const tag = 'notifications';

export const notificationsRouter = router({
  registerDevice: authedProcedure
    .meta(
      rest('PUT', '/notifications/devices', {
        tag,
        summary: "Register or refresh the caller's device (push token, app version, locale, time zone)",
        description:
          "Idempotent on deviceId. A push token already held by another device (even another user's) moves " +
          'to this one. Omit pushToken to keep the stored one; send null to clear it.',
      }),
    )
    .input(ZRegisterDeviceInput)
    .output(ZDevice)
    .mutation(({ ctx, input }) =>
      ctx.services.notifications.devices.register(ctx.productId, ctx.principal.userId, input),
    ),
  listMine: authedProcedure
    .meta(rest('GET', '/notifications/devices', { tag, summary: "The caller's devices, last seen first" }))
    .input(z.object({}).optional())
    .output(ZDeviceList)
    .query(({ ctx }) => ctx.services.notifications.devices.ofUser(ctx.productId, ctx.principal.userId)),
  unregisterDevice: authedProcedure
    .meta(
      rest('DELETE', '/notifications/devices/{deviceId}', {
        tag,
        summary: "Remove one of the caller's devices",
      }),
    )
    .input(ZDeviceIdInput)
    .output(z.object({ deleted: z.boolean() }))
    .mutation(({ ctx, input }) =>
      ctx.services.notifications.devices.unregister(ctx.productId, ctx.principal.userId, input.deviceId),
    ),
  getPreferencesMine: authedProcedure
    .meta(
      rest('GET', '/notifications/preferences', {
        tag,
        summary: "The caller's notification preferences per type and channel (defaults where unset)",
      }),
    )
    .input(z.object({}).optional())
    .output(ZPreferences)
    .query(({ ctx }) => ctx.services.notifications.preferences.get(ctx.productId, ctx.principal.userId)),
  updatePreferencesMine: authedProcedure
    .meta(
      rest('PATCH', '/notifications/preferences', {
        tag,
        summary: "Change some of the caller's preferences; security email cannot be turned off",
      }),
    )
    .input(ZPreferencesUpdateInput)
    .output(ZPreferences)
    .mutation(({ ctx, input }) =>
      ctx.services.notifications.preferences.update(ctx.productId, ctx.principal.userId, input),
    ),
  list: adminProcedure
    .meta(
      rest('GET', '/notifications/admin/devices', {
        tag,
        summary: "The product's devices, filtered by platform or user",
      }),
    )
    .input(ZDeviceListInput.optional())
    .output(ZDevicePage)
    .query(({ ctx, input }) => ctx.services.notifications.devices.list(ctx.productId, input ?? {})),
  listByUser: adminProcedure
    .meta(rest('GET', '/notifications/users/{userId}/devices', { tag, summary: "One user's devices" }))
    .input(ZUserIdInput)
    .output(ZDeviceList)
    .query(({ ctx, input }) => ctx.services.notifications.devices.ofUser(ctx.productId, input.userId)),
  getPreferences: adminProcedure
    .meta(
      rest('GET', '/notifications/users/{userId}/preferences', {
        tag,
        summary: "One user's notification preferences",
      }),
    )
    .input(ZUserIdInput)
    .output(ZPreferences)
    .query(({ ctx, input }) => ctx.services.notifications.preferences.get(ctx.productId, input.userId)),
});
