/**
 * What the scheduler refuses: a bad or duplicate job definition at registration, and a manual trigger of an
 * unknown job, of one already running, or while the runner stops. Callers map the codes to their own errors.
 */
export type SchedulerErrorCode =
  | 'invalid_definition'
  | 'duplicate_job'
  | 'unknown_job'
  | 'already_running'
  | 'stopping';

export type SchedulerFieldError = { path: string; message: string };

export class SchedulerError extends Error {
  readonly code: SchedulerErrorCode;
  /** With 'invalid_definition': the job name and what is wrong with its definition. */
  readonly fields: SchedulerFieldError[] | undefined;
  constructor(code: SchedulerErrorCode, message: string, options?: { fields?: SchedulerFieldError[] }) {
    super(message);
    this.name = 'SchedulerError';
    this.code = code;
    this.fields = options?.fields;
  }
}

export const isSchedulerError = (error: unknown, code?: SchedulerErrorCode): error is SchedulerError =>
  error instanceof SchedulerError && (code === undefined || error.code === code);
