import { useState } from 'react';
import { errorCodeOf, errorMessage, type FieldErrors, fieldErrorsOf } from '~/lib/api-errors';

/** Per-field and form-level errors of one form, from client-side checks or an API error. */
export function useFormErrors() {
  const [fields, setFields] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  /** Clears the form error, shows `errors` by their fields and says whether the form may be sent. */
  const check = (errors: FieldErrors) => {
    setFormError(null);
    setFields(errors);
    return Object.keys(errors).length === 0;
  };
  /** Shows an API error; a CONFLICT shows `onConflict` instead when given (it names the clashing field). */
  const fromApi = (error: unknown, onConflict?: FieldErrors) => {
    if (onConflict && errorCodeOf(error) === 'CONFLICT') {
      setFields(onConflict);
      return;
    }
    setFields(fieldErrorsOf(error));
    setFormError(errorMessage(error));
  };
  const reset = () => {
    setFields({});
    setFormError(null);
  };
  return { fields, formError, setFields, setFormError, check, fromApi, reset };
}
