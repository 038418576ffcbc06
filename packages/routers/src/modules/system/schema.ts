import { z } from 'zod';

export const ZOverview = z.object({
  productId: z.string(),
  users: z.number().int(),
  products: z.number().int(),
  tokens: z.number().int(),
  sessions: z.number().int(),
  auditLast24h: z.number().int(),
  at: z.string(),
});
export type TOverview = z.infer<typeof ZOverview>;
