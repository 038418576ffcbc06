import type { ContainerDef } from '@bytelyst/db/document-store';

/**
 * The containers this module owns. Counters and stats are not here: they live in memory per instance
 * (sliding-window.ts, stats.ts), as the roadmap has them.
 */
export const RATELIMIT_CONTAINERS = {
  /** Custom rules, and an admin's changes to a default rule (same id as the default). */
  rateLimitRules: {
    name: 'rate_limit_rules',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['updatedAt']],
  },
  /** Per-user overrides; each document expires with its override (plus a day, for the record). */
  rateLimitOverrides: {
    name: 'rate_limit_overrides',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['updatedAt']],
  },
  /** Allow and deny rules by IP or CIDR (roadmap §2.11, §4); a temporary one expires with its rule. */
  ipRules: {
    name: 'ip_rules',
    partitionKey: ['productId'],
    indexes: [['createdAt'], ['action', 'createdAt'], ['cidr']],
  },
} as const satisfies Record<string, ContainerDef>;
