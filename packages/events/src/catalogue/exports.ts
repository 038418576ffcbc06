import { z } from 'zod';
import { def, id } from './def';

const kind = z.enum(['export', 'bulk']);

/**
 * Data exports and bulk operations: one job document each in `export_jobs`, its state changes committed with
 * these events. Internal: receivers never get them (an export's rows are no one's business outside the console).
 */
export const EXPORTS_EVENTS = {
  'export.requested': def({
    version: 1,
    public: false,
    description:
      'An admin started an export (`type` of the data, `format` csv or ndjson) or a bulk operation (`type` its operation).',
    payload: z.object({ jobId: id, kind, type: z.string(), format: z.string().nullable() }),
  }),
  'export.completed': def({
    version: 1,
    public: false,
    description:
      'An export was written to blob storage (`rows`, `bytes`), or a bulk operation went through every item (`rows` items).',
    payload: z.object({
      jobId: id,
      kind,
      type: z.string(),
      rows: z.number().int().min(0),
      bytes: z.number().int().min(0),
    }),
  }),
  'export.failed': def({
    version: 1,
    public: false,
    description: 'An export or bulk operation stopped on an error; nothing was written for an export.',
    payload: z.object({ jobId: id, kind, type: z.string(), error: z.string() }),
  }),
  'export.cancelled': def({
    version: 1,
    public: false,
    description: 'An admin cancelled an export or bulk operation before it ended (`rows` done by then).',
    payload: z.object({ jobId: id, kind, type: z.string(), rows: z.number().int().min(0) }),
  }),
  'export.file_deleted': def({
    version: 1,
    public: false,
    description:
      "An export's file was deleted from blob storage once its 7 days (or its product's shorter retention policy) were up.",
    payload: z.object({ jobId: id, key: z.string() }),
  }),
} as const;
