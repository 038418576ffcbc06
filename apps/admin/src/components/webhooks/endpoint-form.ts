import {
  type TWebhookEndpoint,
  WEBHOOK_SIGNATURE_SCHEMES,
  ZCustomHeaders,
  ZEventTypeFilter,
  ZWebhookUrl,
} from '@bytelyst/routers/modules/webhooks/schema';
import type { z } from 'zod';
import type { FieldErrors } from '~/lib/api-errors';

export type SignatureScheme = (typeof WEBHOOK_SIGNATURE_SCHEMES)[number];
export type HeaderRow = { name: string; value: string };

export type EndpointValues = {
  url: string;
  description: string;
  /** Exact types and wildcards, as the endpoint stores them; empty: every public event. */
  eventTypes: string[];
  /** What is typed in the "add event type" box and not added yet; a submit adds it. */
  eventDraft: string;
  headers: HeaderRow[];
  /** Messages per second, as typed; empty: no limit. */
  rateLimit: string;
  signatureScheme: SignatureScheme;
};

export const SCHEME_LABELS: Record<SignatureScheme, string> = {
  v1: 'v1 · HMAC-SHA256',
  v1a: 'v1a · ed25519',
};

export const SCHEME_OPTIONS = WEBHOOK_SIGNATURE_SCHEMES.map((value) => ({
  value,
  label: SCHEME_LABELS[value],
}));

export const emptyEndpoint = (): EndpointValues => ({
  url: '',
  description: '',
  eventTypes: [],
  eventDraft: '',
  headers: [],
  rateLimit: '',
  signatureScheme: 'v1',
});

export const valuesOf = (endpoint: TWebhookEndpoint): EndpointValues => ({
  url: endpoint.url,
  description: endpoint.description,
  eventTypes: [...endpoint.eventTypes],
  eventDraft: '',
  headers: Object.entries(endpoint.headers).map(([name, value]) => ({ name, value })),
  rateLimit: endpoint.rateLimit === null ? '' : String(endpoint.rateLimit),
  signatureScheme: endpoint.signatureScheme,
});

/** The filter as it will be saved: the chips plus a typed entry not added yet, without repeats. */
export const eventTypesOf = (values: EndpointValues): string[] => {
  const draft = values.eventDraft.trim();
  return [...new Set(draft ? [...values.eventTypes, draft] : values.eventTypes)];
};

/** Rows with a name become headers; a value without a name is reported by `checkEndpoint`. */
export const headersOf = (rows: readonly HeaderRow[]): Record<string, string> =>
  Object.fromEntries(rows.filter((row) => row.name.trim()).map((row) => [row.name.trim(), row.value]));

export const rateLimitOf = (text: string): number | null => (text.trim() ? Number(text.trim()) : null);

/** The fields create and update share, from the form. */
export const endpointInput = (values: EndpointValues) => ({
  url: values.url.trim(),
  description: values.description.trim(),
  eventTypes: eventTypesOf(values),
  headers: headersOf(values.headers),
  rateLimit: rateLimitOf(values.rateLimit),
});

/** Whether `value` passes the API's own schema (`~/lib/schema-check`'s rule, inline so tests run without aliases). */
const passes = (schema: z.ZodType, value: unknown) => schema.safeParse(value).success;

const headerProblem = (rows: readonly HeaderRow[]): string | undefined => {
  if (rows.some((row) => !row.name.trim() && row.value.trim())) return 'Give every header value a name.';
  const names = rows.map((row) => row.name.trim().toLowerCase()).filter(Boolean);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) return `${repeated} is listed twice.`;
  const parsed = ZCustomHeaders.safeParse(headersOf(rows));
  if (parsed.success) return undefined;
  const issue = parsed.error.issues[0];
  const name = issue?.path[0];
  return typeof name === 'string' ? `${name}: ${issue?.message}` : issue?.message;
};

/** The checks the API makes, on the fields they concern (the API also resolves the URL's host). */
export function checkEndpoint(values: EndpointValues): FieldErrors {
  const errors: FieldErrors = {};
  if (!passes(ZWebhookUrl, values.url)) {
    errors.url = 'Enter an http(s) URL without credentials or #fragment, e.g. https://example.com/hooks.';
  }
  const badType = eventTypesOf(values).find((type) => !passes(ZEventTypeFilter, type));
  if (badType) errors.eventTypes = `${badType} is not an event type such as user.created or subscription.*.`;
  const headers = headerProblem(values.headers);
  if (headers) errors.headers = headers;
  const limit = rateLimitOf(values.rateLimit);
  if (limit !== null && !(Number.isInteger(limit) && limit >= 1 && limit <= 10_000)) {
    errors.rateLimit = 'A whole number of messages per second, from 1 to 10000, or empty for no limit.';
  }
  return errors;
}

/** Suggestions for the event filter: a wildcard per domain (`subscription.*`), then each public type. */
export function filterSuggestions(publicTypes: readonly string[]): string[] {
  const domains = new Set(publicTypes.map((type) => `${type.split('.')[0] ?? type}.*`));
  return [...[...domains].sort(), ...[...publicTypes].sort()];
}
