import { z } from 'zod';
import type { Context, Principal } from '../../context';
import { rest } from '../../lib/openapi';
import { adminProcedure, router } from '../../trpc';
import {
  ZBlockedList,
  ZIdInput,
  ZIpRule,
  ZIpRuleCreateInput,
  ZIpRuleListInput,
  ZIpRulePage,
  ZRateLimitOverride,
  ZRateLimitOverrideCreateInput,
  ZRateLimitOverrideList,
  ZRateLimitOverrideUpdateInput,
  ZRateLimitRule,
  ZRateLimitRuleCreateInput,
  ZRateLimitRuleList,
  ZRateLimitRuleUpdateInput,
  ZRateLimitStats,
} from './schema';

const tag = 'ratelimit';
const ZDeleted = z.object({ id: z.string(), deleted: z.literal(true) });

const actor = (ctx: Context & { principal: Principal }) => ({
  userId: ctx.principal.userId,
  email: ctx.principal.email,
  ip: ctx.ip,
});

const PER_INSTANCE =
  "Counters and stats are kept in memory by each API instance: this is the answering instance's view.";

const rulesRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/ratelimit/rules', { tag, summary: "This product's rate-limit rules, defaults included" }),
    )
    .input(z.object({}).optional())
    .output(ZRateLimitRuleList)
    .query(async ({ ctx }) => ({ items: await ctx.services.ratelimit.rules.list(ctx.productId) })),
  create: adminProcedure
    .meta(
      rest('POST', '/ratelimit/rules', {
        tag,
        summary: 'Add a rate-limit rule',
        description:
          'match: procedures (auth.login, auth.*) or REST routes (POST /v1/auth/login, /v1/telemetry/*); ' +
          'either covers both faces. key: user, apiToken (both fall back to the client address for others), ip, ' +
          'or product. A sliding window of windowSeconds.',
        targetType: 'ratelimit_rule',
      }),
    )
    .input(ZRateLimitRuleCreateInput)
    .output(ZRateLimitRule)
    .mutation(({ ctx, input }) => ctx.services.ratelimit.rules.create(ctx.productId, input, actor(ctx))),
  update: adminProcedure
    .meta(
      rest('PATCH', '/ratelimit/rules/{id}', {
        tag,
        summary: 'Change, enable or disable a rule (a default rule too)',
        targetType: 'ratelimit_rule',
      }),
    )
    .input(ZRateLimitRuleUpdateInput)
    .output(ZRateLimitRule)
    .mutation(({ ctx, input }) => ctx.services.ratelimit.rules.update(ctx.productId, input, actor(ctx))),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/ratelimit/rules/{id}', {
        tag,
        summary: 'Remove a rule; a default rule goes back to its shipped settings',
        targetType: 'ratelimit_rule',
      }),
    )
    .input(ZIdInput)
    .output(z.object({ id: z.string(), deleted: z.boolean(), reset: z.boolean() }))
    .mutation(({ ctx, input }) => ctx.services.ratelimit.rules.delete(ctx.productId, input.id, actor(ctx))),
});

const overridesRouter = router({
  list: adminProcedure
    .meta(
      rest('GET', '/ratelimit/overrides', {
        tag,
        summary: 'Per-user overrides, newest first (expired ones for a day after)',
      }),
    )
    .input(z.object({}).optional())
    .output(ZRateLimitOverrideList)
    .query(async ({ ctx }) => ({ items: await ctx.services.ratelimit.overrides.list(ctx.productId) })),
  create: adminProcedure
    .meta(
      rest('POST', '/ratelimit/overrides', {
        tag,
        summary: "Raise or lower a user's limits until a time",
        description:
          'Either `limit` on one rule, or `multiplier` on one rule or (ruleId null) on every rule that applies to ' +
          'the user. Applies to requests the user makes signed in or with their API tokens.',
        targetType: 'ratelimit_override',
      }),
    )
    .input(ZRateLimitOverrideCreateInput)
    .output(ZRateLimitOverride)
    .mutation(({ ctx, input }) => ctx.services.ratelimit.overrides.create(ctx.productId, input, actor(ctx))),
  update: adminProcedure
    .meta(
      rest('PATCH', '/ratelimit/overrides/{id}', {
        tag,
        summary: "Change an override's limit or multiplier, reason or expiry",
        description:
          'Setting `limit` clears `multiplier` and the other way round; a `limit` needs an override on one rule. ' +
          'The user and the rule stay: another user or rule is another override.',
        targetType: 'ratelimit_override',
      }),
    )
    .input(ZRateLimitOverrideUpdateInput)
    .output(ZRateLimitOverride)
    .mutation(({ ctx, input }) => ctx.services.ratelimit.overrides.update(ctx.productId, input, actor(ctx))),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/ratelimit/overrides/{id}', {
        tag,
        summary: 'Remove an override',
        targetType: 'ratelimit_override',
      }),
    )
    .input(ZIdInput)
    .output(ZDeleted)
    .mutation(({ ctx, input }) =>
      ctx.services.ratelimit.overrides.delete(ctx.productId, input.id, actor(ctx)),
    ),
});

const ipRulesRouter = router({
  list: adminProcedure
    .meta(rest('GET', '/ratelimit/ip-rules', { tag, summary: 'IP allow and deny rules, newest first' }))
    .input(ZIpRuleListInput)
    .output(ZIpRulePage)
    .query(({ ctx, input }) => ctx.services.ratelimit.ipRules.list(ctx.productId, input)),
  create: adminProcedure
    .meta(
      rest('POST', '/ratelimit/ip-rules', {
        tag,
        summary: 'Allow or deny an IP address or CIDR (IPv4 or IPv6)',
        description:
          'deny: every request from it is answered 403 before authentication. allow: exempt from rate limits ' +
          '(not from authentication). The most specific rule wins; on one prefix deny beats allow. IPv4 rules ' +
          'also match IPv4-mapped IPv6 clients (::ffff:a.b.c.d). A deny rule covering your own address is refused.',
        targetType: 'ip_rule',
      }),
    )
    .input(ZIpRuleCreateInput)
    .output(ZIpRule)
    .mutation(({ ctx, input }) => ctx.services.ratelimit.ipRules.create(ctx.productId, input, actor(ctx))),
  delete: adminProcedure
    .meta(
      rest('DELETE', '/ratelimit/ip-rules/{id}', {
        tag,
        summary: 'Remove an IP rule',
        targetType: 'ip_rule',
      }),
    )
    .input(ZIdInput)
    .output(ZDeleted)
    .mutation(({ ctx, input }) => ctx.services.ratelimit.ipRules.delete(ctx.productId, input.id, actor(ctx))),
});

export const ratelimitRouter = router({
  stats: adminProcedure
    .meta(
      rest('GET', '/ratelimit/stats', {
        tag,
        summary: '429s in the last hour and day, per minute and per hour, and the keys refused most',
        description: PER_INSTANCE,
      }),
    )
    .input(z.object({}).optional())
    .output(ZRateLimitStats)
    .query(({ ctx }) => ctx.services.ratelimit.stats(ctx.productId)),
  listBlocked: adminProcedure
    .meta(
      rest('GET', '/ratelimit/blocked', {
        tag,
        summary: 'Keys a request would be refused for right now, with when they may go on',
        description: PER_INSTANCE,
      }),
    )
    .input(z.object({}).optional())
    .output(ZBlockedList)
    .query(async ({ ctx }) => ({ items: await ctx.services.ratelimit.blocked(ctx.productId) })),
  rules: rulesRouter,
  overrides: overridesRouter,
  ipRules: ipRulesRouter,
});
