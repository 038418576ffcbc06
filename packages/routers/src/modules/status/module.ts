import type { LeaseManager } from '@bytelyst/db/leases';
import { LEADER_LEASE } from '@bytelyst/scheduler/runner';
import { AppError } from '../../app-error';
import type { TargetPolicy } from '../../lib/outbound';
import { DAY_MS, dayOf } from '../../lib/time';
import { defineModule } from '../../module';
import type { DeliveryModuleService } from '../delivery/module';
import type { EventsService } from '../events/service';
import type { ProductsService } from '../products/service';
import { createComponentsService } from './components';
import { STATUS_DEFAULTS } from './config';
import { STATUS_CONTAINERS } from './containers';
import { createIncidentsService } from './incidents';
import { createMaintenanceService } from './maintenance';
import { createMonitorRunner } from './monitor-runner';
import { createMonitorsService } from './monitors';
import { runProbe } from './probes';
import { createPublicStatus } from './public';
import { createStatusRepository } from './repository';
import { createRollups } from './rollups';
import { statusRoutes } from './routes';
import { createSubscribersService } from './subscribers';

type Needs = {
  leases: LeaseManager;
  products: ProductsService;
  events: EventsService;
  delivery: DeliveryModuleService;
};

const NOOP = { info: () => undefined, warn: () => undefined, error: () => undefined };

/**
 * The public status page: components (the platform's own and the admin's), monitors run by the job runner's
 * leader (HTTP(S), TCP, internal checks, heartbeats) with retries and a latency threshold, check results with
 * daily uptime rollups, incidents with public updates, scheduled maintenance moved by a job, email subscribers
 * through delivery and webhook subscribers through the public `status.*` events.
 */
export const statusModule = defineModule({
  name: 'status',
  containers: STATUS_CONTAINERS,
  create: ({ store, blob, clock, bus, config, secretBox, rateCounters, logger }, needs: Needs) => {
    const settings = { ...STATUS_DEFAULTS, ...config.status };
    // The monitors reach what webhooks reach: the same allowed CIDRs, https in production, the same connector.
    const allowedCidrs = config.status?.allowedCidrs ?? config.webhooks?.allowedCidrs ?? [];
    const requireHttps = config.status?.requireHttps ?? config.webhooks?.requireHttps ?? false;
    const connect = config.status?.connect ?? config.webhooks?.connect;
    const resolve = config.status?.resolve ?? config.webhooks?.resolve;
    const policy: TargetPolicy = {
      network: 'public',
      allowedCidrs,
      http: requireHttps ? 'allowed-cidrs-only' : 'allow',
      settings: { allowedCidrs: 'WEBHOOK_ALLOWED_CIDRS', http: 'in production' },
      ...(resolve ? { resolve } : {}),
    };
    const consoleUrl = settings.consoleUrl.replace(/\/+$/, '');
    const urls = {
      page: (productId: string) =>
        `${consoleUrl}/status${productId === config.defaultProductId ? '' : `?product=${encodeURIComponent(productId)}`}`,
      confirm: (token: string) => `${consoleUrl}/status/confirm?token=${encodeURIComponent(token)}`,
      unsubscribe: (token: string) => `${consoleUrl}/status/unsubscribe?token=${encodeURIComponent(token)}`,
    };

    const repo = createStatusRepository(store);
    const rollups = createRollups({ repo, clock });
    const changed = (productId: string) => rollups.forget(productId);
    const components = createComponentsService({ repo, clock, changed });
    const requireComponent = components.requireComponent;
    const monitors = createMonitorsService({ repo, clock, secretBox, policy, requireComponent, changed });
    const incidents = createIncidentsService({ repo, clock, bus, requireComponent, changed });
    const maintenance = createMaintenanceService({
      repo,
      clock,
      bus,
      ensureSeeded: components.ensureSeeded,
      requireComponent,
      changed,
    });
    const productName = async (productId: string) =>
      (await needs.products.find(productId))?.name ?? productId;
    const publicStatus = createPublicStatus({ repo, clock, components, rollups, productName });
    const subscribers = createSubscribersService({
      repo,
      clock,
      secretBox,
      rateCounters,
      delivery: needs.delivery,
      urls,
    });
    const runner = createMonitorRunner({
      repo,
      clock,
      leases: needs.leases,
      instanceId: config.instanceId ?? 'api',
      pollIntervalMs: settings.pollIntervalMs,
      logger: logger ?? NOOP,
      changed,
      pastDaysChanged: (productId, componentId, days) => rollups.recompute(productId, componentId, days),
      probe: (monitor) =>
        runProbe(monitor, {
          policy,
          connect,
          now: clock,
          internal: {
            storePing: () => store.ping(),
            blobPing: () => blob.ping(),
            eventBacklog: async () => (await needs.events.stats({ productId: undefined })).pending,
            deadLetters: async () => (await needs.events.stats({ productId: undefined })).deadLettered,
            leaderLeaseFresh: async () => (await needs.leases.current(LEADER_LEASE)) !== null,
          },
        }),
    });

    return {
      service: {
        /** Contract 3 of the maintenance switch (see maintenance-status-hook in the maintenance module). */
        beginSwitchWindow: maintenance.beginSwitchWindow,
        endSwitchWindow: maintenance.endSwitchWindow,
        components,
        monitors: { ...monitors, checkNow: runner.checkNow },
        incidents,
        maintenance,
        subscribers,
        public: publicStatus,
        rollups,
        runner,
      },
      subscribers: [subscribers.noticeSubscriber],
      jobs: [
        {
          name: 'status-maintenance',
          cron: '* * * * *',
          description:
            'Starts scheduled status-page maintenance windows at their start and completes them at their end.',
          timeoutMs: 60_000,
          missedRunPolicy: 'once',
          run: async (ctx) => maintenance.moveDue(ctx.signal),
        },
        {
          name: 'status-rollup',
          cron: '15 0 * * *',
          description: "Computes yesterday's uptime rollup of every status component (the 90-day bars).",
          timeoutMs: 10 * 60_000,
          missedRunPolicy: 'once',
          run: async (ctx) => {
            const day = dayOf(ctx.now() - DAY_MS);
            let components = 0;
            for (const productId of await repo.components.productIds()) {
              if (ctx.signal.aborted) break;
              components += (await rollups.rollupDay(productId, day)).length;
            }
            return { components };
          },
        },
      ],
      routes: statusRoutes({
        publicStatus,
        monitors,
        pageUrl: urls.page,
        productOf: async (request, fallback) => {
          const requested = typeof request.query.product === 'string' ? request.query.product : undefined;
          const product = await needs.products.find(requested ?? fallback);
          if (!product) throw new AppError('NOT_FOUND', `Product '${requested ?? fallback}' not found`);
          return { id: product.id, name: product.name };
        },
        apiOrigin: (request) =>
          config.delivery?.publicBaseUrl?.replace(/\/+$/, '') ??
          `http://${request.headers.host ?? '127.0.0.1'}`,
      }),
      workers: [{ name: 'status.monitors', start: () => runner.start(), stop: () => runner.stop() }],
    };
  },
});

export type StatusService = ReturnType<typeof statusModule.create>['service'];
