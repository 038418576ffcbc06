import { z } from 'zod';

/** Where a string stands in a locale; `missing` is also what a locale without the key shows. */
export const TRANSLATION_STATUSES = ['missing', 'draft', 'translated', 'reviewed'] as const;
export const ZTranslationStatus = z.enum(TRANSLATION_STATUSES);
export type TTranslationStatus = z.infer<typeof ZTranslationStatus>;

/** Counted as done by coverage, and served to clients outside the source locale. */
export const DONE_STATUSES: readonly TTranslationStatus[] = ['translated', 'reviewed'];

/** A BCP 47 tag as Intl canonicalizes it (`pt-br` becomes `pt-BR`); anything it refuses fails here. */
export const canonicalLocale = (value: string): string | undefined => {
  try {
    const [tag] = Intl.getCanonicalLocales(value);
    return tag;
  } catch {
    return undefined;
  }
};

export const ZLocaleTag = z
  .string()
  .trim()
  .min(2)
  .max(35)
  .transform((value, ctx) => {
    const tag = canonicalLocale(value);
    if (!tag) {
      ctx.addIssue({ code: 'custom', message: 'Expected a BCP 47 locale such as de or pt-BR' });
      return z.NEVER;
    }
    return tag;
  });

/** Dotted; the first segment is the namespace clients fetch by (`onboarding.title`). */
export const ZTranslationKey = z
  .string()
  .trim()
  .max(200)
  .regex(
    /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)+$/,
    'Expected a dotted key whose first segment is the namespace, such as onboarding.title',
  );

export const ZNamespace = z
  .string()
  .regex(/^[A-Za-z0-9_-]{1,64}$/, 'Expected a namespace such as onboarding');

export const ZMessage = z.string().max(10_000);

export const ZTranslation = z.object({
  key: z.string(),
  namespace: z.string(),
  locale: z.string(),
  message: z.string(),
  status: ZTranslationStatus,
  /** For translators, on the source string. */
  description: z.string().nullable(),
  context: z.string().nullable(),
  /** The message's argument names, sorted. */
  args: z.array(z.string()),
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
});
export type TTranslation = z.infer<typeof ZTranslation>;

export const ZUpsertInput = z.object({
  key: ZTranslationKey,
  locale: ZLocaleTag,
  message: ZMessage,
  /** Default: `translated`. */
  status: ZTranslationStatus.exclude(['missing']).optional(),
  description: z.string().trim().max(1000).nullable().optional(),
  context: z.string().trim().max(1000).nullable().optional(),
});
export type TUpsertInput = z.infer<typeof ZUpsertInput>;

/** Arguments of a translation that differ from its source string's: shown to the translator, not refused. */
export const ZArgsWarning = z.object({
  key: z.string(),
  locale: z.string(),
  missing: z.array(z.string()),
  extra: z.array(z.string()),
  message: z.string(),
});
export type TArgsWarning = z.infer<typeof ZArgsWarning>;

export const ZUpsertOutput = z.object({ translation: ZTranslation, warnings: z.array(ZArgsWarning) });

export const ZSetStatusInput = z.object({
  key: ZTranslationKey,
  locale: ZLocaleTag,
  status: ZTranslationStatus.exclude(['missing']),
});

export const ZKeyInput = z.object({ key: ZTranslationKey });
export const ZLocaleInput = z.object({ locale: ZLocaleTag });

export const ZListInput = z.object({
  namespace: ZNamespace.optional(),
  /** Only keys not done (translated or reviewed) in this locale. */
  missingIn: ZLocaleTag.optional(),
  /** Case-insensitive, in keys and source messages. */
  search: z.string().trim().max(100).optional(),
  limit: z.number().int().min(1).max(500).optional(),
  /** The offset of the next page, as `list` returned it. */
  cursor: z.string().regex(/^\d+$/).max(10).optional(),
});
export type TListInput = z.infer<typeof ZListInput>;

export const ZCell = z.object({
  message: z.string(),
  status: ZTranslationStatus,
  updatedBy: z.string().nullable(),
  updatedAt: z.string(),
  /** Arguments that differ from the source's, if any. */
  argsWarning: z.boolean(),
});

export const ZKeyRow = z.object({
  key: z.string(),
  namespace: z.string(),
  description: z.string().nullable(),
  context: z.string().nullable(),
  /** The key is one of the mail templates' built-in strings (`email.*`), served even when not stored. */
  builtIn: z.boolean(),
  /** By locale; a locale without the key has no cell (its status is missing). */
  cells: z.record(z.string(), ZCell),
});
export type TKeyRow = z.infer<typeof ZKeyRow>;

export const ZLocalesView = z.object({
  /** The source locale: translators translate from it; clients fall back to it before English. */
  defaultLocale: z.string(),
  locales: z.array(z.string()),
});
export type TLocalesView = z.infer<typeof ZLocalesView>;

export const ZListOutput = ZLocalesView.extend({
  items: z.array(ZKeyRow),
  nextCursor: z.string().nullable(),
  total: z.number().int(),
  namespaces: z.array(z.string()),
});

export const ZCoverage = z.object({
  sourceKeys: z.number().int(),
  locales: z.array(
    z.object({
      locale: z.string(),
      done: z.number().int(),
      draft: z.number().int(),
      missing: z.number().int(),
      /** translated + reviewed ÷ source keys, 0..1. */
      ratio: z.number(),
    }),
  ),
});

export const FORMATS = ['json-flat', 'json-nested', 'xliff'] as const;
export const ZFormat = z.enum(FORMATS);
export type TFormat = z.infer<typeof ZFormat>;

export const ZExportInput = z.object({
  locale: ZLocaleTag,
  format: ZFormat,
  namespace: ZNamespace.optional(),
});
export const ZExportOutput = z.object({
  filename: z.string(),
  contentType: z.string(),
  content: z.string(),
  count: z.number().int(),
});

export const ZImportInput = z.object({
  /** Required for JSON; an XLIFF file names its own (trgLang), which must agree when both are given. */
  locale: ZLocaleTag.optional(),
  format: ZFormat,
  content: z.string().min(1).max(5_000_000),
  /** Status of imported JSON strings; XLIFF segments bring their own state. Default: translated. */
  status: ZTranslationStatus.exclude(['missing']).optional(),
  /** Report only: nothing is written. */
  dryRun: z.boolean().optional(),
});
export type TImportInput = z.infer<typeof ZImportInput>;

export const ZImportReport = z.object({
  locale: z.string(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  invalid: z.array(z.object({ key: z.string(), reason: z.string() })),
  warnings: z.array(ZArgsWarning),
  /** False when the file had invalid entries (nothing was written then) or on a dry run. */
  applied: z.boolean(),
});
export type TImportReport = z.infer<typeof ZImportReport>;

export const ZPreviewInput = z.object({
  message: ZMessage,
  locale: ZLocaleTag,
  /** Sample values; absent ones get defaults from the message's arguments. */
  args: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export const ZPreviewOutput = z.union([
  z.object({
    ok: z.literal(true),
    formatted: z.string(),
    args: z.array(z.string()),
    samples: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
  z.object({ ok: z.literal(false), error: z.string() }),
]);

export const ZBundle = z.object({
  locale: z.string(),
  chain: z.array(z.string()),
  version: z.string(),
  messages: z.record(z.string(), z.string()),
});
export type TBundle = z.infer<typeof ZBundle>;

export const ZBundleInput = z.object({
  locale: z.string().max(100),
  productId: z.string().max(64).optional(),
  ns: z.string().max(1000).optional(),
});
