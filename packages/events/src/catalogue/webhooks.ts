import { z } from 'zod';
import { def, id } from './def';

/** Outbound webhook endpoints: their lifecycle and health. Internal: receivers never get these. */
export const WEBHOOK_EVENTS = {
  'webhook.endpoint_created': def({
    version: 1,
    public: false,
    description: 'An admin added a webhook endpoint.',
    payload: z.object({ endpointId: id, url: z.string(), eventTypes: z.array(z.string()) }),
  }),
  'webhook.endpoint_updated': def({
    version: 1,
    public: false,
    description: "An admin changed a webhook endpoint's settings (`changes` names the fields).",
    payload: z.object({ endpointId: id, changes: z.array(z.string()) }),
  }),
  'webhook.endpoint_deleted': def({
    version: 1,
    public: false,
    description: 'An admin removed a webhook endpoint.',
    payload: z.object({ endpointId: id, url: z.string() }),
  }),
  'webhook.secret_rotated': def({
    version: 1,
    public: false,
    description:
      "A webhook endpoint's signing secret was replaced; the previous one signs too until `previousExpiresAt`.",
    payload: z.object({ endpointId: id, previousExpiresAt: z.iso.datetime() }),
  }),
  'webhook.endpoint_failing': def({
    version: 1,
    public: false,
    description:
      'A message to a webhook endpoint failed its last retry; the endpoint is marked failing and admins are mailed.',
    payload: z.object({
      endpointId: id,
      url: z.string(),
      consecutiveFailures: z.number().int().min(1),
      lastError: z.string(),
    }),
  }),
  'webhook.endpoint_disabled': def({
    version: 1,
    public: false,
    description:
      'A webhook endpoint was disabled by the platform: too many consecutive failed messages, or the receiver answered 410 Gone. Admins are mailed.',
    payload: z.object({
      endpointId: id,
      url: z.string(),
      reason: z.enum(['consecutive_failures', 'gone']),
      consecutiveFailures: z.number().int().min(0),
      lastError: z.string(),
    }),
  }),
  'webhook.endpoint_recovered': def({
    version: 1,
    public: false,
    description: 'A failing webhook endpoint accepted a message again.',
    payload: z.object({ endpointId: id }),
  }),
  'webhook.recovery_requested': def({
    version: 1,
    public: false,
    description:
      'An admin asked to send again every message to an endpoint since a time that did not succeed.',
    payload: z.object({ recoveryId: id, endpointId: id, since: z.iso.datetime() }),
  }),
} as const;
