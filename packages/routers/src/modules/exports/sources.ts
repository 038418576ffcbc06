import type { DocumentStore, Filter } from '@bytelyst/db/document-store';
import { createAuditRepository } from '../audit/repository';
import type { TAuditEntry } from '../audit/schema';
import { createSubscriptionsRepository } from '../billing/subscriptions/repository';
import type { TSubscription } from '../billing/subscriptions/schema';
import { createUsageRepository, type DayCounterDoc } from '../billing/usage/repository';
import { createLicensesRepository, type LicenseDoc } from '../licenses/repository';
import { createTelemetryRepository, type TelemetryEventDoc } from '../telemetry/repository';
import { createUsersRepository, type UserDoc } from '../users/repository';
import type { ExportRow } from './format';
import type { TExportFilters, TExportType } from './schema';

export type SourcePage = { rows: ExportRow[]; continuation: string | null };

/** One exportable type: its columns (CSV order), an estimate of its size, and its rows one store page at a time. */
export type ExportSource<F> = {
  columns: readonly string[];
  estimate(productId: string, filters: F): Promise<number>;
  page(productId: string, filters: F, continuation: string | null, limit: number): Promise<SourcePage>;
};

export type ExportSources = { [K in TExportType]: ExportSource<TExportFilters[K]> };

type Range = { from?: string | undefined; to?: string | undefined };

const between = ({ from, to }: Range) =>
  from || to ? { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } : undefined;

const cond = <T>(entries: Record<string, Filter<T>[string]>): Filter<T> => {
  const out: Record<string, Filter<T>[string]> = {};
  for (const [key, value] of Object.entries(entries)) if (value !== undefined) out[key] = value;
  return out as Filter<T>;
};

const eq = (value: string | undefined) => (value === undefined ? undefined : { eq: value });

/** Joins need one `in` list per page; kept well under sqlite's bound-parameter limit. */
const JOIN_PAGE = 500;

/**
 * The six types of roadmap §2.9 over the owning modules' repositories (read only). Secrets never leave: no
 * password hash, no license key hash, only what the console shows.
 */
export const createExportSources = (store: DocumentStore): ExportSources => {
  const users = createUsersRepository(store);
  const subscriptions = createSubscriptionsRepository(store);
  const audit = createAuditRepository(store);
  const telemetry = createTelemetryRepository(store);
  const usage = createUsageRepository(store);
  const licenses = createLicensesRepository(store);

  const userWhere = (f: TExportFilters['users']) =>
    cond<UserDoc>({
      status: eq(f.status),
      roles: f.role ? { contains: f.role } : undefined,
      searchText: f.search ? { contains: f.search.toLowerCase() } : undefined,
      createdAt: between(f),
    });

  const userRow = (doc: UserDoc, sub: TSubscription | undefined): ExportRow => ({
    id: doc.id,
    email: doc.email,
    name: doc.name,
    roles: doc.roles,
    status: doc.status,
    emailVerified: doc.emailVerified ?? false,
    plan: sub?.planCode ?? null,
    planStatus: sub?.status ?? null,
    createdAt: doc.createdAt,
    lastLoginAt: doc.lastLoginAt,
  });

  const subscriptionsOf = async (productId: string, userIds: string[]) => {
    if (userIds.length === 0) return new Map<string, TSubscription>();
    const page = await subscriptions.list(productId, { userId: { in: userIds } }, [], userIds.length);
    return new Map(page.items.map((sub) => [sub.userId, sub]));
  };

  return {
    users: {
      columns: [
        'id',
        'email',
        'name',
        'roles',
        'status',
        'emailVerified',
        'plan',
        'planStatus',
        'createdAt',
        'lastLoginAt',
      ],
      estimate: (productId, f) =>
        f.plan
          ? subscriptions.count(productId, { planCode: { eq: f.plan } })
          : users.count(productId, userWhere(f)),
      async page(productId, f, continuation, limit) {
        const size = Math.min(limit, JOIN_PAGE);
        if (!f.plan) {
          const page = await users.list(productId, userWhere(f), {
            limit: size,
            continuation: continuation ?? undefined,
          });
          const subs = await subscriptionsOf(
            productId,
            page.items.map((u) => u.id),
          );
          return {
            rows: page.items.map((doc) => userRow(doc, subs.get(doc.id))),
            continuation: page.continuation,
          };
        }
        // By plan: walk the plan's subscriptions, then read their users with the other filters.
        const subs = await subscriptions.list(
          productId,
          { planCode: { eq: f.plan } },
          [{ field: 'createdAt', direction: 'desc' }],
          size,
          continuation ?? undefined,
        );
        const byUser = new Map(subs.items.map((sub) => [sub.userId, sub]));
        const ids = [...byUser.keys()];
        const found =
          ids.length === 0
            ? []
            : (await users.list(productId, { ...userWhere(f), id: { in: ids } }, { limit: ids.length }))
                .items;
        return {
          rows: found.map((doc) => userRow(doc, byUser.get(doc.id))),
          continuation: subs.continuation,
        };
      },
    },
    audit: {
      columns: [
        'id',
        'at',
        'action',
        'actorId',
        'actorEmail',
        'actorTokenId',
        'targetType',
        'targetId',
        'ip',
        'requestId',
        'impersonatedBy',
        'details',
      ],
      estimate: (productId, f) => audit.count(productId, auditWhere(f)),
      async page(productId, f, continuation, limit) {
        const page = await audit.list(productId, auditWhere(f), limit, continuation ?? undefined);
        return {
          rows: page.items.map(({ productId: _p, _etag, _ts, ttl, ...entry }) => ({
            ...entry,
            details: entry.details ?? null,
          })),
          continuation: page.continuation,
        };
      },
    },
    telemetry: {
      columns: [
        'id',
        'at',
        'receivedAt',
        'name',
        'level',
        'platform',
        'appVersion',
        'osVersion',
        'userId',
        'sessionId',
        'deviceId',
        'message',
        'stack',
        'fingerprint',
        'props',
      ],
      estimate: (productId, f) => telemetry.events.count(productId, telemetryWhere(f)),
      async page(productId, f, continuation, limit) {
        const page = await telemetry.events.query(
          productId,
          telemetryWhere(f),
          { field: 'at', direction: 'asc' },
          limit,
          continuation ?? undefined,
        );
        return {
          rows: page.items.map(({ productId: _p, _etag, _ts, ttl, ...event }) => event),
          continuation: page.continuation,
        };
      },
    },
    usage: {
      columns: ['userId', 'metric', 'day', 'count', 'at'],
      estimate: (productId, f) => usage.countCounters(productId, usageWhere(f)),
      async page(productId, f, continuation, limit) {
        const page = await usage.countersPage(usageWhere(f), {
          productId,
          limit,
          ...(continuation ? { continuation } : {}),
        });
        const rows: ExportRow[] = [];
        for (const doc of page.items) {
          if (doc.kind !== 'day') continue;
          rows.push({ userId: doc.userId, metric: doc.metric, day: doc.day, count: doc.count, at: doc.at });
        }
        return { rows, continuation: page.continuation };
      },
    },
    subscriptions: {
      columns: [
        'userId',
        'planCode',
        'status',
        'currentPeriodStart',
        'currentPeriodEnd',
        'trialEnd',
        'cancelAtPeriodEnd',
        'canceledAt',
        'cancelReason',
        'stripeCustomerId',
        'stripeSubscriptionId',
        'createdAt',
        'updatedAt',
      ],
      estimate: (productId, f) => subscriptions.count(productId, subscriptionWhere(f)),
      async page(productId, f, continuation, limit) {
        const page = await subscriptions.list(
          productId,
          subscriptionWhere(f),
          [{ field: 'createdAt', direction: 'desc' }],
          limit,
          continuation ?? undefined,
        );
        return {
          rows: page.items.map(({ history: _h, trialEndingNotifiedAt: _n, ...sub }) => sub),
          continuation: page.continuation,
        };
      },
    },
    licenses: {
      columns: [
        'id',
        'userId',
        'planCode',
        'status',
        'maxDevices',
        'activeDevices',
        'expiresAt',
        'keyPrefix',
        'keySuffix',
        'note',
        'createdAt',
        'createdBy',
        'revokedAt',
        'revokeReason',
        'expiredAt',
      ],
      estimate: (productId, f) => licenses.count(productId, licenseWhere(f)),
      async page(productId, f, continuation, limit) {
        const page = await licenses.list(productId, licenseWhere(f), limit, continuation ?? undefined);
        return {
          rows: page.items.map((doc) => ({
            id: doc.id,
            userId: doc.userId,
            planCode: doc.planCode,
            status: doc.status,
            maxDevices: doc.maxDevices,
            activeDevices: doc.devices.length,
            expiresAt: doc.expiresAt,
            keyPrefix: doc.keyPrefix,
            keySuffix: doc.keySuffix,
            note: doc.note,
            createdAt: doc.createdAt,
            createdBy: doc.createdBy,
            revokedAt: doc.revokedAt,
            revokeReason: doc.revokeReason,
            expiredAt: doc.expiredAt,
          })),
          continuation: page.continuation,
        };
      },
    },
  };
};

const auditWhere = (f: TExportFilters['audit']) =>
  cond<TAuditEntry>({ action: eq(f.action), actorId: eq(f.userId), at: between(f) });

const telemetryWhere = (f: TExportFilters['telemetry']) =>
  cond<TelemetryEventDoc>({ platform: eq(f.platform), name: eq(f.eventType), at: between(f) });

/** Usage counters are per UTC day: the range's instants are read as their days. */
const usageWhere = (f: TExportFilters['usage']) =>
  cond<DayCounterDoc>({
    userId: eq(f.userId),
    day: between({ from: f.from?.slice(0, 10), to: f.to?.slice(0, 10) }),
  });

const subscriptionWhere = (f: TExportFilters['subscriptions']) =>
  cond<TSubscription>({ planCode: eq(f.plan), status: eq(f.status) });

export const licenseWhere = (f: TExportFilters['licenses']) =>
  cond<LicenseDoc>({ status: eq(f.status), planCode: eq(f.plan), userId: eq(f.userId) });
