/**
 * The module contract. A module is one `defineModule({ name, create })`: `create` receives the platform's
 * dependencies and the services of the modules it needs, and returns what the module contributes: its
 * service (reached as `services.<name>`), its bus subscribers, its scheduled jobs and its plain HTTP routes. It declares its containers
 * beside `create`. `services.ts` lists the modules in dependency order (`moduleList().add(...)`); the list gathers
 * every module's containers for the store's `init` and registers every subscriber, job and route in one place, so
 * a module never touches the bus's, the runner's or the server's registries itself.
 */
import type { BlobStore } from '@bytelyst/db/blob';
import type { Clock, ContainerDef, DocumentStore } from '@bytelyst/db/document-store';
import type { RateCounters } from '@bytelyst/db/rate-counters';
import type { EventBus, Subscriber } from '@bytelyst/events/bus';
import type { BusLogger } from '@bytelyst/events/logger';
import type { JobDefinition } from '@bytelyst/scheduler/definition';
import type { AnyHttpRoute } from './http-route';
import type { SecretBox } from './lib/secret-box';
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
  /** Fixed-window counters shared by every instance (limits on sign-in, reset and verification mails). */
  rateCounters: RateCounters;
  /** Seals secrets kept in the store under ENCRYPTION_KEY. */
  secretBox: SecretBox;
  logger?: BusLogger;
};

/** A subscriber of any event type, as a module hands it to the composer. */
// biome-ignore lint/suspicious/noExplicitAny: subscribers of different event types share one list.
export type AnySubscriber = Subscriber<any>;

/** A loop a module runs in the background (a delivery queue's poll); started and stopped with the workers. */
export type ModuleWorker = {
  name: string;
  start(): void;
  /** Stops taking work and hands back what it holds; resolves once work in flight has ended. */
  stop(): Promise<void>;
};

export type ModuleParts<S> = {
  service: S;
  subscribers?: readonly AnySubscriber[];
  jobs?: readonly JobDefinition[];
  /** What tRPC cannot answer (a stream, a webhook over its raw body); see `http-route.ts`. */
  routes?: readonly AnyHttpRoute[];
  /** Background loops, started beside the event dispatcher (EVENT_DISPATCHER_ENABLED). */
  workers?: readonly ModuleWorker[];
};

export type PlatformModule<N extends string, Needs, S> = {
  readonly name: N;
  /** The containers it owns (`containers.ts` beside it); created at start-up before any module is built. */
  readonly containers?: Readonly<Record<string, ContainerDef>>;
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
  workers: ModuleWorker[];
};

/**
 * The platform's modules in dependency order, known before anything is built: their containers are gathered
 * from it for the store's `init`, then `compose` builds them.
 */
export type ModuleList<Platform, Services> = {
  /** Adds a module; a module whose needs are not met by the modules before it does not compile. */
  add<N extends string, Needs, S>(
    module: PlatformModule<N, Needs, S>,
    ...unmet: Services extends Needs ? [] : [needs: Exclude<keyof Needs, keyof Services>]
  ): ModuleList<Platform, Services & { [K in N]: S }>;
  /** Every container the modules declare; a name two modules claim is refused. */
  containers(): ContainerDef[];
  /**
   * Builds the modules in order, each with the services of those before it; `platform` holds the platform's
   * own parts that modules may need (the principal cache, the lease manager).
   */
  compose(deps: PlatformDeps, platform: Platform): Composed<Omit<Services, keyof Platform>>;
};

type AnyModule = PlatformModule<string, unknown, unknown>;

const listOf = <Platform, Services>(modules: readonly AnyModule[]): ModuleList<Platform, Services> =>
  ({
    add(module: AnyModule) {
      if (modules.some((listed) => listed.name === module.name)) {
        throw new Error(`Module '${module.name}' is listed twice`);
      }
      return listOf([...modules, module]);
    },
    containers() {
      const owners = new Map<string, string>();
      const all: ContainerDef[] = [];
      for (const module of modules) {
        for (const def of Object.values(module.containers ?? {})) {
          const owner = owners.get(def.name);
          if (owner)
            throw new Error(`Container '${def.name}' is declared by '${owner}' and '${module.name}'`);
          owners.set(def.name, module.name);
          all.push(def);
        }
      }
      return all;
    },
    compose(deps: PlatformDeps, platform: Record<string, unknown>) {
      const services: Record<string, unknown> = { ...platform };
      const composed: Composed<Record<string, unknown>> = {
        services,
        subscribers: [],
        jobs: [],
        routes: [],
        workers: [],
      };
      for (const module of modules) {
        const parts = module.create(deps, { ...services });
        services[module.name] = parts.service;
        composed.subscribers.push(...(parts.subscribers ?? []));
        composed.jobs.push(...(parts.jobs ?? []));
        composed.routes.push(...(parts.routes ?? []));
        composed.workers.push(...(parts.workers ?? []));
      }
      for (const key of Object.keys(platform)) delete services[key];
      return composed as Composed<never>;
    },
  }) as unknown as ModuleList<Platform, Services>;

/** An empty list of modules over the platform's own parts `Platform`. */
export const moduleList = <Platform extends Record<string, unknown>>(): ModuleList<Platform, Platform> =>
  listOf<Platform, Platform>([]);
