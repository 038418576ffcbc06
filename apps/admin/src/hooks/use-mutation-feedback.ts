'use client';

import { type ToastLink, useToast } from '~/components/kit/toast';
import { errorMessage, type FieldErrors } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

export type TrpcUtils = ReturnType<typeof trpc.useUtils>;
/** The part of `useFormErrors` a mutation writes the server's answer into. */
type FormSink = { fromApi: (error: unknown, onConflict?: FieldErrors) => void };

type Options<Data, Variables> = {
  /** The success toast, if any. */
  success?: string | ((data: Data, variables: Variables) => string);
  /** A link shown in the success toast, to what the mutation made (a message in the log). */
  successLink?: (data: Data, variables: Variables) => ToastLink | undefined;
  /** Invalidates the queries whose data the mutation changed, once it succeeds: `(u) => [u.users.list.invalidate()]`. */
  invalidate?: (utils: TrpcUtils, data: Data, variables: Variables) => readonly Promise<unknown>[];
  /** Runs once it succeeds, before the refetch: close the dialog, clear a selection, show a secret. */
  onDone?: (data: Data, variables: Variables) => void;
  /** A form that shows the server's field errors on its fields; without one, an error is a toast. */
  form?: FormSink;
  /** With `form`: the field errors to show for a CONFLICT (it names the clashing field). */
  conflict?: FieldErrors;
  /** Replaces the server's message in the error toast; `false` when the caller shows `mutation.error` itself. */
  error?: false | ((error: unknown, variables: Variables) => string);
  /** Runs on failure besides the toast or the form errors (close a confirmation). */
  onFailed?: (error: unknown) => void;
};

/**
 * The console's one mutation recipe, as options for a tRPC `useMutation`: toast, close, refetch what changed,
 * and put field errors on their fields.
 *
 * `trpc.users.create.useMutation(useMutationFeedback({ success: (u) => `${u.email} was created.`, ... }))`
 */
export function useMutationFeedback<Data = unknown, Variables = unknown>(options: Options<Data, Variables>) {
  const utils = trpc.useUtils();
  const toast = useToast();
  const { success, successLink, invalidate, onDone, form, conflict, error, onFailed } = options;
  return {
    onSuccess: async (data: Data, variables: Variables) => {
      if (success) {
        const message = typeof success === 'string' ? success : success(data, variables);
        toast.success(message, successLink?.(data, variables));
      }
      onDone?.(data, variables);
      if (invalidate) await Promise.all(invalidate(utils, data, variables));
    },
    onError: (cause: unknown, variables: Variables) => {
      onFailed?.(cause);
      if (form) form.fromApi(cause, conflict);
      else if (error !== false) toast.error(error ? error(cause, variables) : errorMessage(cause));
    },
  };
}
