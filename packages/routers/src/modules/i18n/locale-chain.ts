import { canonicalLocale } from './schema';

/** The final fallback of every chain: the mail templates' built-in strings and most sources are English. */
export const LAST_RESORT = 'en';

/**
 * A tag and its shorter forms, as RFC 4647 lookup truncates them: `zh-Hant-TW`, `zh-Hant`, `zh`. A subtag left
 * dangling after a singleton (`-x-`, `-u-`) goes with it.
 */
export const truncations = (tag: string): string[] => {
  const parts = tag.split('-');
  const out: string[] = [];
  for (let n = parts.length; n >= 1; n--) {
    if (n < parts.length && (parts[n - 1]?.length ?? 0) === 1) continue;
    out.push(parts.slice(0, n).join('-'));
  }
  return out;
};

/**
 * The bundle's fallback chain: the requested locale, its base language (`pt-BR` → `pt`), the product's default
 * locale (and its base), then English. Each locale once, most specific first.
 */
export const fallbackChain = (requested: string, defaultLocale: string): string[] => {
  const chain = [...truncations(requested), ...truncations(defaultLocale), LAST_RESORT];
  return [...new Set(chain)];
};

/** The canonical tag, or undefined for what Intl refuses (`en_US`, `toolongsubtag`, empty). */
export const parseLocaleTag = (value: string): string | undefined =>
  value.trim() === '' || value.length > 35 ? undefined : canonicalLocale(value.trim());
