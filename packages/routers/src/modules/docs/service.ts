import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../../app-error';
import { type DocSection, type RenderedDoc, renderDoc } from './render';
import { DOC_SLUG_PATTERN, type TDoc, type TDocSummary } from './schema';

type Cached = { mtimeMs: number; size: number; updatedAt: string; doc: RenderedDoc };

/**
 * The repo's Markdown docs, read from one directory (DOCS_DIR): every `<slug>.md` directly in it whose name is
 * a valid slug, plus named files elsewhere (`files`, slug to path: the README, which is the operator's guide).
 * A file is rendered again when its size or modification time changes, so an edited doc shows on the next
 * read; without a directory or files there are no docs.
 */
export const createDocsService = (deps: {
  dir: string | undefined;
  files?: Readonly<Record<string, string>>;
}) => {
  const cache = new Map<string, Cached>();
  const files = new Map(Object.entries(deps.files ?? {}).filter(([slug]) => DOC_SLUG_PATTERN.test(slug)));

  const slugs = async (): Promise<string[]> => [...new Set([...files.keys(), ...(await dirSlugs())])].sort();

  const dirSlugs = async (): Promise<string[]> => {
    if (!deps.dir) return [];
    let names: string[];
    try {
      names = await readdir(deps.dir);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    return names
      .filter((name) => name.endsWith('.md'))
      .map((name) => name.slice(0, -3))
      .filter((slug) => DOC_SLUG_PATTERN.test(slug));
  };

  /** The doc as its file now reads; undefined when there is no such file. */
  const load = async (slug: string): Promise<(Cached & { slug: string }) | undefined> => {
    if (!DOC_SLUG_PATTERN.test(slug)) return undefined;
    const file = files.get(slug) ?? (deps.dir ? path.join(deps.dir, `${slug}.md`) : undefined);
    if (!file) return undefined;
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
    if (!info.isFile()) return undefined;
    const known = cache.get(slug);
    if (known && known.mtimeMs === info.mtimeMs && known.size === info.size) return { ...known, slug };
    const entry = {
      mtimeMs: info.mtimeMs,
      size: info.size,
      updatedAt: info.mtime.toISOString(),
      doc: renderDoc(slug, await readFile(file, 'utf8')),
    };
    cache.set(slug, entry);
    return { ...entry, slug };
  };

  const sourceOf = (slug: string) => {
    const file = files.get(slug);
    return file ? path.basename(file) : `${path.basename(deps.dir ?? 'docs')}/${slug}.md`;
  };

  const summary = (loaded: Cached & { slug: string }): TDocSummary => ({
    slug: loaded.slug,
    source: sourceOf(loaded.slug),
    title: loaded.doc.title,
    headings: loaded.doc.headings,
    updatedAt: loaded.updatedAt,
  });

  const all = async () => {
    const loaded = await Promise.all((await slugs()).map(load));
    return loaded.filter((doc) => doc !== undefined);
  };

  return {
    dir: deps.dir,

    /** Every doc with its headings, by slug. */
    async list(): Promise<{ items: TDocSummary[] }> {
      return { items: (await all()).map(summary) };
    },

    async get(slug: string): Promise<TDoc> {
      const loaded = await load(slug);
      if (!loaded) {
        throw new AppError('NOT_FOUND', `No doc named ${slug}`, {
          fields: [{ path: 'slug', message: 'No doc with this slug' }],
        });
      }
      return { ...summary(loaded), html: loaded.doc.html };
    },

    /** Every doc cut at its headings: what the search index holds. */
    async sections(): Promise<DocSection[]> {
      return (await all()).flatMap((doc) => doc.doc.sections);
    },

    /** One section by its id (`<slug>` or `<slug>#<heading id>`), as the file now reads. */
    async section(id: string): Promise<DocSection | undefined> {
      const slug = id.split('#')[0] ?? '';
      return (await load(slug))?.doc.sections.find((section) => section.id === id);
    },
  };
};

export type DocsService = ReturnType<typeof createDocsService>;
