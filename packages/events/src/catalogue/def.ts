import { z } from 'zod';

type Common<S extends z.ZodObject> = {
  version: number;
  description: string;
  payload: S;
};

/**
 * A public event is what webhook receivers get, so it carries an example payload: the test send and the
 * console show it, and the catalogue test parses it. An internal event may have one.
 */
export type Definition<S extends z.ZodObject> = Common<S> &
  ({ public: true; example: z.input<S> } | { public: false; example?: z.input<S> });

/** Declares one catalogue entry, keeping its payload schema's exact type. */
export const def = <S extends z.ZodObject>(d: Definition<S>): Definition<S> => d;

export const id = z.string().min(1);
