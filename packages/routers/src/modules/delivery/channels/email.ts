/** The email channel's contract: what the delivery module hands a driver and what it gets back. */

export type EmailAddress = { email: string; name?: string };

export type OutgoingEmail = {
  /** the delivery log id; sent to providers as a custom arg so their events correlate back */
  deliveryId: string;
  productId: string;
  from: EmailAddress;
  replyTo?: EmailAddress;
  to: EmailAddress;
  subject: string;
  html: string;
  text: string;
  /** extra message headers, e.g. List-Unsubscribe and List-Unsubscribe-Post */
  headers: Record<string, string>;
  /** e.g. [template, category] */
  categories: string[];
  /** includes deliveryId and productId */
  customArgs: Record<string, string>;
  /** sandbox/test send marker */
  test?: boolean;
};

export type EmailProviderName = 'sendgrid' | 'smtp' | 'outbox';

export type EmailSent = {
  provider: EmailProviderName;
  providerMessageId: string | null;
  response?: string;
  /** set when the primary driver was skipped or failed and the fallback sent the message */
  fellBackFrom?: { provider: string; error: string };
};

export type EmailDriver = {
  readonly name: EmailProviderName;
  send(email: OutgoingEmail): Promise<EmailSent>;
  close?(): Promise<void>;
};

/**
 * 'transient': worth retrying or failing over (5xx, 429, timeout, refused connection, DNS).
 * 'permanent': the provider refused this message (4xx other than 429: bad address, bad key...).
 */
export type EmailErrorKind = 'transient' | 'permanent';

export class EmailProviderError extends Error {
  readonly provider: string;
  readonly kind: EmailErrorKind;
  readonly status: number | undefined;
  readonly retryAfterMs: number | undefined;
  readonly response: string | undefined;

  constructor(
    provider: string,
    kind: EmailErrorKind,
    message: string,
    options: { status?: number; retryAfterMs?: number; response?: string; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'EmailProviderError';
    this.provider = provider;
    this.kind = kind;
    this.status = options.status;
    this.retryAfterMs = options.retryAfterMs;
    this.response = options.response;
  }
}

export const isEmailProviderError = (error: unknown): error is EmailProviderError =>
  error instanceof EmailProviderError;
