import { isPlatformError } from '@bytelyst/client';
import { type FieldErrors, fieldErrorsFrom } from '~/lib/api-errors';

/** The per-field messages of a failure from the portal's client (its PlatformError carries `fields`). */
export const fieldsOf = (error: unknown): FieldErrors =>
  isPlatformError(error) ? fieldErrorsFrom({ fields: error.fields }) : {};

/** Where a portal page goes after sign-in: only a path inside /account. */
export const accountNext = (value: string | null | undefined): string =>
  value?.startsWith('/account') && !value.startsWith('/account/sign-') ? value : '/account';
