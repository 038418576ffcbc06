import { z } from 'zod';
import { def, id } from './def';

/** Client telemetry and notification devices/preferences (internal: no webhook subscriber sees them). */
export const TELEMETRY_EVENTS = {
  'telemetry.cluster_created': def({
    version: 1,
    public: false,
    description: 'A client error with a new fingerprint was seen for the first time.',
    payload: z.object({ fingerprint: id, level: z.string(), platform: z.string(), message: z.string() }),
  }),
  'telemetry.cluster_regressed': def({
    version: 1,
    public: false,
    description: 'A resolved error cluster occurred again and was reopened.',
    payload: z.object({ fingerprint: id, appVersion: z.string() }),
  }),
  'telemetry.user_erased': def({
    version: 1,
    public: false,
    description: "One user's telemetry events were deleted and scrubbed from cluster samples (GDPR erasure).",
    payload: z.object({ userId: id, eventsDeleted: z.number().int(), clustersScrubbed: z.number().int() }),
  }),
  'device.registered': def({
    version: 1,
    public: false,
    description:
      'A signed-in client registered or refreshed a device (push token, app version, locale, zone).',
    payload: z.object({ userId: id, deviceId: id, platform: z.string(), created: z.boolean() }),
  }),
  'device.unregistered': def({
    version: 1,
    public: false,
    description: 'A user removed one of their devices; it receives no more pushes.',
    payload: z.object({ userId: id, deviceId: id }),
  }),
  'notification_prefs.updated': def({
    version: 1,
    public: false,
    description: 'A user changed their notification preferences (per type and channel).',
    payload: z.object({ userId: id, changes: z.array(z.string()) }),
  }),
} as const;
