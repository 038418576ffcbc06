import type { EmailStrings } from '@bytelyst/emails/messages';

/**
 * The recipient's locale and the merged `email.*` strings of its chain, for delivery's render. The strings are
 * the i18n module's, built after delivery, so delivery gets this handle, which services.ts binds to the i18n
 * service once it exists. Unbound (a platform without i18n), mail renders in the templates' built-in English.
 */
export type EmailStringsSource = {
  of(productId: string, userId: string | null): Promise<EmailStrings | undefined>;
};

export const createEmailStringsSlot = () => {
  let target: EmailStringsSource['of'] | undefined;
  return {
    of: (productId: string, userId: string | null) =>
      target ? target(productId, userId) : Promise.resolve(undefined),
    bind(of: EmailStringsSource['of']) {
      target = of;
    },
  };
};
