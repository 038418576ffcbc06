import { z } from 'zod';

/** The console's only reader of process.env (server side). */
const ZEnv = z.object({
  API_URL: z.url().default('http://127.0.0.1:4003'),
  /** Where a browser reaches the API (its docs at /documentation); defaults to API_URL. */
  API_PUBLIC_URL: z.url().optional(),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
});

export const env = ZEnv.parse({
  API_URL: process.env.API_URL || undefined,
  API_PUBLIC_URL: process.env.API_PUBLIC_URL || undefined,
  NODE_ENV: process.env.NODE_ENV || undefined,
});
