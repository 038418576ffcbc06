import { z } from 'zod';

export type Definition<S extends z.ZodObject> = {
  version: number;
  description: string;
  public: boolean;
  payload: S;
};

/** Declares one catalogue entry, keeping its payload schema's exact type. */
export const def = <S extends z.ZodObject>(d: Definition<S>): Definition<S> => d;

export const id = z.string().min(1);
