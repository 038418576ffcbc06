import type { z } from 'zod';

/**
 * Whether `value` passes the server's own schema for it (the isomorphic `Z...` schemas of
 * `@bytelyst/routers/modules/*`), so a form checks exactly the rule the API will apply.
 */
export const passes = (schema: z.ZodType, value: unknown): boolean => schema.safeParse(value).success;
