import type { ThemeTokens } from '@bytelyst/design-tokens';
import { z } from 'zod';
import type { Translate } from './messages';

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

const ZHex = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a #rrggbb hex colour');

/**
 * The colours of a mail beyond the accent: the light theme every client gets inline, and the dark repaint for
 * clients that honour prefers-color-scheme. Absent, the layout's own colours apply (the platform's defaults).
 */
export const ZEmailPalette = z.object({
  text: ZHex,
  muted: ZHex,
  border: ZHex,
  page: ZHex,
  card: ZHex,
  /** The button label on the accent. */
  onAccent: ZHex,
  dark: z.object({ text: ZHex, muted: ZHex, border: ZHex, page: ZHex, card: ZHex, box: ZHex, link: ZHex }),
});
export type TEmailPalette = z.infer<typeof ZEmailPalette>;

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
  /** From the product's published theme (`themedBrand`); absent: the platform's default colours. */
  palette: ZEmailPalette.optional(),
});
export type TEmailBrand = z.infer<typeof ZEmailBrand>;

/**
 * The brand in a published theme's colours: the accent is the light primary, the mail's surfaces and text are
 * the theme's, dark mode its dark palette. Without a theme the brand is returned as it is.
 */
export const themedBrand = (brand: TEmailBrand, theme: ThemeTokens | null | undefined): TEmailBrand => {
  if (!theme) return brand;
  const { light, dark } = theme.colors;
  return {
    ...brand,
    accentColor: light.primary,
    palette: {
      text: light.onSurface,
      muted: light.textMuted,
      border: light.border,
      page: light.background,
      card: light.surface,
      onAccent: light.onPrimary,
      dark: {
        text: dark.onSurface,
        muted: dark.textMuted,
        border: dark.border,
        page: dark.background,
        card: dark.surface,
        box: dark.border,
        link: dark.primary,
      },
    },
  };
};

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
  /** The footer's "why you got this mail" sentence, in the language of `t` (English without it). */
  reason: (props: P, t?: Translate) => string;
};
