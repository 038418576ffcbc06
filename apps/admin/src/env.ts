import { z } from 'zod';

/** The console's only reader of process.env (server side). */
const ZEnv = z.object({
  API_URL: z.url().default('http://127.0.0.1:4003'),
  /** Where a browser reaches the API (its docs at /documentation); defaults to API_URL. */
  API_PUBLIC_URL: z.url().optional(),
  /** The product /account signs in to when the link names none (`?product=`); the API's DEFAULT_PRODUCT_ID. */
  DEFAULT_PRODUCT_ID: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .default('bytelyst'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export const env = ZEnv.parse({
  API_URL: process.env.API_URL || undefined,
  API_PUBLIC_URL: process.env.API_PUBLIC_URL || undefined,
  DEFAULT_PRODUCT_ID: process.env.DEFAULT_PRODUCT_ID || undefined,
  NODE_ENV: process.env.NODE_ENV || undefined,
});
