import { z } from 'zod';
import { def, id } from './def';

/** Operations: feature flags, settings, telemetry and notifications. */
export const OPERATIONS_EVENTS = {
  'flag.toggled': def({
    version: 1,
    public: true,
    description: 'A feature flag was turned on or off, or its rollout changed.',
    payload: z.object({ flagId: id, enabled: z.boolean(), percentage: z.number().min(0).max(100) }),
  }),
} as const;
