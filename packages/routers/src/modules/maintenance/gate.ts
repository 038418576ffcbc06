import { BlockList, isIP } from 'node:net';
import type { Clock } from '@bytelyst/db/document-store';
import type { MaintenanceRepository } from './repository';
import type { TMaintenanceConfig, TMaintenanceMode } from './schema';

/** Retry-After when no end is planned: clients look again in five minutes. */
export const DEFAULT_RETRY_AFTER_SECONDS = 300;

const DEFAULT_MESSAGES: Record<TMaintenanceMode, string> = {
  off: '',
  read_only: 'The service is read-only during maintenance: changes are refused for now.',
  maintenance: 'The service is down for maintenance.',
  emergency: 'The service is unavailable.',
};

/** One product's config, compiled for the request path. */
export type CompiledMaintenance = {
  config: TMaintenanceConfig;
  /** The config's message, or the mode's standard one when it is empty. */
  message: string;
  bypassesIp(ip: string): boolean;
  bypassesRoles(roles: readonly string[]): boolean;
  /** Seconds until `scheduledEnd`, or DEFAULT_RETRY_AFTER_SECONDS when none is ahead. */
  retryAfterSeconds(now: number): number;
};

export type MaintenanceSnapshot = {
  /** False when every product is off: the request path then costs one check. */
  anyOn: boolean;
  of(productId: string): CompiledMaintenance;
};

const blockListOf = (cidrs: readonly string[]): BlockList => {
  const list = new BlockList();
  for (const entry of cidrs) {
    const [address = '', prefix = ''] = entry.split('/');
    const family = isIP(address);
    if (family === 0) continue;
    const bits = prefix === '' ? (family === 4 ? 32 : 128) : Number(prefix);
    list.addSubnet(address, bits, family === 4 ? 'ipv4' : 'ipv6');
  }
  return list;
};

export const compileMaintenance = (config: TMaintenanceConfig): CompiledMaintenance => {
  const ips = config.bypassIPs.length > 0 ? blockListOf(config.bypassIPs) : null;
  const roles = new Set<string>(config.bypassRoles);
  const end = config.scheduledEnd ? Date.parse(config.scheduledEnd) : Number.NaN;
  return {
    config,
    message: config.message || DEFAULT_MESSAGES[config.mode],
    bypassesIp(ip) {
      if (!ips) return false;
      const family = isIP(ip);
      // An IPv4-mapped IPv6 address (::ffff:10.0.0.1) matches IPv4 rules: BlockList checks both forms.
      return family !== 0 && ips.check(ip, family === 4 ? 'ipv4' : 'ipv6');
    },
    bypassesRoles: (held) => held.some((role) => roles.has(role)),
    retryAfterSeconds: (now) =>
      end > now ? Math.max(1, Math.ceil((end - now) / 1000)) : DEFAULT_RETRY_AFTER_SECONDS,
  };
};

/**
 * Every product's maintenance config, read in one query and kept for `ttlMs`, so the request path answers
 * from memory: another instance's change applies within that window, this instance's at once (`invalidate`).
 */
export const createMaintenanceGate = (deps: {
  repo: MaintenanceRepository;
  clock: Clock;
  /** The config of a product that has stored none (the env's starting value). */
  starting: () => TMaintenanceConfig;
  ttlMs: number;
}) => {
  let cached: { at: number; value: MaintenanceSnapshot } | undefined;
  let loading: Promise<MaintenanceSnapshot> | undefined;
  let generation = 0;
  const fallback = compileMaintenance(deps.starting());

  const load = async (): Promise<MaintenanceSnapshot> => {
    const seen = generation;
    const byProduct = new Map<string, CompiledMaintenance>();
    for (const doc of await deps.repo.listConfigs()) {
      byProduct.set(doc.productId, compileMaintenance(doc.maintenanceConfig));
    }
    const anyOn =
      fallback.config.mode !== 'off' || [...byProduct.values()].some((entry) => entry.config.mode !== 'off');
    const value: MaintenanceSnapshot = { anyOn, of: (productId) => byProduct.get(productId) ?? fallback };
    // A write made while this read ran invalidated it: keep the answer for this caller only.
    if (seen === generation) cached = { at: deps.clock(), value };
    return value;
  };

  return {
    /** The snapshot: synchronous while fresh, else one read shared by every caller waiting for it. */
    current(): MaintenanceSnapshot | Promise<MaintenanceSnapshot> {
      if (cached && deps.clock() - cached.at < deps.ttlMs) return cached.value;
      if (loading) return loading;
      const started: Promise<MaintenanceSnapshot> = load().finally(() => {
        if (loading === started) loading = undefined;
      });
      loading = started;
      return started;
    },
    /** After a local write: the next request reads the store again (not a read already under way). */
    invalidate(): void {
      generation += 1;
      cached = undefined;
      loading = undefined;
    },
  };
};

export type MaintenanceGate = ReturnType<typeof createMaintenanceGate>;
