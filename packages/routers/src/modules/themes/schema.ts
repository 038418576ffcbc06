import {
  COLOR_ROLES,
  FILE_FORMATS,
  FONT_FAMILIES,
  FONT_SIZES,
  FONT_WEIGHTS,
  HEX_COLOR,
  LINE_HEIGHTS,
  PLATFORMS,
  RADIUS_STEPS,
  SPACING_STEPS,
  type ThemeTokens,
} from '@bytelyst/design-tokens';
import { z } from 'zod';
import { ZProductId } from '../products/schema';

/**
 * The theme's wire shapes. The token structure follows @bytelyst/design-tokens (whose step names it imports),
 * so the OpenAPI document shows every token; ranges are the package's `validateTheme`, which the service runs.
 */

const keyed = <K extends string, T extends z.ZodType>(keys: readonly K[], value: T) =>
  z.strictObject(Object.fromEntries(keys.map((key) => [key, value])) as Record<K, T>);

export const ZHexColor = z.string().regex(HEX_COLOR, 'Expected a #rrggbb colour');
const ZPalette = keyed(COLOR_ROLES, ZHexColor);

export const ZThemeTokens = z.strictObject({
  colors: z.strictObject({ light: ZPalette, dark: ZPalette }),
  typography: z.strictObject({
    fontFamily: keyed(FONT_FAMILIES, z.string().max(200)),
    fontSize: keyed(FONT_SIZES, z.number()),
    fontWeight: keyed(FONT_WEIGHTS, z.number().int()),
    lineHeight: keyed(LINE_HEIGHTS, z.number()),
  }),
  spacing: keyed(SPACING_STEPS, z.number()),
  radius: keyed(RADIUS_STEPS, z.number()),
}) satisfies z.ZodType<ThemeTokens>;
export type TThemeTokens = z.infer<typeof ZThemeTokens>;

export const ZThemePlatform = z.enum(PLATFORMS);
export const ZThemeFileFormat = z.enum(FILE_FORMATS);
export const ZThemeSource = z.enum(['draft', 'published']);

/** The admin's view: the draft being edited beside what clients get. */
export const ZTheme = z.object({
  productId: z.string(),
  draft: ZThemeTokens,
  draftUpdatedAt: z.string().nullable(),
  draftUpdatedBy: z.string().nullable(),
  /** The draft differs from the published version (or nothing is published yet). */
  hasUnpublishedChanges: z.boolean(),
  publishedVersion: z.number().int().nullable(),
  publishedAt: z.string().nullable(),
  published: ZThemeTokens.nullable(),
});
export type TTheme = z.infer<typeof ZTheme>;

export const ZThemeVersion = z.object({
  version: z.number().int().min(1),
  tokens: ZThemeTokens,
  note: z.string(),
  publishedAt: z.string(),
  publishedBy: z.string(),
});
export type TThemeVersion = z.infer<typeof ZThemeVersion>;

export const ZThemeVersionSummary = ZThemeVersion.omit({ tokens: true }).extend({
  primary: z.object({ light: z.string(), dark: z.string() }),
});
export const ZThemeVersionPage = z.object({
  items: z.array(ZThemeVersionSummary),
  nextCursor: z.string().nullable(),
});

export const ZThemeSetDraftInput = z.object({ tokens: ZThemeTokens });
export const ZThemePublishInput = z.object({ note: z.string().trim().max(200).optional() });
export const ZThemeVersionInput = z.object({ version: z.coerce.number().int().min(1) });
export const ZThemeListVersionsInput = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().max(4000).optional(),
});
export type TThemeListVersionsInput = z.infer<typeof ZThemeListVersionsInput>;

export const ZThemeFileInput = z.object({
  format: ZThemeFileFormat,
  source: ZThemeSource.default('published'),
});
export const ZThemeFile = z.object({ filename: z.string(), contentType: z.string(), content: z.string() });

/** A client's launch fetch: the product (default: the x-product-id header or the token's) and its platform. */
export const ZThemeCurrentInput = z.object({
  productId: ZProductId.optional(),
  platform: ZThemePlatform.default('web'),
});
export type TThemeCurrentInput = z.infer<typeof ZThemeCurrentInput>;

const ZDimensions = z.record(z.string(), z.union([z.number(), z.string()]));
/** What clients get: the published tokens in their platform's units. Version 0 is the default theme. */
export const ZThemeCurrent = z.object({
  productId: z.string(),
  version: z.number().int().min(0),
  publishedAt: z.string().nullable(),
  platform: ZThemePlatform,
  units: z.object({ fontSize: z.string(), spacing: z.string(), radius: z.string() }),
  colors: z.object({ light: z.record(z.string(), z.string()), dark: z.record(z.string(), z.string()) }),
  typography: z.object({
    fontFamily: z.record(z.string(), z.string()),
    fontSize: ZDimensions,
    fontWeight: z.record(z.string(), z.number()),
    lineHeight: z.record(z.string(), z.number()),
  }),
  spacing: ZDimensions,
  radius: ZDimensions,
});
export type TThemeCurrent = z.infer<typeof ZThemeCurrent>;
