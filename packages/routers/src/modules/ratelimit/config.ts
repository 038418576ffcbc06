import type { RateLimitStore } from './sliding-window';

/** Settings of the ratelimit module (ServiceConfig.ratelimit); every field has a default. */
export type RateLimitConfig = {
  /** How long an instance trusts its copy of a product's rules before reloading it behind; default 15 s. */
  cacheTtlMs?: number;
  /** The counter store; default the in-memory one (per instance). A shared store goes here. */
  store?: RateLimitStore;
  /** Counters the in-memory store keeps at most; default 100,000. */
  maxKeys?: number;
};

export const RATELIMIT_CACHE_TTL_MS = 15_000;
