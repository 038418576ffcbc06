import { z } from 'zod';
import { ZSubjectId } from '../flags/schema';

/** The client's assignment call: `{ userId?, deviceId?, attributes }` (platform and appVersion among them). */
export const ZAssignInput = z.object({
  /** Honoured for API tokens (server-side SDKs); a signed-in user is always assigned as themself. */
  userId: ZSubjectId.optional(),
  deviceId: ZSubjectId.optional(),
  attributes: z
    .record(
      z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, 'Attribute names are letters, digits and _'),
      z.union([z.string().max(256), z.number(), z.boolean(), z.null()]),
    )
    .refine((a) => Object.keys(a).length <= 50, 'At most 50 attributes')
    .default({}),
});
export type TAssignInput = z.input<typeof ZAssignInput>;

export const ZAssignment = z.object({
  experimentKey: z.string(),
  variationIndex: z.number().int(),
  variationKey: z.string(),
  inExperiment: z.boolean(),
  hashAttribute: z.string(),
  hashValue: z.string(),
});
export type TAssignment = z.infer<typeof ZAssignment>;

export const ZAssignOutput = z.object({ assignments: z.array(ZAssignment), assignedAt: z.string() });
