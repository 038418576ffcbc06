import {
  EXPORT_FILTERS,
  type TExportFormat,
  type TExportType,
} from '@bytelyst/routers/modules/exports/schema';

/** Every filter the start form can show; each type shows its own (EXPORT_FILTERS). */
export type ExportFormValues = {
  type: TExportType;
  format: TExportFormat;
  plan: string;
  status: string;
  role: string;
  search: string;
  action: string;
  userId: string;
  platform: string;
  eventType: string;
  from: string;
  to: string;
};

export const EMPTY_EXPORT_FORM: ExportFormValues = {
  type: 'users',
  format: 'csv',
  plan: '',
  status: '',
  role: '',
  search: '',
  action: '',
  userId: '',
  platform: '',
  eventType: '',
  from: '',
  to: '',
};

export const TYPE_LABELS: Record<TExportType, string> = {
  users: 'Users',
  audit: 'Audit log',
  telemetry: 'Telemetry events',
  usage: 'Usage records',
  subscriptions: 'Subscriptions',
  licenses: 'Licenses',
};

export const STATUS_OPTIONS: Partial<Record<TExportType, readonly string[]>> = {
  users: ['active', 'disabled'],
  subscriptions: ['trialing', 'active', 'past_due', 'canceled', 'expired'],
  licenses: ['active', 'revoked', 'expired'],
};

type FilterKey = Exclude<keyof ExportFormValues, 'type' | 'format'>;

/** The filters the type takes, in the order the form shows them. */
export const filterKeysOf = (type: TExportType): FilterKey[] =>
  Object.keys(EXPORT_FILTERS[type].shape) as FilterKey[];

/** The request's filters: the type's own, empty ones left out (the server checks the rest). */
export const exportFiltersOf = (values: ExportFormValues): Record<string, string> => {
  const filters: Record<string, string> = {};
  for (const key of filterKeysOf(values.type)) {
    const value = values[key].trim();
    if (value) filters[key] = value;
  }
  return filters;
};

/** The `exports.list` input of the page and of the server's prefetch. */
export const EXPORTS_LIST_INPUT = { limit: 50 };
