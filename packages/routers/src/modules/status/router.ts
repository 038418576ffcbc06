import { z } from 'zod';
import { rest } from '../../lib/openapi';
import { adminProcedure, publicProcedure, router } from '../../trpc';
import { UPTIME_RULE } from './config';
import {
  ZCheckResult,
  ZComponentCreateInput,
  ZComponentIdInput,
  ZComponentUpdateInput,
  ZIncident,
  ZIncidentCreateInput,
  ZIncidentIdInput,
  ZIncidentListInput,
  ZIncidentPage,
  ZIncidentPostInput,
  ZIncidentUpdateInput,
  ZMaintenance,
  ZMaintenanceCreateInput,
  ZMaintenanceIdInput,
  ZMaintenanceListInput,
  ZMaintenanceUpdateInput,
  ZMonitorCreateInput,
  ZMonitorIdInput,
  ZMonitorListInput,
  ZMonitorUpdateInput,
  ZPostmortemInput,
  ZStatusComponent,
  ZStatusMonitor,
  ZSubscribeInput,
  ZSubscriberStats,
  ZTokenInput,
} from './schema';
import { ZPublicHistory, ZPublicStatus } from './schema-public';

const tag = 'status';
const deleted = z.object({ id: z.string(), deleted: z.literal(true) });

const componentsRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/status/components', { tag, summary: 'Components with their state and latest latencies' }),
    )
    .input(z.object({}).optional())
    .output(z.object({ items: z.array(ZStatusComponent) }))
    .query(async ({ ctx }) => ({ items: await ctx.services.status.components.list(ctx.productId) })),
  get: adminProcedure
    .meta(rest('GET', '/status/components/{id}', { tag, summary: 'One component' }))
    .input(ZComponentIdInput)
    .output(ZStatusComponent)
    .query(({ ctx, input }) => ctx.services.status.components.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/status/components', {
        tag,
        summary: 'Add a component to the status page',
        description: 'The id is its key in URLs, badges and the maintenance switch (affectedServices).',
        targetType: 'status_component',
      }),
    )
    .input(ZComponentCreateInput)
    .output(ZStatusComponent)
    .mutation(({ ctx, input }) => ctx.services.status.components.create(ctx.productId, input)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/status/components/{id}', {
        tag,
        summary: 'Rename, describe, group or reorder a component',
        targetType: 'status_component',
      }),
    )
    .input(ZComponentUpdateInput)
    .output(ZStatusComponent)
    .mutation(({ ctx, input }) => ctx.services.status.components.update(ctx.productId, input)),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/status/components/{id}', {
        tag,
        summary: "Remove an admin-added component (the platform's own stay)",
        targetType: 'status_component',
      }),
    )
    .input(ZComponentIdInput)
    .output(deleted)
    .mutation(({ ctx, input }) => ctx.services.status.components.delete(ctx.productId, input.id)),
});

const monitorsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/status/monitors', { tag, summary: 'Monitors with their current verdict' }))
    .input(ZMonitorListInput)
    .output(z.object({ items: z.array(ZStatusMonitor) }))
    .query(async ({ ctx, input }) => ({
      items: await ctx.services.status.monitors.list(ctx.productId, input?.componentId),
    })),
  get: adminProcedure
    .meta(
      rest('GET', '/status/monitors/{id}', { tag, summary: 'One monitor (a heartbeat shows its push path)' }),
    )
    .input(ZMonitorIdInput)
    .output(ZStatusMonitor)
    .query(({ ctx, input }) => ctx.services.status.monitors.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/status/monitors', {
        tag,
        summary: 'Add a monitor: HTTP(S), TCP, an internal check or a heartbeat',
        description:
          'HTTP(S) and TCP targets must resolve to public addresses (or inside WEBHOOK_ALLOWED_CIDRS), as webhook ' +
          "endpoints; a 400 names `url` or `host` otherwise. Runs every `intervalSeconds` on the job runner's " +
          'leader; `retries` failed checks in a row are tolerated before the monitor is down.',
        targetType: 'status_monitor',
      }),
    )
    .input(ZMonitorCreateInput)
    .output(ZStatusMonitor)
    .mutation(({ ctx, input }) => ctx.services.status.monitors.create(ctx.productId, input)),
  update: adminProcedure
    .meta(
      rest('PATCH', '/status/monitors/{id}', {
        tag,
        summary: 'Change, enable or disable a monitor',
        targetType: 'status_monitor',
      }),
    )
    .input(ZMonitorUpdateInput)
    .output(ZStatusMonitor)
    .mutation(({ ctx, input }) => ctx.services.status.monitors.update(ctx.productId, input)),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/status/monitors/{id}', {
        tag,
        summary: 'Remove a monitor',
        targetType: 'status_monitor',
      }),
    )
    .input(ZMonitorIdInput)
    .output(deleted)
    .mutation(({ ctx, input }) => ctx.services.status.monitors.delete(ctx.productId, input.id)),
  check: adminProcedure
    .meta(
      rest('POST', '/status/monitors/{id}/check', {
        tag,
        summary: 'Check now: runs the monitor once and records the result',
        targetType: 'status_monitor',
      }),
    )
    .input(ZMonitorIdInput)
    .output(ZCheckResult)
    .mutation(({ ctx, input }) => ctx.services.status.monitors.checkNow(ctx.productId, input.id)),
});

const incidentsRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/status/incidents', { tag, summary: 'Incidents, newest first' }))
    .input(ZIncidentListInput)
    .output(ZIncidentPage)
    .query(({ ctx, input }) => ctx.services.status.incidents.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/status/incidents/{id}', { tag, summary: 'One incident with its updates' }))
    .input(ZIncidentIdInput)
    .output(ZIncident)
    .query(({ ctx, input }) => ctx.services.status.incidents.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/status/incidents', {
        tag,
        summary: 'Open an incident with its first public update',
        description: 'Subscribers are mailed; webhook endpoints get `status.incident.created`.',
        targetType: 'status_incident',
      }),
    )
    .input(ZIncidentCreateInput)
    .output(ZIncident)
    .mutation(({ ctx, input }) =>
      ctx.services.status.incidents.create(ctx.productId, input, ctx.principal.userId),
    ),
  update: adminProcedure
    .meta(
      rest('PATCH', '/status/incidents/{id}', {
        tag,
        summary: 'Change the title or the affected components and their impact (no public update)',
        targetType: 'status_incident',
      }),
    )
    .input(ZIncidentUpdateInput)
    .output(ZIncident)
    .mutation(({ ctx, input }) =>
      ctx.services.status.incidents.update(ctx.productId, input, ctx.principal.userId),
    ),
  createUpdate: adminProcedure
    .meta(
      rest('POST', '/status/incidents/{id}/updates', {
        tag,
        summary: 'Post a timestamped public update; status `resolved` resolves the incident',
        targetType: 'status_incident',
      }),
    )
    .input(ZIncidentPostInput)
    .output(ZIncident)
    .mutation(({ ctx, input }) =>
      ctx.services.status.incidents.createUpdate(ctx.productId, input, ctx.principal.userId),
    ),
  setPostmortem: adminProcedure
    .meta(
      rest('PUT', '/status/incidents/{id}/postmortem', {
        tag,
        summary: 'Publish (or replace) the postmortem of a resolved incident',
        targetType: 'status_incident',
      }),
    )
    .input(ZPostmortemInput)
    .output(ZIncident)
    .mutation(({ ctx, input }) =>
      ctx.services.status.incidents.setPostmortem(
        ctx.productId,
        input.id,
        input.postmortem,
        ctx.principal.userId,
      ),
    ),
});

const maintenanceRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/status/maintenance', { tag, summary: 'Maintenance windows, latest start first' }))
    .input(ZMaintenanceListInput)
    .output(z.object({ items: z.array(ZMaintenance) }))
    .query(({ ctx, input }) => ctx.services.status.maintenance.list(ctx.productId, input ?? {})),
  get: adminProcedure
    .meta(rest('GET', '/status/maintenance/{id}', { tag, summary: 'One maintenance window' }))
    .input(ZMaintenanceIdInput)
    .output(ZMaintenance)
    .query(({ ctx, input }) => ctx.services.status.maintenance.get(ctx.productId, input.id)),
  create: adminProcedure
    .meta(
      rest('POST', '/status/maintenance', {
        tag,
        summary: 'Schedule a maintenance window',
        description:
          'The status-maintenance job starts it at scheduledStart and completes it at scheduledEnd (within a ' +
          'minute); its components are under maintenance meanwhile and left out of uptime.',
        targetType: 'status_maintenance',
      }),
    )
    .input(ZMaintenanceCreateInput)
    .output(ZMaintenance)
    .mutation(({ ctx, input }) =>
      ctx.services.status.maintenance.create(ctx.productId, input, ctx.principal.userId),
    ),
  update: adminProcedure
    .meta(
      rest('PATCH', '/status/maintenance/{id}', {
        tag,
        summary: 'Change a window; an end at or before now completes one in progress',
        targetType: 'status_maintenance',
      }),
    )
    .input(ZMaintenanceUpdateInput)
    .output(ZMaintenance)
    .mutation(({ ctx, input }) =>
      ctx.services.status.maintenance.update(ctx.productId, input, ctx.principal.userId),
    ),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/status/maintenance/{id}', {
        tag,
        summary: 'Cancel a window that has not started',
        targetType: 'status_maintenance',
      }),
    )
    .input(ZMaintenanceIdInput)
    .output(deleted)
    .mutation(({ ctx, input }) =>
      ctx.services.status.maintenance.delete(ctx.productId, input.id, ctx.principal.userId),
    ),
});

const subscribersRouter = router({
  stats: adminProcedure
    .meta(
      rest('GET', '/status/subscribers/stats', {
        tag,
        summary: 'Email subscribers: confirmed, pending, gone',
      }),
    )
    .input(z.object({}).optional())
    .output(ZSubscriberStats)
    .query(({ ctx }) => ctx.services.status.subscribers.stats(ctx.productId)),
});

export const statusRouter = router({
  get: publicProcedure
    .meta(
      rest('GET', '/public/status', {
        tag,
        summary: 'The status page now: overall state, components, open incidents, maintenance, lastCheckedAt',
        description:
          'Cached 30 s. Also public: `/v1/public/status/feed.atom` (Atom), `/v1/public/status/badge/{componentId}.svg` ' +
          "(SVG; `overall` for the overall state), and heartbeat monitors' push URLs " +
          '`GET|POST /v1/public/status/heartbeat/{token}` (`status=up|down`, `msg`, `ping`).',
        cacheSeconds: 30,
      }),
    )
    .input(z.object({}).optional())
    .output(ZPublicStatus)
    .query(({ ctx }) => ctx.services.status.public.current(ctx.productId)),
  getHistory: publicProcedure
    .meta(
      rest('GET', '/public/status/history', {
        tag,
        summary: '90 days of daily uptime per component, incidents and past maintenance',
        description: `Cached 60 s. ${UPTIME_RULE}`,
        cacheSeconds: 60,
      }),
    )
    .input(z.object({}).optional())
    .output(ZPublicHistory)
    .query(({ ctx }) => ctx.services.status.public.history(ctx.productId)),
  subscribe: publicProcedure
    .meta(
      rest('POST', '/public/status/subscribe', {
        tag,
        summary: 'Subscribe an address to incident and maintenance notices (a confirmation link is mailed)',
        description: 'The answer is the same whether or not the address was subscribed already.',
        successStatus: 202,
      }),
    )
    .input(ZSubscribeInput)
    .output(z.object({ accepted: z.literal(true) }))
    .mutation(({ ctx, input }) => ctx.services.status.subscribers.subscribe(ctx.productId, input.email)),
  confirm: publicProcedure
    .meta(
      rest('POST', '/public/status/confirm', {
        tag,
        summary: "Confirm a subscription with its mail's token",
      }),
    )
    .input(ZTokenInput)
    .output(z.object({ status: z.literal('active'), email: z.string() }))
    .mutation(({ input, ctx }) => ctx.services.status.subscribers.confirm(input.token)),
  unsubscribe: publicProcedure
    .meta(
      rest('POST', '/public/status/unsubscribe', {
        tag,
        summary: "End a subscription with a notice's token",
      }),
    )
    .input(ZTokenInput)
    .output(z.object({ status: z.literal('unsubscribed'), email: z.string() }))
    .mutation(({ input, ctx }) => ctx.services.status.subscribers.unsubscribe(input.token)),
  components: componentsRouter,
  monitors: monitorsRouter,
  incidents: incidentsRouter,
  maintenance: maintenanceRouter,
  subscribers: subscribersRouter,
});
