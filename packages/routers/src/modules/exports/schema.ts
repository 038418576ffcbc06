import { z } from 'zod';

/** The data an export can hold (roadmap §2.9), each with its own filters. */
export const EXPORT_TYPES = ['users', 'audit', 'telemetry', 'usage', 'subscriptions', 'licenses'] as const;
export const ZExportType = z.enum(EXPORT_TYPES);
export type TExportType = z.infer<typeof ZExportType>;

export const EXPORT_FORMATS = ['csv', 'ndjson'] as const;
export const ZExportFormat = z.enum(EXPORT_FORMATS);
export type TExportFormat = z.infer<typeof ZExportFormat>;

/** Operations a bulk job applies to every selected item, through the owning module's service. */
export const BULK_OPERATIONS = ['users.setStatus', 'licenses.revoke'] as const;
export const ZBulkOperation = z.enum(BULK_OPERATIONS);
export type TBulkOperation = z.infer<typeof ZBulkOperation>;

export const JOB_STATUSES = ['pending', 'processing', 'ready', 'completed', 'failed', 'cancelled'] as const;
export const ZJobStatus = z.enum(JOB_STATUSES);
export type TJobStatus = z.infer<typeof ZJobStatus>;
/** An export ends `ready` (its file can be downloaded), a bulk operation `completed`. */
export const FINAL_STATUSES: readonly TJobStatus[] = ['ready', 'completed', 'failed', 'cancelled'];

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO instant, or a UTC day `yyyy-mm-dd` read as its first (`from`) or last (`to`) millisecond. */
const bound = (edge: 'from' | 'to') =>
  z
    .string()
    .trim()
    .max(40)
    .refine((text) => !Number.isNaN(Date.parse(DAY.test(text) ? `${text}T00:00:00Z` : text)), {
      message: 'Use an ISO date-time or a day as yyyy-mm-dd',
    })
    .transform((text) =>
      DAY.test(text)
        ? `${text}T${edge === 'from' ? '00:00:00.000' : '23:59:59.999'}Z`
        : new Date(text).toISOString(),
    );

const range = { from: bound('from').optional(), to: bound('to').optional() };
const orderedRange = <T extends { from?: string | undefined; to?: string | undefined }>(
  value: T,
  ctx: z.RefinementCtx,
) => {
  if (value.from && value.to && value.from > value.to) {
    ctx.addIssue({ code: 'custom', path: ['to'], message: 'Must not be before from' });
  }
};

const ZPlanFilter = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z][a-z0-9-]{1,39}$/, 'A plan code: 2-40 lowercase letters, digits or hyphens');
const ZUserIdFilter = z.string().trim().min(1).max(128);

export const ZUserFilters = z
  .strictObject({
    plan: ZPlanFilter.optional(),
    status: z.enum(['active', 'disabled']).optional(),
    role: z.enum(['user', 'admin', 'super_admin']).optional(),
    search: z.string().trim().min(1).max(100).optional(),
    ...range,
  })
  .superRefine(orderedRange);
export type TUserFilters = z.infer<typeof ZUserFilters>;

export const ZAuditFilters = z
  .strictObject({
    action: z.string().trim().min(1).max(100).optional(),
    /** The actor: who did it. */
    userId: ZUserIdFilter.optional(),
    ...range,
  })
  .superRefine(orderedRange);
export type TAuditFilters = z.infer<typeof ZAuditFilters>;

export const ZTelemetryFilters = z
  .strictObject({
    platform: z.enum(['ios', 'android', 'macos', 'windows', 'linux', 'web', 'other']).optional(),
    /** The client event's name. */
    eventType: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9_.:/-]{1,100}$/, 'An event name: 1-100 of A-Z a-z 0-9 _ . : / -')
      .optional(),
    ...range,
  })
  .superRefine(orderedRange);
export type TTelemetryFilters = z.infer<typeof ZTelemetryFilters>;

export const ZUsageFilters = z
  .strictObject({ userId: ZUserIdFilter.optional(), ...range })
  .superRefine(orderedRange);
export type TUsageFilters = z.infer<typeof ZUsageFilters>;

export const ZSubscriptionFilters = z.strictObject({
  plan: ZPlanFilter.optional(),
  status: z.enum(['trialing', 'active', 'past_due', 'canceled', 'expired']).optional(),
});
export type TSubscriptionFilters = z.infer<typeof ZSubscriptionFilters>;

export const ZLicenseFilters = z.strictObject({
  status: z.enum(['active', 'revoked', 'expired']).optional(),
  plan: ZPlanFilter.optional(),
  /** The licenses table's own filter, so that "all matching" there means the same rows. */
  userId: ZUserIdFilter.optional(),
});
export type TLicenseFilters = z.infer<typeof ZLicenseFilters>;

export const EXPORT_FILTERS = {
  users: ZUserFilters,
  audit: ZAuditFilters,
  telemetry: ZTelemetryFilters,
  usage: ZUsageFilters,
  subscriptions: ZSubscriptionFilters,
  licenses: ZLicenseFilters,
} as const;

export type TExportFilters = {
  users: TUserFilters;
  audit: TAuditFilters;
  telemetry: TTelemetryFilters;
  usage: TUsageFilters;
  subscriptions: TSubscriptionFilters;
  licenses: TLicenseFilters;
};

/** Adds the issues of `schema` on `value` to `ctx` under `path`; an unknown key is named as `path.key`. */
const checkUnder = (schema: z.ZodType, value: unknown, path: string[], ctx: z.RefinementCtx) => {
  const parsed = schema.safeParse(value);
  if (parsed.success) return;
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        ctx.addIssue({ code: 'custom', path: [...path, key], message: 'Not a filter of this type' });
      }
    } else {
      ctx.addIssue({ code: 'custom', path: [...path, ...issue.path.map(String)], message: issue.message });
    }
  }
};

const ZFilterRecord = z.record(z.string(), z.unknown());

/**
 * `POST /v1/exports`. The filters are checked against the type's own list (EXPORT_FILTERS): a bad or unknown
 * one is a 400 naming `filters.<field>`.
 */
export const ZExportCreateInput = z
  .object({ type: ZExportType, format: ZExportFormat, filters: ZFilterRecord.default({}) })
  .superRefine((input, ctx) => checkUnder(EXPORT_FILTERS[input.type], input.filters, ['filters'], ctx));
export type TExportCreateInput = z.infer<typeof ZExportCreateInput>;

/** The filters of a checked request, normalised (days read as instants). */
export const parseExportFilters = <T extends TExportType>(type: T, filters: unknown): TExportFilters[T] =>
  EXPORT_FILTERS[type].parse(filters) as TExportFilters[T];

/** At most this many ids in one bulk selection; larger ones go by filter. */
export const BULK_MAX_IDS = 1000;

const BULK_FILTERS = { 'users.setStatus': ZUserFilters, 'licenses.revoke': ZLicenseFilters } as const;

/**
 * `POST /v1/exports/bulk` and its dry run. The selection is either the ids picked in a table or every item
 * matching the table's filter (`filters: {}` for every item); `status` is the target of users.setStatus.
 */
export const ZBulkCreateInput = z
  .object({
    operation: ZBulkOperation,
    status: z.enum(['active', 'disabled']).optional(),
    reason: z.string().trim().max(500).optional(),
    selection: z.strictObject({
      ids: z.array(z.string().trim().min(1).max(128)).min(1).max(BULK_MAX_IDS).optional(),
      filters: ZFilterRecord.optional(),
    }),
  })
  .superRefine((input, ctx) => {
    if (input.operation === 'users.setStatus' && !input.status) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Give the status to set' });
    }
    if (input.operation !== 'users.setStatus' && input.status) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'Only users.setStatus takes a status' });
    }
    const { ids, filters } = input.selection;
    if ((ids === undefined) === (filters === undefined)) {
      ctx.addIssue({ code: 'custom', path: ['selection', 'ids'], message: 'Give either ids or filters' });
    }
    if (filters) checkUnder(BULK_FILTERS[input.operation], filters, ['selection', 'filters'], ctx);
  });
export type TBulkCreateInput = z.infer<typeof ZBulkCreateInput>;

/** The filters of a checked bulk request, normalised. */
export const parseBulkFilters = (operation: TBulkOperation, filters: unknown) =>
  BULK_FILTERS[operation].parse(filters) as TUserFilters | TLicenseFilters;

export const ZBulkPreview = z.object({
  operation: ZBulkOperation,
  /** Items the operation will visit. */
  count: z.number().int(),
  /** Of those, how many are already in the target state (they will be skipped). */
  unchanged: z.number().int(),
});
export type TBulkPreview = z.infer<typeof ZBulkPreview>;

export const ZExportFile = z.object({
  fileName: z.string(),
  contentType: z.string(),
  size: z.number().int(),
});

export const ZBulkCounts = z.object({
  done: z.number().int(),
  skipped: z.number().int(),
  failed: z.number().int(),
});

export const ZExportJob = z.object({
  id: z.string(),
  kind: z.enum(['export', 'bulk']),
  /** The data type of an export, the operation of a bulk job. */
  type: z.string(),
  format: ZExportFormat.nullable(),
  /** The filters of an export; the selection and parameters of a bulk job. */
  filters: z.record(z.string(), z.unknown()),
  status: ZJobStatus,
  /** Rows written (export) or items gone through (bulk). */
  processed: z.number().int(),
  /** Known at the start; rows may come or go while the job runs. */
  estimatedTotal: z.number().int().nullable(),
  counts: ZBulkCounts.nullable(),
  file: ZExportFile.nullable(),
  /** When the file is deleted (7 days after it was written); null until then or once deleted. */
  fileExpiresAt: z.string().nullable(),
  fileDeletedAt: z.string().nullable(),
  attempt: z.number().int(),
  error: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  updatedAt: z.string(),
});
export type TExportJob = z.infer<typeof ZExportJob>;

export const ZExportIdInput = z.object({ id: z.string().trim().min(1).max(64) });

export const ZExportListInput = z.object({
  kind: z.enum(['export', 'bulk']).optional(),
  status: ZJobStatus.optional(),
  limit: z.number().int().min(1).max(100).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TExportListInput = z.infer<typeof ZExportListInput>;
export const ZExportListOutput = z.object({ items: z.array(ZExportJob), nextCursor: z.string().nullable() });

export const ZDownloadOutput = z.object({ url: z.string(), expiresAt: z.string(), fileName: z.string() });

export const ITEM_STATES = ['pending', 'done', 'skipped', 'failed'] as const;
export const ZItemState = z.enum(ITEM_STATES);
export type TItemState = z.infer<typeof ZItemState>;

export const ZBulkItem = z.object({
  seq: z.number().int(),
  targetId: z.string(),
  /** What a person recognises: the user's email, the license's key prefix. */
  label: z.string().nullable(),
  state: ZItemState,
  /** Why it was skipped, or the error it failed with. */
  message: z.string().nullable(),
});
export type TBulkItem = z.infer<typeof ZBulkItem>;

export const ZItemsInput = ZExportIdInput.extend({
  state: ZItemState.optional(),
  limit: z.number().int().min(1).max(200).optional(),
  cursor: z.string().max(2000).optional(),
});
export type TItemsInput = z.infer<typeof ZItemsInput>;
export const ZItemsOutput = z.object({ items: z.array(ZBulkItem), nextCursor: z.string().nullable() });
