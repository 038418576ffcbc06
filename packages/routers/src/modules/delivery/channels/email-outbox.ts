import type { EmailDriver, OutgoingEmail } from './email';

/**
 * The default driver: nothing leaves the machine. The delivery log keeps the rendered message, so the console
 * can show what would have been sent.
 */
export const createOutboxEmailDriver = (): EmailDriver => ({
  name: 'outbox',
  send: async (email: OutgoingEmail) => ({
    provider: 'outbox',
    providerMessageId: `outbox-${email.deliveryId}`,
  }),
});
