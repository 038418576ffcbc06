import { z } from 'zod';
import { parseCidr } from './ip-address';

/**
 * What a rule counts by. `user` and `apiToken` fall back to the client address for a caller who is not signed
 * in (or not using an API token), so a rule on them still holds anonymous traffic.
 */
export const RATE_LIMIT_KEYS = ['user', 'apiToken', 'ip', 'product'] as const;
export const ZRateLimitKey = z.enum(RATE_LIMIT_KEYS);
export type TRateLimitKey = z.infer<typeof ZRateLimitKey>;

/**
 * An operation pattern: a procedure (`auth.login`, `auth.*`, `*`) or a REST route, with or without its method
 * (`POST /v1/auth/login`, `/v1/telemetry/*`). `*` matches anything, dots and slashes included. A REST pattern
 * matches the procedure behind the route, so either pattern limits both faces.
 */
export const ZOperationPattern = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(
    /^[A-Za-z0-9_.*-]+$|^((GET|POST|PUT|PATCH|DELETE|\*) )?\/[A-Za-z0-9_\-/{}.*]*$/,
    'Expected a procedure (auth.login, auth.*) or a REST route (POST /v1/auth/login, /v1/telemetry/*)',
  );

export const ZRuleId = z
  .string()
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'Lower-case letters, digits and dashes');

const ZIsoOrNull = z.iso.datetime({ offset: true }).nullable();

export const ZRateLimitRule = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  match: z.array(z.string()),
  key: ZRateLimitKey,
  limit: z.number().int(),
  windowSeconds: z.number().int(),
  enabled: z.boolean(),
  /** A default of the platform; `customized` once an admin changed it (deleting it restores the default). */
  builtIn: z.boolean(),
  customized: z.boolean(),
  /** After this the rule no longer applies (a temporary tightening); null: no end. */
  expiresAt: z.string().nullable(),
  updatedAt: z.string().nullable(),
  updatedBy: z.string().nullable(),
});
export type TRateLimitRule = z.infer<typeof ZRateLimitRule>;
export const ZRateLimitRuleList = z.object({ items: z.array(ZRateLimitRule) });

const ruleFields = {
  name: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500),
  match: z.array(ZOperationPattern).min(1).max(20),
  key: ZRateLimitKey,
  limit: z.number().int().min(1).max(1_000_000),
  /** One second to one day. */
  windowSeconds: z.number().int().min(1).max(86_400),
  enabled: z.boolean(),
  expiresAt: ZIsoOrNull,
};

export const ZRateLimitRuleCreateInput = z.object({
  id: ZRuleId.optional(),
  ...ruleFields,
  description: ruleFields.description.default(''),
  enabled: ruleFields.enabled.default(true),
  expiresAt: ruleFields.expiresAt.default(null),
});
export type TRateLimitRuleCreateInput = z.infer<typeof ZRateLimitRuleCreateInput>;

export const ZRateLimitRuleUpdateInput = z
  .object({ id: z.string().trim().min(1).max(64) })
  .extend(z.object(ruleFields).partial().shape);
export type TRateLimitRuleUpdateInput = z.infer<typeof ZRateLimitRuleUpdateInput>;

export const ZIdInput = z.object({ id: z.string().trim().min(1).max(64) });

export const IP_RULE_ACTIONS = ['allow', 'deny'] as const;
export const ZIpRuleAction = z.enum(IP_RULE_ACTIONS);

/** An IPv4 or IPv6 address or CIDR; stored in canonical form (host bits cleared). */
export const ZCidr = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine(
    (value) => parseCidr(value) !== undefined,
    'Expected an IP address or CIDR (203.0.113.0/24, 2001:db8::/32)',
  );

export const ZIpRule = z.object({
  id: z.string(),
  cidr: z.string(),
  action: ZIpRuleAction,
  reason: z.string(),
  createdBy: z.string(),
  createdByEmail: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string().nullable(),
});
export type TIpRule = z.infer<typeof ZIpRule>;

export const ZIpRuleCreateInput = z.object({
  cidr: ZCidr,
  action: ZIpRuleAction,
  reason: z.string().trim().min(1).max(500),
  expiresAt: ZIsoOrNull.default(null),
});
export type TIpRuleCreateInput = z.infer<typeof ZIpRuleCreateInput>;

export const ZIpRuleListInput = z.object({
  action: ZIpRuleAction.optional(),
  /** The start of the CIDR text (`203.0.113.`). */
  search: z.string().trim().max(60).optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(4000).optional(),
});
export const ZIpRulePage = z.object({ items: z.array(ZIpRule), nextCursor: z.string().nullable() });

export const ZRateLimitOverride = z.object({
  id: z.string(),
  userId: z.string(),
  userEmail: z.string().nullable(),
  /** The rule it changes; null: every rule that applies to the user. */
  ruleId: z.string().nullable(),
  /** The user's own limit on `ruleId` ... */
  limit: z.number().int().nullable(),
  /** ... or a factor on each rule's limit (2: double, 0.5: half). */
  multiplier: z.number().nullable(),
  reason: z.string(),
  expiresAt: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  /** The last change (the creation until one is made). */
  updatedAt: z.string(),
});
export type TRateLimitOverride = z.infer<typeof ZRateLimitOverride>;
export const ZRateLimitOverrideList = z.object({ items: z.array(ZRateLimitOverride) });

export const ZRateLimitOverrideCreateInput = z
  .object({
    userId: z.string().trim().min(1).max(128),
    ruleId: z.string().trim().min(1).max(64).nullable().default(null),
    limit: z.number().int().min(1).max(1_000_000).nullable().default(null),
    multiplier: z.number().min(0.01).max(1000).nullable().default(null),
    reason: z.string().trim().min(1).max(500),
    expiresAt: z.iso.datetime({ offset: true }),
  })
  .superRefine((input, ctx) => {
    if ((input.limit === null) === (input.multiplier === null)) {
      ctx.addIssue({ code: 'custom', path: ['limit'], message: 'Give either a limit or a multiplier' });
    }
    if (input.limit !== null && input.ruleId === null) {
      ctx.addIssue({ code: 'custom', path: ['ruleId'], message: 'A limit is for one rule: name it' });
    }
  });
export type TRateLimitOverrideCreateInput = z.infer<typeof ZRateLimitOverrideCreateInput>;

/**
 * Changes an override's limit or multiplier (setting one clears the other), reason or expiry; the user and the
 * rule stay (another user or rule is another override).
 */
export const ZRateLimitOverrideUpdateInput = z.object({
  id: z.string().trim().min(1).max(64),
  limit: z.number().int().min(1).max(1_000_000).optional(),
  multiplier: z.number().min(0.01).max(1000).optional(),
  reason: z.string().trim().min(1).max(500).optional(),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type TRateLimitOverrideUpdateInput = z.infer<typeof ZRateLimitOverrideUpdateInput>;

const ZOffender = z.object({
  ruleId: z.string().nullable(),
  ruleName: z.string(),
  /** The procedure refused. */
  operation: z.string(),
  keyKind: ZRateLimitKey,
  key: z.string(),
  ip: z.string(),
  userId: z.string().nullable(),
  count: z.number().int(),
  firstAt: z.string(),
  lastAt: z.string(),
});
export type TOffender = z.infer<typeof ZOffender>;

/** A top offender, with whether an IP rule now denies its address. */
const ZTopOffender = ZOffender.extend({ ipDenied: z.boolean() });

const ZBucket = z.object({ at: z.string(), limited: z.number().int(), denied: z.number().int() });

export const ZRateLimitStats = z.object({
  /** Counts are this API instance's, since `since` (see the module's README section). */
  instanceId: z.string(),
  since: z.string(),
  limitedLastHour: z.number().int(),
  limitedLastDay: z.number().int(),
  /** Requests refused by a deny IP rule (403). */
  deniedLastHour: z.number().int(),
  deniedLastDay: z.number().int(),
  /** The last 60 minutes, oldest first. */
  perMinute: z.array(ZBucket),
  /** The last 24 hours, oldest first. */
  perHour: z.array(ZBucket),
  /** The keys refused most in the last day. */
  top: z.array(ZTopOffender),
});
export type TRateLimitStats = z.infer<typeof ZRateLimitStats>;

export const ZBlockedKey = ZOffender.pick({
  ruleId: true,
  ruleName: true,
  operation: true,
  keyKind: true,
  key: true,
  ip: true,
  userId: true,
}).extend({ retryAfterSeconds: z.number().int(), until: z.string() });
export const ZBlockedList = z.object({ items: z.array(ZBlockedKey) });
export type TBlockedKey = z.infer<typeof ZBlockedKey>;
