/**
 * The module contract. A module is one `defineModule({ name, create })`: `create` receives the platform's
 * dependencies and the services of the modules it needs, and returns what the module contributes: its
 * service (reached as `services.<name>`), its bus subscribers, its scheduled jobs and its plain HTTP routes. `services.ts` lists the
 * modules in dependency order; the composer registers every subscriber and job in one place, so a module
 * never touches the bus's or the runner's registries itself.
 */
import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, DocumentStore } from '@bytelyst/db/document-store';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { BusLogger } from '@bytelyst/events/logger';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { AnyHttpRoute } from './http-route';
import type { ServiceConfig } from './services';

/** What every module's `create` receives, under the same names everywhere. */
export type PlatformDeps = {
  store: DocumentStore;
  blob: BlobStore;
  clock: Clock;
  /** Ids, codes and sampling draw from this; Math.random in production, seeded in tests. */
  random: () => number;
  bus: EventBus;
  config: ServiceConfig;
  logger?: BusLogger;
};

/** A subscriber of any event type, as a module hands it to the composer. */
// biome-ignore lint/suspicious/noExplicitAny: subscribers of different event types share one list.
export type AnySubscriber = Subscriber<any>;

export type ModuleParts<S> = {
  service: S;
  subscribers?: readonly AnySubscriber[];
  jobs?: readonly JobDefinition[];
  /** What tRPC cannot answer (a stream, a webhook over its raw body); see `http-route.ts`. */
  routes?: readonly AnyHttpRoute[];
};

export type PlatformModule<N extends string, Needs, S> = {
  readonly name: N;
  /** `needs` holds the services of the modules listed before this one. */
  create(deps: PlatformDeps, needs: Needs): ModuleParts<S>;
};

// biome-ignore lint/complexity/noBannedTypes: a module that needs no other module's service.
export const defineModule = <N extends string, S, Needs = {}>(
  module: PlatformModule<N, Needs, S>,
): PlatformModule<N, Needs, S> => module;

export type Composed<Services> = {
  services: Services;
  subscribers: AnySubscriber[];
  jobs: JobDefinition[];
  routes: AnyHttpRoute[];
};

export type Composer<Services> = {
  /** Adds a module; a module whose needs are not met by the modules before it does not compile. */
  add<N extends string, Needs, S>(
    module: PlatformModule<N, Needs, S>,
    ...unmet: Services extends Needs ? [] : [needs: Exclude<keyof Needs, keyof Services>]
  ): Composer<Services & { [K in N]: S }>;
  done(): Composed<Services>;
};

/**
 * Builds the modules in the order they are added, each with the services of those before it; `platform` holds
 * the platform's own parts that modules may need (the principal cache, the lease manager).
 */
export const composeModules = <Platform extends Record<string, unknown>>(
  deps: PlatformDeps,
  platform: Platform,
): Composer<Platform> => {
  const services: Record<string, unknown> = { ...platform };
  const subscribers: AnySubscriber[] = [];
  const jobs: JobDefinition[] = [];
  const routes: AnyHttpRoute[] = [];
  const composer = {
    add(module: PlatformModule<string, unknown, unknown>) {
      if (module.name in services) throw new Error(`Module '${module.name}' is listed twice`);
      const parts = module.create(deps, { ...services });
      services[module.name] = parts.service;
      subscribers.push(...(parts.subscribers ?? []));
      jobs.push(...(parts.jobs ?? []));
      routes.push(...(parts.routes ?? []));
      return composer;
    },
    done: () => {
      for (const key of Object.keys(platform)) delete services[key];
      return { services, subscribers, jobs, routes };
    },
  };
  return composer as unknown as Composer<Platform>;
};
