import type { FullTextHit, FullTextIndex, QueryTerm } from '@bytelyst/db/full-text';
import type { AnySearchEntity } from './entities/entity';
import { highlight, snippet } from './highlight';
import type { Rebuilds } from './rebuild';
import { SEARCH_TYPES, type TSearchHit, type TSearchInput, type TSearchType } from './schema';

/** Results per type when the request names no limit: a type-ahead list. */
export const DEFAULT_LIMIT = 5;

type HitData = { title: string; subtitle: string | null; at: string | null; ref: Record<string, string> };

const toHit = (hit: FullTextHit, terms: readonly QueryTerm[]): TSearchHit => {
  const data = hit.doc.data as Partial<HitData>;
  const title = data.title ?? hit.doc.id;
  // The snippet shows where the words matched beyond the title: in the secondary text, or in the primary when
  // the title shows none of them (a user found by email).
  const titleHtml = highlight(title, terms);
  const shown =
    snippet(hit.doc.text.secondary ?? '', terms) ??
    (titleHtml.includes('<mark>') ? null : snippet(hit.doc.text.primary ?? '', terms));
  return {
    type: hit.doc.kind as TSearchType,
    id: hit.doc.id,
    title,
    titleHtml,
    subtitle: data.subtitle ?? null,
    snippetHtml: shown,
    exact: hit.exact,
    score: Number(hit.score.toFixed(6)),
    at: data.at ?? null,
    ref: data.ref ?? { id: hit.doc.id },
  };
};

/** One search of a product's index, as the API answers it (highlighting included). */
export const searchIndex = async (
  index: FullTextIndex,
  productId: string,
  input: TSearchInput,
  types: readonly TSearchType[],
) => {
  const { terms, hits } = await index.search({
    partition: productId,
    text: input.q,
    kinds: input.types ?? types,
    limit: input.limit ?? DEFAULT_LIMIT,
  });
  return { q: input.q, terms: terms.map((t) => t.token), items: hits.map((hit) => toHit(hit, terms)) };
};

/** Admin search over the product's index; rebuilds go through `rebuilds`. */
export const createSearchService = (deps: {
  index: () => FullTextIndex;
  entities: readonly AnySearchEntity[];
  rebuilds: Rebuilds;
}) => {
  const declared = deps.entities.map((e) => e.type);
  return {
    /** The types this deployment searches, with their group headings, in listing order. */
    types: deps.entities.map((e) => ({ type: e.type, label: e.label })),

    query: (productId: string, input: TSearchInput) => searchIndex(deps.index(), productId, input, declared),

    async stats(productId: string) {
      const counts = await deps.index().count(
        productId,
        SEARCH_TYPES.filter((t) => declared.includes(t)),
      );
      return { counts, latestRebuild: await deps.rebuilds.latest(productId) };
    },

    triggerRebuild: (
      productId: string,
      types: readonly TSearchType[] | undefined,
      actor: { id: string; email: string },
    ) => deps.rebuilds.request(productId, types ?? declared, actor),

    getRebuild: (productId: string, id: string) => deps.rebuilds.get(productId, id),
  };
};

export type SearchService = ReturnType<typeof createSearchService>;
