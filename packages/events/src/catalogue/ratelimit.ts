import { z } from 'zod';
import { def, id } from './def';

const ZIpAction = z.enum(['allow', 'deny']);

/**
 * Rate-limit rules, per-user overrides and IP rules: each change is on record in the event stream beside the
 * audit log's `admin.action`. Internal; every API instance picks the change up within its cache's lifetime.
 */
export const RATELIMIT_EVENTS = {
  'ratelimit.ip_rule_created': def({
    version: 1,
    public: false,
    description: 'An IP or CIDR was allowed (exempt from rate limits) or denied (403 before sign-in).',
    payload: z.object({
      ruleId: id,
      cidr: z.string(),
      action: ZIpAction,
      reason: z.string(),
      expiresAt: z.iso.datetime().nullable(),
    }),
    example: {
      ruleId: 'ipr_8f2k1m',
      cidr: '203.0.113.0/24',
      action: 'deny',
      reason: 'Credential stuffing',
      expiresAt: '2026-07-01T00:00:00.000Z',
    },
  }),
  'ratelimit.ip_rule_deleted': def({
    version: 1,
    public: false,
    description: 'An IP rule was removed.',
    payload: z.object({ ruleId: id, cidr: z.string(), action: ZIpAction }),
  }),
  'ratelimit.rule_changed': def({
    version: 1,
    public: false,
    description:
      'A rate-limit rule was created, changed or deleted; `reset` puts a default rule back as the platform ships it.',
    payload: z.object({
      ruleId: id,
      change: z.enum(['created', 'updated', 'deleted', 'reset']),
      enabled: z.boolean(),
      limit: z.number().int(),
      windowSeconds: z.number().int(),
    }),
  }),
  'ratelimit.override_changed': def({
    version: 1,
    public: false,
    description: "A user's rate-limit override was added, changed or removed.",
    payload: z.object({
      overrideId: id,
      userId: id,
      ruleId: z.string().nullable(),
      change: z.enum(['created', 'updated', 'deleted']),
      expiresAt: z.iso.datetime(),
    }),
  }),
} as const;
