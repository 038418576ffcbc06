import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import { isAdminRole } from '../users/rules';
import { ZGetSwitchOutput, ZMaintenanceConfig, ZMaintenanceSchedule, ZSetMaintenanceInput } from './schema';

// Served under /settings, beside the kill switch clients poll with it (roadmap §2.10).
const tag = 'settings';

export const maintenanceRouter = router({
  get: publicProcedure
    .meta(
      rest('GET', '/settings/maintenance', {
        tag,
        summary: "The product's maintenance mode and message, as clients poll it",
        description:
          'Pick the product with the x-product-id header. Never refused, whatever the mode. `mode` other than ' +
          '`off` means: show `message` as a banner; `read_only` refuses changes, `maintenance` and `emergency` ' +
          'everything (503 with Retry-After). `bypassIPs` and `adminMessage` are given to admins only.',
      }),
    )
    .input(z.object({}).optional())
    .output(ZMaintenanceConfig)
    .query(async ({ ctx }) => {
      const config = await ctx.services.maintenance.get(ctx.productId);
      if (ctx.principal && isAdminRole(ctx.principal.roles)) return config;
      const { adminMessage: _admin, ...shown } = config;
      return { ...shown, bypassIPs: [] };
    }),
  set: adminProcedure
    .meta(
      rest('PUT', '/settings/maintenance', {
        tag,
        summary: "Set the product's maintenance mode, message, bypass rules and planned window",
        description:
          'Replaces the whole config. Changing the mode starts the coordinated switch (jobs held or resumed, ' +
          "sends held or released, the status page's window, the kill switch in an emergency); its checklist " +
          'is at GET /settings/maintenance/switch. Never refused by maintenance itself, so an admin can always ' +
          'switch it off.',
        targetType: 'maintenance',
      }),
    )
    .input(ZSetMaintenanceInput)
    .output(ZMaintenanceConfig)
    .mutation(({ ctx, input }) =>
      ctx.services.maintenance.set(ctx.productId, input, {
        id: ctx.principal.userId,
        email: ctx.principal.email,
      }),
    ),
  getSchedule: publicProcedure
    .meta(
      rest('GET', '/settings/maintenance/schedule', {
        tag,
        summary: 'Upcoming (and current) planned maintenance windows',
      }),
    )
    .input(z.object({}).optional())
    .output(ZMaintenanceSchedule)
    .query(({ ctx }) => ctx.services.maintenance.schedule(ctx.productId)),
  getSwitch: adminProcedure
    .meta(
      rest('GET', '/settings/maintenance/switch', {
        tag,
        summary: "The coordinated switch's checklist for the latest mode change, step by step",
      }),
    )
    .input(z.object({}).optional())
    .output(ZGetSwitchOutput)
    .query(async ({ ctx }) => ({ switch: await ctx.services.maintenance.getSwitch(ctx.productId) })),
});
