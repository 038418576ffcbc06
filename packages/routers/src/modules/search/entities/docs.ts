import type { DocSection } from '../../docs/render';
import type { DocsService } from '../../docs/service';
import type { SearchEntity } from './entity';

/**
 * The platform's docs, a section (a `##` or `###` heading and the text under it) per entry, so a hit opens
 * the doc at its heading. The same files for every product: each product's index holds them. They are files,
 * not records that events report on: indexed at start-up (`docs-sync.ts`) and by a rebuild.
 */
export const docEntity = (docs: Pick<DocsService, 'sections' | 'section'>): SearchEntity<DocSection> => ({
  type: 'doc',
  label: 'Docs',
  events: [],
  recordId: () => null,
  find: (_productId, id) => docs.section(id),
  async page(_productId, cursor, limit) {
    const all = await docs.sections();
    const start = cursor ? Number(cursor) : 0;
    const end = start + limit;
    return { items: all.slice(start, end), nextCursor: end < all.length ? String(end) : null };
  },
  count: async () => (await docs.sections()).length,
  entry: (section) => ({
    id: section.id,
    owner: null,
    primary: `${section.docTitle} ${section.heading ?? ''}`.trim(),
    secondary: section.text,
    keys: [section.id],
    title: section.heading ? `${section.docTitle} › ${section.heading}` : section.docTitle,
    subtitle: `/docs/${section.slug}`,
    at: null,
    ref: { slug: section.slug, ...(section.anchor ? { anchor: section.anchor } : {}) },
  }),
  ordered: false,
  erasedWithOwner: false,
});
