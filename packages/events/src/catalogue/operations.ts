import { z } from 'zod';
import { def, id } from './def';

/** Operations: feature flags and settings (incl. the per-product kill switch). */
export const OPERATIONS_EVENTS = {
  'flag.toggled': def({
    version: 1,
    public: true,
    description: 'A feature flag was turned on or off, or its rollout changed.',
    payload: z.object({ flagId: id, enabled: z.boolean(), percentage: z.number().min(0).max(100) }),
    example: { flagId: 'new-editor', enabled: true, percentage: 25 },
  }),
  'flag.created': def({
    version: 1,
    public: false,
    description: 'A feature flag was created.',
    payload: z.object({ flagId: id, enabled: z.boolean(), percentage: z.number().min(0).max(100) }),
  }),
  'flag.updated': def({
    version: 1,
    public: false,
    description: "A feature flag's description, percentage or targeting changed.",
    payload: z.object({ flagId: id, changes: z.array(z.string()) }),
  }),
  'flag.deleted': def({
    version: 1,
    public: false,
    description: 'A feature flag was deleted.',
    payload: z.object({ flagId: id }),
  }),
  'settings.kill_switch_changed': def({
    version: 1,
    public: false,
    description:
      "A product's kill switch was turned on or off, or its message or minimum app version changed.",
    payload: z.object({
      enabled: z.boolean(),
      message: z.string(),
      minAppVersion: z.string().nullable(),
    }),
  }),
} as const;
