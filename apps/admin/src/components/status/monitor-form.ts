import type { TInternalCheck, TMonitorType, TStatusMonitor } from '@bytelyst/routers/modules/status/schema';
import type { FieldErrors } from '~/lib/api-errors';

/** The monitor form's values: text fields as typed, numbers parsed on submit. */
export type MonitorValues = {
  name: string;
  componentId: string;
  type: TMonitorType;
  url: string;
  expectedStatus: string;
  keyword: string;
  host: string;
  port: string;
  check: TInternalCheck;
  threshold: string;
  timeoutMs: string;
  intervalSeconds: string;
  retries: string;
  degradedLatencyMs: string;
  enabled: boolean;
};

export const emptyMonitor = (componentId: string): MonitorValues => ({
  name: '',
  componentId,
  type: 'http',
  url: '',
  expectedStatus: '200-299',
  keyword: '',
  host: '',
  port: '',
  check: 'store',
  threshold: '',
  timeoutMs: '10000',
  intervalSeconds: '60',
  retries: '2',
  degradedLatencyMs: '',
  enabled: true,
});

export const monitorValuesOf = (m: TStatusMonitor): MonitorValues => ({
  name: m.name,
  componentId: m.componentId,
  type: m.type,
  url: m.url ?? '',
  expectedStatus: m.expectedStatus,
  keyword: m.keyword ?? '',
  host: m.host ?? '',
  port: m.port === null ? '' : String(m.port),
  check: m.check ?? 'store',
  threshold: m.threshold === null ? '' : String(m.threshold),
  timeoutMs: String(m.timeoutMs),
  intervalSeconds: String(m.intervalSeconds),
  retries: String(m.retries),
  degradedLatencyMs: m.degradedLatencyMs === null ? '' : String(m.degradedLatencyMs),
  enabled: m.enabled,
});

const int = (text: string) => (text.trim() === '' ? null : Number(text));

/** The create input the values stand for, or the field errors that stop it. */
export function monitorInput(v: MonitorValues): { errors: FieldErrors; input: Record<string, unknown> } {
  const errors: FieldErrors = {};
  const numbers = {
    timeoutMs: int(v.timeoutMs),
    intervalSeconds: int(v.intervalSeconds),
    retries: int(v.retries),
    degradedLatencyMs: int(v.degradedLatencyMs),
    port: int(v.port),
    threshold: int(v.threshold),
  };
  for (const [key, value] of Object.entries(numbers)) {
    if (value !== null && !Number.isInteger(value)) errors[key] = 'A whole number';
  }
  if (!v.name.trim()) errors.name = 'Name the monitor';
  if (v.type === 'http' && !v.url.trim()) errors.url = 'The URL to check';
  if (v.type === 'tcp' && !v.host.trim()) errors.host = 'The host to connect to';
  if (v.type === 'tcp' && numbers.port === null) errors.port = 'The port';
  const input: Record<string, unknown> = {
    name: v.name.trim(),
    componentId: v.componentId,
    type: v.type,
    intervalSeconds: numbers.intervalSeconds ?? 60,
    retries: numbers.retries ?? 0,
    degradedLatencyMs: numbers.degradedLatencyMs,
    enabled: v.enabled,
    ...(numbers.timeoutMs !== null ? { timeoutMs: numbers.timeoutMs } : {}),
  };
  if (v.type === 'http') {
    Object.assign(input, {
      url: v.url.trim(),
      expectedStatus: v.expectedStatus.trim(),
      keyword: v.keyword || null,
    });
  } else if (v.type === 'tcp') {
    Object.assign(input, { host: v.host.trim(), port: numbers.port });
  } else if (v.type === 'internal') {
    Object.assign(input, { check: v.check, threshold: numbers.threshold });
  }
  return { errors, input };
}
