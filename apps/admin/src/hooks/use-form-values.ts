import { useState } from 'react';
import { useFormErrors } from './use-form-errors';

/** The values of a form that starts from `empty`, with its errors; `clear` restores both. */
export function useFormValues<Values extends Record<string, unknown>>(empty: Values) {
  const [values, setValues] = useState<Values>(empty);
  const errors = useFormErrors();
  const set = <Key extends keyof Values>(key: Key, value: Values[Key]) =>
    setValues((current) => ({ ...current, [key]: value }));
  const clear = () => {
    setValues(empty);
    errors.reset();
  };
  return { ...errors, values, setValues, set, clear };
}
