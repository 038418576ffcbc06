import { randomBytes } from 'node:crypto';
import type { Clock, Stored } from '@bytelyst/db/document-store';
import type { EventBus } from '@bytelyst/events/bus';
import { AppError } from '../../app-error';
import { DAY_MS } from '../../lib/time';
import { parseCidr } from './ip-address';
import { buildIpRuleTrie } from './ip-trie';
import type { ProductRulesCache } from './product-rules';
import { type IpRuleDoc, MAX_IP_RULES, type RateLimitRepository } from './repository';
import type { TIpRule, TIpRuleCreateInput } from './schema';

/** Who made a change: the admin's id and address (a deny rule may not cover the admin's own address). */
export type RateLimitActor = { userId: string; email: string; ip: string };

/** Expired rules and overrides stay listed (marked by their time) for a day, then the store drops them. */
export const KEEP_EXPIRED_MS = DAY_MS;
export const ttlUntil = (expiresAt: string, now: number) =>
  Math.max(60, Math.ceil((Date.parse(expiresAt) - now + KEEP_EXPIRED_MS) / 1000));
export const shortId = (prefix: string) => `${prefix}_${randomBytes(6).toString('hex')}`;
export const actorOf = (productId: string, actor: RateLimitActor) => ({ productId, actorId: actor.userId });

/** An expiry given in the past is refused, naming its field. */
export const assertFuture = (clock: Clock, iso: string | null, path: string) => {
  if (iso !== null && Date.parse(iso) <= clock()) {
    throw new AppError('VALIDATION', 'The expiry is in the past', {
      fields: [{ path, message: 'Must be in the future' }],
    });
  }
};

const toIpRule = ({ productId: _p, _etag, _ts, ttl, ...rule }: Stored<IpRuleDoc>): TIpRule => rule;

/** IP allow and deny rules (`ip_rules`): canonical CIDRs, one rule per CIDR and action, optional expiry. */
export const createIpRulesService = (deps: {
  repo: RateLimitRepository;
  clock: Clock;
  bus: EventBus;
  cache: ProductRulesCache;
}) => {
  const { repo, clock, bus, cache } = deps;
  const future = (iso: string | null, path: string) => assertFuture(clock, iso, path);
  return {
    async list(
      productId: string,
      input: { action?: 'allow' | 'deny'; search?: string; limit?: number; cursor?: string },
    ) {
      const page = await repo.pageIpRules(
        productId,
        {
          ...(input.action ? { action: input.action } : {}),
          ...(input.search ? { search: input.search } : {}),
        },
        input.limit ?? 25,
        input.cursor,
      );
      return { items: page.items.map(toIpRule), nextCursor: page.continuation };
    },

    async create(productId: string, input: TIpRuleCreateInput, actor: RateLimitActor): Promise<TIpRule> {
      future(input.expiresAt, 'expiresAt');
      const cidr = parseCidr(input.cidr);
      if (!cidr)
        throw new AppError('VALIDATION', 'Not an IP address or CIDR', {
          fields: [{ path: 'cidr', message: 'Invalid' }],
        });
      if (
        input.action === 'deny' &&
        buildIpRuleTrie([
          { id: 'new', action: 'deny', cidr: cidr.text, expiresAt: Number.POSITIVE_INFINITY },
        ]).match(actor.ip, clock())
      ) {
        throw new AppError(
          'CONFLICT',
          `${cidr.text} covers your own address (${actor.ip}): you would lock yourself out`,
          {
            fields: [{ path: 'cidr', message: 'Covers your own address' }],
            reason: 'covers_own_address',
          },
        );
      }
      if (await repo.findIpRule(productId, cidr.text, input.action)) {
        throw new AppError('CONFLICT', `An ${input.action} rule for ${cidr.text} exists`, {
          fields: [{ path: 'cidr', message: 'Already listed' }],
        });
      }
      if ((await repo.countIpRules(productId)) >= MAX_IP_RULES) {
        throw new AppError('CONFLICT', `A product has at most ${MAX_IP_RULES} IP rules`);
      }
      const now = clock();
      const expiresAt = input.expiresAt === null ? null : new Date(Date.parse(input.expiresAt)).toISOString();
      const doc: IpRuleDoc = {
        id: shortId('ipr'),
        productId,
        cidr: cidr.text,
        action: input.action,
        reason: input.reason,
        createdBy: actor.userId,
        createdByEmail: actor.email,
        createdAt: new Date(now).toISOString(),
        expiresAt,
      };
      const stored = await repo.createIpRule(
        doc,
        expiresAt === null ? undefined : ttlUntil(expiresAt, now),
        bus.stage(
          'ratelimit.ip_rule_created',
          { ruleId: doc.id, cidr: doc.cidr, action: doc.action, reason: doc.reason, expiresAt },
          actorOf(productId, actor),
        ),
      );
      cache.invalidate(productId);
      return toIpRule(stored);
    },

    async delete(productId: string, id: string, actor: RateLimitActor) {
      const doc = await repo.getIpRule(productId, id);
      if (!doc) throw new AppError('NOT_FOUND', `IP rule '${id}' not found`);
      await repo.deleteIpRule(
        productId,
        id,
        doc._etag,
        bus.stage(
          'ratelimit.ip_rule_deleted',
          { ruleId: id, cidr: doc.cidr, action: doc.action },
          actorOf(productId, actor),
        ),
      );
      cache.invalidate(productId);
      return { id, deleted: true as const };
    },
  };
};
