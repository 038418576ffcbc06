import type { EmailStrings } from '@bytelyst/emails/messages';
import { sha256 } from '../../lib/crypto';
import { fallbackChain, LAST_RESORT, parseLocaleTag } from './locale-chain';
import type { I18nRepository, StringDoc } from './repository';
import { DONE_STATUSES, type TBundle } from './schema';
import { BUILT_IN, type I18nCore, namespaceOf } from './service';

/** Bundles kept in memory; past this the cache starts over (a product rarely has more than a few dozen). */
const CACHE_MAX = 500;

/**
 * The client bundle: strings merged along the fallback chain, most specific first. Its version is a hash of
 * the chain, the namespaces and each chain locale's revision (point reads of documents written in the batch of
 * every change), so every API instance agrees on it without talking to the others; the merged messages are
 * kept in memory per product, chain and namespaces, and rebuilt only when the version moves.
 */
export const createI18nBundles = (deps: { repo: I18nRepository; core: I18nCore }) => {
  const { repo, core } = deps;
  const cache = new Map<string, TBundle>();

  /** Whether a string of `locale` reaches clients: any but missing in the default locale, else done ones. */
  const served = (doc: StringDoc, defaultLocale: string) =>
    doc.locale === defaultLocale ? doc.status !== 'missing' : DONE_STATUSES.includes(doc.status);

  const build = async (
    productId: string,
    locale: string,
    chain: readonly string[],
    defaultLocale: string,
    namespaces: readonly string[] | null,
    version: string,
  ): Promise<TBundle> => {
    const wanted = (key: string) => !namespaces || namespaces.includes(namespaceOf(key));
    const messages: Record<string, string> = {};
    const layers = await Promise.all(chain.map((l) => repo.all(productId, l)));
    // Least specific first, so each more specific locale overwrites what it translates.
    for (let i = chain.length - 1; i >= 0; i--) {
      if (chain[i] === LAST_RESORT) {
        for (const [key, message] of Object.entries(BUILT_IN)) if (wanted(key)) messages[key] = message;
      }
      for (const doc of layers[i] ?? []) {
        if (wanted(doc.key) && served(doc, defaultLocale)) messages[doc.key] = doc.message;
      }
    }
    const sortedMessages = Object.fromEntries(
      Object.entries(messages).sort(([a], [b]) => a.localeCompare(b)),
    );
    return { locale, chain: [...chain], version, messages: sortedMessages };
  };

  /** The bundle's version only: what a 304 needs (a config read and one point read per chain locale). */
  const versionOf = async (productId: string, locale: string, namespaces: readonly string[] | null) => {
    const view = await core.locales(productId);
    const chain = fallbackChain(locale, view.defaultLocale);
    const revisions = await repo.revisions(productId, chain);
    const version = sha256(
      JSON.stringify([productId, chain, namespaces ?? '*', revisions, Object.keys(BUILT_IN).length]),
    ).slice(0, 32);
    return { version, chain, defaultLocale: view.defaultLocale };
  };

  const get = async (
    productId: string,
    locale: string,
    namespaces: readonly string[] | null,
  ): Promise<TBundle> => {
    const { version, chain, defaultLocale } = await versionOf(productId, locale, namespaces);
    const id = JSON.stringify([productId, locale, namespaces]);
    const hit = cache.get(id);
    if (hit?.version === version) return hit;
    const bundle = await build(productId, locale, chain, defaultLocale, namespaces, version);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(id, bundle);
    return bundle;
  };

  return {
    versionOf,
    get,
    /** The strong ETag of a bundle version. */
    etagOf: (version: string) => `"${version}"`,
    /**
     * The locale a mail to this user is written in (their `locale` setting, else their most recently seen
     * device's, else the product's default) and the `email.*` strings of its chain.
     */
    async emailStrings(
      productId: string,
      preferred: readonly (string | null | undefined)[],
    ): Promise<EmailStrings> {
      const view = await core.locales(productId);
      const locale =
        preferred.map((value) => (value ? parseLocaleTag(value) : undefined)).find(Boolean) ??
        view.defaultLocale;
      const bundle = await get(productId, locale, ['email']);
      return { locale, messages: bundle.messages };
    },
  };
};

export type I18nBundles = ReturnType<typeof createI18nBundles>;
