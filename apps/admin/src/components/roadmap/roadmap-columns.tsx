import type { TRoadmap } from '@bytelyst/routers/modules/roadmap/schema';
import Link from 'next/link';
import { Badge } from '~/components/kit/badge';
import { changelogHref, ROADMAP_COLUMNS, withProduct } from './labels';
import styles from './roadmap.module.css';
import { VoteButton } from './vote-button';

type Props = { roadmap: TRoadmap; product: string; votedIds: readonly string[]; signedIn: boolean };

/** Planned, in progress, shipped: each item with its vote button, comment count and, once shipped, its release. */
export function RoadmapColumns({ roadmap, product, votedIds, signedIn }: Props) {
  const voted = new Set(votedIds);
  return (
    <div className={styles.columns}>
      {ROADMAP_COLUMNS.map(({ status, label }) => {
        const items = roadmap.columns[status];
        return (
          <section key={status} className={styles.column} aria-labelledby={`column-${status}`}>
            <h2 className={styles.columnTitle} id={`column-${status}`}>
              {label} <Badge tone="neutral">{items.length}</Badge>
            </h2>
            {items.length === 0 ? <p className={styles.meta}>Nothing here yet.</p> : null}
            {items.map((item) => (
              <article key={item.id} className={`card ${styles.item}`} aria-labelledby={`item-${item.id}`}>
                <VoteButton
                  product={product}
                  itemId={item.id}
                  title={item.title}
                  votes={item.votes}
                  voted={voted.has(item.id)}
                  signedIn={signedIn}
                />
                <div>
                  <h3 className={styles.itemTitle} id={`item-${item.id}`}>
                    <Link href={withProduct(`/roadmap/items/${encodeURIComponent(item.id)}`, product)}>
                      {item.title}
                    </Link>
                  </h3>
                  {item.body ? <p className={styles.itemText}>{item.body.slice(0, 160)}</p> : null}
                  <p className={styles.meta}>
                    {item.commentCount} {item.commentCount === 1 ? 'comment' : 'comments'}
                    {item.shippedIn ? (
                      <>
                        {' · '}
                        <a href={changelogHref(item.shippedIn.entryId, product)}>
                          Shipped in {item.shippedIn.version}
                        </a>
                      </>
                    ) : null}
                  </p>
                </div>
              </article>
            ))}
          </section>
        );
      })}
    </div>
  );
}
