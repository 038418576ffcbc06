import { z } from 'zod';
import { def } from './def';

/**
 * Themes and design tokens (roadmap §1.1 themes, §1.2 design-tokens). Publishing is public, so a build pipeline
 * can regenerate a client's theme files when one is published; draft edits stay internal.
 */

export const THEME_EVENTS = {
  'theme.draft_updated': def({
    version: 1,
    public: false,
    description: "A product's draft theme was edited, or reverted to a published version.",
    payload: z.object({
      /** The published version the draft was reverted to; null for an edit. */
      revertedTo: z.number().int().min(1).nullable(),
      /** How many tokens differ from the draft before. */
      changedTokens: z.number().int().min(0),
    }),
    example: { revertedTo: null, changedTokens: 2 },
  }),
  'theme.published': def({
    version: 1,
    public: true,
    description:
      "A product's draft theme was published as a numbered version; clients get it from GET /v1/themes/current.",
    payload: z.object({
      version: z.number().int().min(1),
      publishedAt: z.iso.datetime(),
      /** The light and dark primary colours, for a quick look in a receiver. */
      primary: z.object({ light: z.string(), dark: z.string() }),
    }),
    example: {
      version: 3,
      publishedAt: '2026-03-20T09:00:00.000Z',
      primary: { light: '#4f46e5', dark: '#a7a3f2' },
    },
  }),
} as const;
