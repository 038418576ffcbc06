import { z } from 'zod';
import { def } from './def';

/** The coordinated maintenance switch. Internal: the status page and its subscribers hear of it their own way. */
export const MAINTENANCE_EVENTS = {
  'maintenance.mode_changed': def({
    version: 1,
    public: false,
    description:
      "A product's maintenance mode changed (by an admin or by its schedule); the coordinated switch pauses or resumes jobs, holds or releases sends and starts or completes the status page's window.",
    payload: z.object({
      from: z.enum(['off', 'read_only', 'maintenance', 'emergency']),
      to: z.enum(['off', 'read_only', 'maintenance', 'emergency']),
      /** manual: an admin's PUT; schedule: the scheduled window started or ended. */
      cause: z.enum(['manual', 'schedule']),
      message: z.string(),
      /** Status component keys (or '*'). */
      affectedServices: z.array(z.string()),
      scheduledEnd: z.iso.datetime().nullable(),
    }),
  }),
} as const;
