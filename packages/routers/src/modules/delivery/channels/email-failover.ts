import type { CircuitBreaker } from './circuit-breaker';
import { type EmailDriver, EmailProviderError, type EmailSent, type OutgoingEmail } from './email';

export type EmailFallbackInfo = {
  deliveryId: string;
  from: string;
  to: string;
  /** 'circuit_open': the primary was not called; 'error': it failed with a transient error */
  reason: 'circuit_open' | 'error';
  error: string;
};

export type FailoverEmailDriverOptions = {
  primary: EmailDriver;
  fallback: EmailDriver;
  /** guards the primary: transient failures count toward opening it */
  breaker: CircuitBreaker;
  onFallback?: (info: EmailFallbackInfo) => void;
};

const CIRCUIT_OPEN = 'circuit open';

/**
 * Sends through the primary; on a transient failure (or while its circuit is open) sends through the fallback
 * and says so in `fellBackFrom`. A permanent failure is the provider's verdict on this message and is re-thrown:
 * another provider would only deliver what the first one refused. When the fallback fails too, its error is
 * thrown, as transient when either failure was, so the caller retries.
 */
export const createFailoverEmailDriver = (opts: FailoverEmailDriverOptions): EmailDriver => {
  const { primary, fallback, breaker } = opts;

  const sendFallback = async (
    email: OutgoingEmail,
    reason: EmailFallbackInfo['reason'],
    primaryError: string,
  ): Promise<EmailSent> => {
    opts.onFallback?.({
      deliveryId: email.deliveryId,
      from: primary.name,
      to: fallback.name,
      reason,
      error: primaryError,
    });
    try {
      const sent = await fallback.send(email);
      return { ...sent, fellBackFrom: { provider: primary.name, error: primaryError } };
    } catch (error) {
      // the primary was unavailable, so even a refusal by the fallback is worth another try later
      if (error instanceof EmailProviderError && error.kind === 'permanent') {
        throw new EmailProviderError(
          error.provider,
          'transient',
          `${error.message} (after ${primary.name}: ${primaryError})`,
          {
            cause: error,
            ...(error.status === undefined ? {} : { status: error.status }),
            ...(error.response === undefined ? {} : { response: error.response }),
          },
        );
      }
      throw error;
    }
  };

  return {
    name: primary.name,
    send: async (email) => {
      if (!breaker.canTry()) return sendFallback(email, 'circuit_open', CIRCUIT_OPEN);
      let sent: EmailSent;
      try {
        sent = await primary.send(email);
      } catch (error) {
        if (!(error instanceof EmailProviderError)) {
          // drivers only throw EmailProviderError; anything else is a bug, re-thrown as is, and counted so a
          // half-open trial is never left unresolved
          breaker.recordFailure();
          throw error;
        }
        if (error.kind === 'permanent') {
          // the provider answered: it is up, whatever it thought of this message
          breaker.recordSuccess();
          throw error;
        }
        breaker.recordFailure();
        return sendFallback(email, 'error', error.message);
      }
      breaker.recordSuccess();
      return sent;
    },
    close: async () => {
      await Promise.all([primary.close?.(), fallback.close?.()]);
    },
  };
};
