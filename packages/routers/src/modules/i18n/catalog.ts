import { argsDiff } from './icu';
import type { I18nRepository, StringDoc } from './repository';
import type { TKeyRow, TListInput } from './schema';
import { BUILT_IN, DONE_STATUSES, type I18nCore, namespaceOf } from './service';

const DEFAULT_PAGE = 100;

/**
 * The console's view of a product's strings: every key (stored in any locale, or built in) with a cell per
 * locale that has it, filtered, then paged; and coverage per locale.
 */
export const createI18nCatalog = (deps: { repo: I18nRepository; core: I18nCore }) => {
  const { repo, core } = deps;

  /** Every locale's strings and the rows they make, before filters. */
  const rowsOf = async (productId: string) => {
    const view = await core.locales(productId);
    const byLocale = await Promise.all(view.locales.map((locale) => repo.all(productId, locale)));
    const source = await core.sourceStrings(productId, view.defaultLocale);
    const rows = new Map<string, TKeyRow & { sourceMessage: string }>();
    const rowFor = (key: string) => {
      let row = rows.get(key);
      if (!row) {
        row = {
          key,
          namespace: namespaceOf(key),
          description: source.get(key)?.description ?? null,
          context: null,
          builtIn: key in BUILT_IN,
          cells: {},
          sourceMessage: source.get(key)?.message ?? '',
        };
        rows.set(key, row);
      }
      return row;
    };
    for (const key of source.keys()) rowFor(key);
    view.locales.forEach((locale, index) => {
      for (const doc of byLocale[index] ?? []) {
        const row = rowFor(doc.key);
        if (locale === view.defaultLocale) row.context = doc.context;
        const sourceArgs = source.get(doc.key)?.args;
        const diff = sourceArgs && locale !== view.defaultLocale ? argsDiff(sourceArgs, doc.args) : null;
        row.cells[locale] = {
          message: doc.message,
          status: doc.status,
          updatedBy: doc.updatedBy,
          updatedAt: doc.updatedAt,
          argsWarning: !!diff && (diff.missing.length > 0 || diff.extra.length > 0),
        };
      }
    });
    // A built-in English string nobody stored still shows, as the source it is.
    if (view.locales.includes('en')) {
      for (const [key, message] of Object.entries(BUILT_IN)) {
        const row = rowFor(key);
        row.cells.en ??= {
          message,
          status: 'translated',
          updatedBy: null,
          updatedAt: '',
          argsWarning: false,
        };
      }
    }
    return { view, source, rows: [...rows.values()].sort((a, b) => a.key.localeCompare(b.key)) };
  };

  return {
    async list(productId: string, input: TListInput) {
      const { view, rows } = await rowsOf(productId);
      const search = input.search?.toLowerCase();
      const filtered = rows.filter((row) => {
        if (input.namespace && row.namespace !== input.namespace) return false;
        if (input.missingIn) {
          const cell = row.cells[input.missingIn];
          if (cell && DONE_STATUSES.includes(cell.status)) return false;
        }
        if (search) {
          const inCells = Object.values(row.cells).some((c) => c.message.toLowerCase().includes(search));
          if (!row.key.toLowerCase().includes(search) && !inCells) return false;
        }
        return true;
      });
      const offset = Number(input.cursor ?? 0);
      const limit = input.limit ?? DEFAULT_PAGE;
      const page = filtered.slice(offset, offset + limit).map(({ sourceMessage: _, ...row }) => row);
      return {
        ...view,
        items: page,
        nextCursor: offset + limit < filtered.length ? String(offset + limit) : null,
        total: filtered.length,
        namespaces: [...new Set(rows.map((r) => r.namespace))].sort(),
      };
    },

    /** Per locale: translated + reviewed source keys ÷ source keys. */
    async coverage(productId: string) {
      const { view, source, rows } = await rowsOf(productId);
      const sourceKeys = source.size;
      return {
        sourceKeys,
        locales: view.locales.map((locale) => {
          let done = 0;
          let draft = 0;
          for (const row of rows) {
            if (!source.has(row.key)) continue;
            const status = row.cells[locale]?.status;
            if (status && DONE_STATUSES.includes(status)) done += 1;
            else if (status === 'draft') draft += 1;
          }
          return {
            locale,
            done,
            draft,
            missing: sourceKeys - done - draft,
            ratio: sourceKeys === 0 ? 1 : done / sourceKeys,
          };
        }),
      };
    },
  };
};

export type I18nCatalog = ReturnType<typeof createI18nCatalog>;
export type { StringDoc };
