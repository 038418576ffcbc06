import type { DocumentStore, Filter, Outbox, Stored } from '@bytelyst/db/document-store';
import { RATELIMIT_CONTAINERS } from './containers';
import type { TIpRule, TRateLimitKey, TRateLimitOverride } from './schema';

/** A custom rule, or an admin's copy of a default rule (same id). */
export type RuleDoc = {
  id: string;
  productId: string;
  name: string;
  description: string;
  match: string[];
  key: TRateLimitKey;
  limit: number;
  windowSeconds: number;
  enabled: boolean;
  expiresAt: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
};

/** Overrides stored before `updatedAt` existed lack it (read as their `createdAt`). */
export type OverrideDoc = Omit<TRateLimitOverride, 'updatedAt'> & { productId: string; updatedAt?: string };
export type IpRuleDoc = TIpRule & { productId: string };

/** A product has at most this many custom rules, and this many IP rules (the lookup does not care). */
export const MAX_RULES = 200;
export const MAX_OVERRIDES = 1000;
export const MAX_IP_RULES = 50_000;

/** Every page of a partition, for the per-product caches. */
const everything = async <T extends { id: string }>(
  page: (continuation: string | undefined) => Promise<{ items: Stored<T>[]; continuation: string | null }>,
): Promise<Stored<T>[]> => {
  const all: Stored<T>[] = [];
  let continuation: string | undefined;
  do {
    const next = await page(continuation);
    all.push(...next.items);
    continuation = next.continuation ?? undefined;
  } while (continuation);
  return all;
};

export const createRateLimitRepository = (store: DocumentStore) => {
  const rules = () => store.container<RuleDoc>(RATELIMIT_CONTAINERS.rateLimitRules.name);
  const overrides = () => store.container<OverrideDoc>(RATELIMIT_CONTAINERS.rateLimitOverrides.name);
  const ipRules = () => store.container<IpRuleDoc>(RATELIMIT_CONTAINERS.ipRules.name);
  return {
    allRules: (productId: string) =>
      everything<RuleDoc>((continuation) =>
        rules().query({
          partitionKey: productId,
          where: { productId: { eq: productId } },
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        }),
      ),
    getRule: (productId: string, id: string) => rules().read(id, productId),
    createRule: (doc: RuleDoc, outbox: Outbox) => rules().create(doc, { outbox }),
    replaceRule: (doc: RuleDoc, ifMatch: string, outbox: Outbox) => rules().replace(doc, { ifMatch, outbox }),
    deleteRule: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
      rules().delete(id, productId, { ifMatch, outbox }),
    countRules: (productId: string) =>
      rules().count({ partitionKey: productId, where: { productId: { eq: productId } } }),

    allOverrides: (productId: string) =>
      everything<OverrideDoc>((continuation) =>
        overrides().query({
          partitionKey: productId,
          where: { productId: { eq: productId } },
          orderBy: [{ field: 'createdAt', direction: 'desc' }],
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        }),
      ),
    getOverride: (productId: string, id: string) => overrides().read(id, productId),
    createOverride: (doc: OverrideDoc, ttl: number, outbox: Outbox) =>
      overrides().create(doc, { ttl, outbox }),
    replaceOverride: (doc: OverrideDoc, ttl: number, ifMatch: string, outbox: Outbox) =>
      overrides().replace(doc, { ttl, ifMatch, outbox }),
    deleteOverride: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
      overrides().delete(id, productId, { ifMatch, outbox }),
    countOverrides: (productId: string) =>
      overrides().count({ partitionKey: productId, where: { productId: { eq: productId } } }),

    allIpRules: (productId: string) =>
      everything<IpRuleDoc>((continuation) =>
        ipRules().query({
          partitionKey: productId,
          where: { productId: { eq: productId } },
          limit: 1000,
          ...(continuation ? { continuation } : {}),
        }),
      ),
    pageIpRules: (
      productId: string,
      filter: { action?: 'allow' | 'deny'; search?: string },
      limit: number,
      continuation: string | undefined,
    ) => {
      const where: Filter<IpRuleDoc> = {
        productId: { eq: productId },
        ...(filter.action ? { action: { eq: filter.action } } : {}),
        ...(filter.search ? { cidr: { startsWith: filter.search } } : {}),
      };
      return ipRules().query({
        partitionKey: productId,
        where,
        orderBy: filter.action
          ? [
              { field: 'action', direction: 'desc' },
              { field: 'createdAt', direction: 'desc' },
            ]
          : [{ field: 'createdAt', direction: 'desc' }],
        limit,
        ...(continuation ? { continuation } : {}),
      });
    },
    getIpRule: (productId: string, id: string) => ipRules().read(id, productId),
    /** A rule on exactly this CIDR and action, if one exists (one per pair). */
    findIpRule: async (productId: string, cidr: string, action: 'allow' | 'deny') =>
      (
        await ipRules().query({
          partitionKey: productId,
          where: { productId: { eq: productId }, cidr: { eq: cidr }, action: { eq: action } },
          limit: 1,
        })
      ).items[0],
    createIpRule: (doc: IpRuleDoc, ttl: number | undefined, outbox: Outbox) =>
      ipRules().create(doc, { ...(ttl === undefined ? {} : { ttl }), outbox }),
    deleteIpRule: (productId: string, id: string, ifMatch: string, outbox: Outbox) =>
      ipRules().delete(id, productId, { ifMatch, outbox }),
    countIpRules: (productId: string) =>
      ipRules().count({ partitionKey: productId, where: { productId: { eq: productId } } }),

    /**
     * What changes whenever a product's rules, overrides or IP rules change: their counts and newest writes.
     * Six small reads, so an instance can tell its copy is current without reading 10,000 IP rules again.
     */
    async fingerprint(productId: string): Promise<string> {
      const scope = { partitionKey: productId, where: { productId: { eq: productId } } };
      const newest = { limit: 1, ...scope };
      const [ruleCount, overrideCount, ipCount, rule, override, ip] = await Promise.all([
        rules().count(scope),
        overrides().count(scope),
        ipRules().count(scope),
        rules().query({ ...newest, orderBy: [{ field: 'updatedAt', direction: 'desc' }] }),
        // An override's change moves its updatedAt (older documents without one still count above).
        overrides().query({ ...newest, orderBy: [{ field: 'updatedAt', direction: 'desc' }] }),
        ipRules().query({ ...newest, orderBy: [{ field: 'createdAt', direction: 'desc' }] }),
      ]);
      const stamp = (doc: { id: string; _etag: string } | undefined) =>
        doc ? `${doc.id}@${doc._etag}` : '-';
      return [
        ruleCount,
        overrideCount,
        ipCount,
        stamp(rule.items[0]),
        stamp(override.items[0]),
        stamp(ip.items[0]),
      ].join('|');
    },
  };
};

export type RateLimitRepository = ReturnType<typeof createRateLimitRepository>;
