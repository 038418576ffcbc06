/** Field errors as the API's error formatter sends them: `data.fields = [{ path, message }]`. */
export type FieldErrors = Record<string, string>;

export function fieldErrorsFrom(data: unknown): FieldErrors {
  const fields = (data as { fields?: unknown } | null | undefined)?.fields;
  const result: FieldErrors = {};
  if (!Array.isArray(fields)) return result;
  for (const field of fields) {
    const path = (field as { path?: unknown }).path;
    const message = (field as { message?: unknown }).message;
    if (typeof path === 'string' && typeof message === 'string') result[path] ??= message;
  }
  // A nested failure (`quotas.pro.limit`, `roles.0`) also lands on each enclosing field, so a form whose
  // input edits the whole list or object shows it there.
  for (const [path, message] of Object.entries(result)) {
    const parts = path.split('.');
    for (let end = parts.length - 1; end > 0; end--) result[parts.slice(0, end).join('.')] ??= message;
  }
  return result;
}

/** The message to show for any error thrown by a tRPC call or fetch. */
export function errorMessage(error: unknown, fallback = 'Something went wrong. Try again.'): string {
  if (error instanceof Error && error.message) return error.message;
  return fallback;
}

/** Field errors carried by a TRPCClientError (its `data` holds the formatter's shape). */
export function fieldErrorsOf(error: unknown): FieldErrors {
  return fieldErrorsFrom((error as { data?: unknown } | null)?.data);
}

export function httpStatusOf(error: unknown): number | undefined {
  const status = (error as { data?: { httpStatus?: unknown } } | null)?.data?.httpStatus;
  return typeof status === 'number' ? status : undefined;
}

/** The tRPC error code (`CONFLICT`, `NOT_FOUND`, ...) carried by a TRPCClientError. */
export function errorCodeOf(error: unknown): string | undefined {
  const code = (error as { data?: { code?: unknown } } | null)?.data?.code;
  return typeof code === 'string' ? code : undefined;
}
