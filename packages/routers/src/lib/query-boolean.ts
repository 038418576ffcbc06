import { z } from 'zod';

/**
 * A boolean that may arrive in a query string (GET and DELETE carry their input there on the REST face).
 * 'true' and 'false' are read here: the REST adapter's own coercion of a plain `z.boolean()` is
 * `Boolean(text)`, which takes 'false' for true. Every boolean in a GET or DELETE input uses this.
 */
export const ZQueryBoolean = z.preprocess(
  (value) => (value === 'true' ? true : value === 'false' ? false : value),
  z.boolean(),
);
