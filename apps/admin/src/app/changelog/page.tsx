import type { Metadata } from 'next';
import styles from '~/components/changelog/changelog.module.css';
import { CATEGORY_LABELS, CATEGORY_TONES, PLATFORM_LABELS } from '~/components/changelog/labels';
import { Badge } from '~/components/kit/badge';
import { formatDate } from '~/lib/format';
import { loadChangelog } from '~/server/changelog-api';
import { loadRoadmap } from '~/server/roadmap-api';
import { publicApiUrl } from '~/server/status-api';

export const metadata: Metadata = { title: { absolute: 'Changelog' } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/**
 * The public changelog (no sign-in; see proxy.ts): server-rendered from the API's client endpoint. Each body
 * is the HTML the API rendered from Markdown and sanitised with its allow-list (no script, no inline
 * handlers, no javascript: URLs), so it is inserted as it is.
 */
export default async function PublicChangelogPage({ searchParams }: Props) {
  const { product: raw } = await searchParams;
  const product = (Array.isArray(raw) ? raw[0] : raw)?.trim() || undefined;
  const [page, roadmap] = await Promise.all([loadChangelog(product), loadRoadmap(product)]);
  // The roadmap's shipped items name the entry that shipped them.
  const shipped = new Map<string, { id: string; title: string }[]>();
  for (const item of roadmap?.columns.shipped ?? []) {
    if (!item.shippedIn) continue;
    shipped.set(item.shippedIn.entryId, [...(shipped.get(item.shippedIn.entryId) ?? []), item]);
  }
  const itemHref = (id: string) =>
    `/roadmap/items/${encodeURIComponent(id)}${product ? `?product=${encodeURIComponent(product)}` : ''}`;
  const feedUrl = publicApiUrl(
    `/v1/changelog/feed.atom${product ? `?product=${encodeURIComponent(product)}` : ''}`,
  );
  return (
    <main className={styles.page}>
      <header className={styles.header}>
        <h1 className="page-title">Changelog</h1>
        <a href={feedUrl} className={styles.meta}>
          Atom feed
        </a>
      </header>
      {!page ? (
        <div className="card" role="alert">
          <p className={styles.meta}>The changelog did not load. Try again in a minute.</p>
        </div>
      ) : page.items.length === 0 ? (
        <p className={styles.meta}>Nothing published yet.</p>
      ) : (
        page.items.map((entry) => (
          <article key={entry.id} className={`card ${styles.entry}`} aria-labelledby={`entry-${entry.id}`}>
            <div className={styles.entryHead}>
              <span className={styles.version}>{entry.version}</span>
              <Badge tone={CATEGORY_TONES[entry.category]}>{CATEGORY_LABELS[entry.category]}</Badge>
              <span className={styles.meta}>
                {entry.platforms.map((p) => PLATFORM_LABELS[p]).join(' · ')}
                {entry.publishedAt ? ` · ${formatDate(entry.publishedAt)}` : ''}
              </span>
            </div>
            <h2 className="card-title" id={`entry-${entry.id}`}>
              {entry.title}
            </h2>
            <div className={styles.body} dangerouslySetInnerHTML={{ __html: entry.html }} />
            {shipped.get(entry.id)?.map((item) => (
              <p key={item.id} className={styles.meta}>
                Shipped: <a href={itemHref(item.id)}>{item.title}</a>
              </p>
            ))}
          </article>
        ))
      )}
    </main>
  );
}
