import type { BatchOperation, Clock } from '@bytelyst/db/document-store';
import { AppError } from '../../app-error';
import { isoNow } from '../../lib/time';
import {
  type FileEntry,
  FileFormatError,
  readJson,
  readXliff,
  toFlatJson,
  toNestedJson,
  toXliff,
} from './formats';
import { parseMessage } from './icu';
import type { I18nRepository, StringDoc } from './repository';
import {
  canonicalLocale,
  type TArgsWarning,
  type TFormat,
  type TImportInput,
  type TImportReport,
  ZTranslationKey,
} from './schema';
import { BUILT_IN, type I18nCore, namespaceOf } from './service';

const CONTENT_TYPES: Record<TFormat, { type: string; extension: string }> = {
  'json-flat': { type: 'application/json; charset=utf-8', extension: 'json' },
  'json-nested': { type: 'application/json; charset=utf-8', extension: 'json' },
  xliff: { type: 'application/xliff+xml; charset=utf-8', extension: 'xlf' },
};

const badFile = (message: string) =>
  new AppError('VALIDATION', message, { fields: [{ path: 'content', message }] });

/**
 * Import and export for translators. An import checks every entry first (key shape, ICU syntax) and writes
 * only when all pass: a file with one bad entry is reported and nothing of it is applied.
 */
export const createI18nTransfer = (deps: { repo: I18nRepository; core: I18nCore; clock: Clock }) => {
  const { repo, core, clock } = deps;

  return {
    async export(productId: string, input: { locale: string; format: TFormat; namespace?: string }) {
      const view = await core.requireLocale(productId, input.locale);
      const stored = await repo.all(productId, input.locale);
      const inNamespace = (key: string) => !input.namespace || namespaceOf(key) === input.namespace;
      const entries = new Map<string, FileEntry>();
      if (input.locale === 'en') {
        for (const [key, message] of Object.entries(BUILT_IN)) entries.set(key, { key, message });
      }
      for (const doc of stored) {
        if (doc.status !== 'missing')
          entries.set(doc.key, { key: doc.key, message: doc.message, status: doc.status });
      }
      const { type, extension } = CONTENT_TYPES[input.format];
      const suffix = input.namespace ? `-${input.namespace}` : '';
      const filename = `${productId}-${input.locale}${suffix}.${extension}`;
      if (input.format !== 'xliff') {
        const list = [...entries.values()].filter((e) => inNamespace(e.key));
        const content = input.format === 'json-flat' ? toFlatJson(list) : toNestedJson(list);
        return { filename, contentType: type, content, count: list.length };
      }
      // Every source key is a unit; its target is this locale's string where there is one.
      const source = await core.sourceStrings(productId, view.defaultLocale);
      const units = [...source.entries()]
        .filter(([key]) => inNamespace(key))
        .map(([key, s]) => {
          const target = entries.get(key);
          return {
            key,
            source: s.message,
            message: target?.message ?? '',
            status: target?.status ?? ('missing' as const),
            description: s.description,
          };
        });
      const content = toXliff(view.defaultLocale, input.locale, units);
      return { filename, contentType: type, content, count: units.length };
    },

    async import(productId: string, input: TImportInput, actorId: string): Promise<TImportReport> {
      let read: ReturnType<typeof readJson>;
      try {
        read = input.format === 'xliff' ? readXliff(input.content) : readJson(input.content);
      } catch (error) {
        if (error instanceof FileFormatError) throw badFile(error.message);
        throw error;
      }
      const fileLocale = read.locale ? canonicalLocale(read.locale) : undefined;
      if (read.locale && !fileLocale) throw badFile(`The file's trgLang '${read.locale}' is not a locale`);
      if (input.locale && fileLocale && input.locale !== fileLocale) {
        throw new AppError('VALIDATION', `The file is for ${fileLocale}, not ${input.locale}`, {
          fields: [{ path: 'locale', message: `The file's trgLang is ${fileLocale}` }],
        });
      }
      const locale = input.locale ?? fileLocale;
      if (!locale) {
        throw new AppError('VALIDATION', 'Name the locale of a JSON file', {
          fields: [{ path: 'locale', message: 'Required for JSON files' }],
        });
      }
      const view = await core.requireLocale(productId, locale);
      const source = await core.sourceStrings(productId, view.defaultLocale);
      const current = new Map((await repo.all(productId, locale)).map((doc) => [doc.key, doc]));

      const invalid = [...read.invalid];
      const warnings: TArgsWarning[] = [];
      const operations: BatchOperation<StringDoc>[] = [];
      const seen = new Set<string>();
      let created = 0;
      let updated = 0;
      let unchanged = 0;
      const at = isoNow(clock);
      for (const entry of read.entries) {
        const key = ZTranslationKey.safeParse(entry.key);
        if (!key.success) {
          invalid.push({ key: entry.key, reason: key.error.issues[0]?.message ?? 'Invalid key' });
          continue;
        }
        if (seen.has(entry.key)) {
          invalid.push({ key: entry.key, reason: 'The key appears twice in the file' });
          continue;
        }
        seen.add(entry.key);
        const parsed = parseMessage(entry.message, locale);
        if (!parsed.ok) {
          invalid.push({ key: entry.key, reason: parsed.reason });
          continue;
        }
        const args = parsed.args.map((a) => a.name);
        if (locale !== view.defaultLocale) {
          const warning = core.warningOf(entry.key, locale, args, source.get(entry.key));
          if (warning) warnings.push(warning);
        }
        const status = entry.status ?? input.status ?? 'translated';
        const existing = current.get(entry.key);
        if (existing && existing.message === entry.message && existing.status === status) {
          unchanged += 1;
          continue;
        }
        if (existing) updated += 1;
        else created += 1;
        operations.push({
          op: 'upsert',
          doc: {
            id: entry.key,
            kind: 'string',
            productId,
            locale,
            key: entry.key,
            namespace: namespaceOf(entry.key),
            message: entry.message,
            status,
            args,
            description: existing?.description ?? null,
            context: existing?.context ?? null,
            updatedBy: actorId,
            updatedAt: at,
          },
        });
      }
      const applied = invalid.length === 0 && !input.dryRun;
      if (applied) await core.commitStrings(productId, locale, operations, 'import', actorId);
      return { locale, created, updated, unchanged, invalid, warnings, applied };
    },
  };
};

export type I18nTransfer = ReturnType<typeof createI18nTransfer>;
