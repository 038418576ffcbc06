import { z } from 'zod';

/**
 * A link an email may carry: absolute http(s) only. `z.url()` alone would let `javascript:` or
 * `data:` through, and a relative URL means nothing in a mail client.
 */
export const ZLinkUrl = z.url({ protocol: /^https?$/ });

const ZHttpsUrl = z.url({ protocol: /^https$/ });

/**
 * One-click unsubscribe must be https (RFC 8058), and Gmail and Yahoo ignore anything else.
 */
export const ZUnsubscribeUrl = ZHttpsUrl;

/** What makes a product's mail look like that product's: LysnrAI and MindLyst mails differ here. */
export const ZEmailBrand = z.object({
  productName: z.string().trim().min(1).max(60),
  /**
   * Shown 32 px tall in the header (serve it 64 px tall for sharp screens) with the product name as alt
   * text; without it the header is the product name in text.
   */
  logoUrl: ZHttpsUrl.optional(),
  /** Button, links and header rule. */
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb hex colour'),
  supportEmail: z.email(),
  appUrl: ZLinkUrl,
});
export type TEmailBrand = z.infer<typeof ZEmailBrand>;

/** Fields every template's props carry besides the sender's own. */
export const ZEmailShared = z.object({
  brand: ZEmailBrand,
  /** Only on non-transactional (lifecycle) mail: the footer then shows a one-click unsubscribe link. */
  unsubscribeUrl: ZUnsubscribeUrl.optional(),
});
export type TEmailShared = z.infer<typeof ZEmailShared>;

/**
 * The shared fields of transactional mail, which is always sent and so has nothing to unsubscribe
 * from: an unsubscribe URL here is a sender bug, not something to render.
 */
export const ZTransactionalShared = z.object({
  brand: ZEmailBrand,
  unsubscribeUrl: z.never({ error: 'transactional mail carries no unsubscribe link' }).optional(),
});

/** The preview brand; the accent and support address are LysnrAI's. */
export const PREVIEW_BRAND: TEmailBrand = {
  productName: 'LysnrAI',
  logoUrl: 'https://cdn.lysnrai.com/email/logo-64.png',
  accentColor: '#4f46e5',
  supportEmail: 'support@lysnrai.com',
  appUrl: 'https://app.lysnrai.com',
};

export const PREVIEW_UNSUBSCRIBE_URL = 'https://app.lysnrai.com/email/unsubscribe?token=u_8f3a1c9e';

/** What the console lists and the footer says about one template. */
export type TemplateMeta<P> = {
  title: string;
  description: string;
  /**
   * Transactional mail answers something the user did or must know about their account, so it is always
   * sent and has no unsubscribe link; lifecycle mail (reminders) is not, and carries one.
   */
  transactional: boolean;
  /** The footer's "why you got this mail" sentence. */
  reason: (props: P) => string;
};
