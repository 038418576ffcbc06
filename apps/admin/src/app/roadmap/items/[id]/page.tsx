import type { Metadata } from 'next';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { Badge } from '~/components/kit/badge';
import { CommentForm } from '~/components/roadmap/comment-form';
import { changelogHref, ROADMAP_STATUS_LABELS, withProduct } from '~/components/roadmap/labels';
import styles from '~/components/roadmap/roadmap.module.css';
import { SessionRenewer } from '~/components/roadmap/session-renewer';
import { VoteButton } from '~/components/roadmap/vote-button';
import { formatDate } from '~/lib/format';
import { loadRoadmapItem, loadViewer } from '~/server/roadmap-api';
import { readRoadmapSession } from '~/server/roadmap-session';

export const metadata: Metadata = { title: { absolute: 'Roadmap item' } };
export const dynamic = 'force-dynamic';

type Props = {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

/** One public roadmap item with its public comments; signed-in end users vote and comment here. */
export default async function RoadmapItemPage({ params, searchParams }: Props) {
  const id = decodeURIComponent((await params).id);
  const { product: raw } = await searchParams;
  const product = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  const [item, session] = await Promise.all([
    loadRoadmapItem(product || undefined, id),
    readRoadmapSession(),
  ]);
  if (item === 'not_found') notFound();
  const viewer =
    session.state === 'active' ? await loadViewer(session.accessToken, product || undefined, [id]) : null;
  const back = withProduct('/roadmap', product);
  return (
    <main className={styles.page}>
      {session.state === 'renew' ? <SessionRenewer /> : null}
      <nav className={styles.meta} aria-label="Breadcrumb">
        <Link href={back}>Roadmap</Link>
      </nav>
      {!item ? (
        <div className={`card ${styles.panel}`} role="alert">
          <p className={styles.meta}>This item did not load. Try again in a minute.</p>
        </div>
      ) : (
        <>
          <article className={`card ${styles.item}`} aria-labelledby="item-title">
            <VoteButton
              product={product}
              itemId={item.id}
              title={item.title}
              votes={item.votes}
              voted={viewer?.votedIds.includes(item.id) ?? false}
              signedIn={!!viewer}
            />
            <div className={styles.stack}>
              <h1 className="page-title" id="item-title">
                {item.title}
              </h1>
              <p className={styles.meta}>
                <Badge tone="info">{ROADMAP_STATUS_LABELS[item.status]}</Badge> · suggested{' '}
                {formatDate(item.createdAt)}
                {item.shippedIn ? (
                  <>
                    {' · '}
                    <a href={changelogHref(item.shippedIn.entryId, product)}>
                      Shipped in {item.shippedIn.version}: {item.shippedIn.title}
                    </a>
                  </>
                ) : null}
              </p>
              {item.body ? <p className={styles.comment}>{item.body}</p> : null}
            </div>
          </article>
          <section className={`card ${styles.panel}`} aria-labelledby="comments-title">
            <h2 className="card-title" id="comments-title">
              Comments ({item.comments.length})
            </h2>
            <div className={styles.stack}>
              {item.comments.length === 0 ? <p className={styles.meta}>No comments yet.</p> : null}
              {item.comments.map((c) => (
                <div key={c.id} className={styles.comment}>
                  <span className={styles.meta}>
                    <strong>{c.authorName}</strong> · {formatDate(c.createdAt)}
                  </span>
                  <p className={styles.itemText}>{c.body}</p>
                </div>
              ))}
              {viewer ? (
                <CommentForm product={product} itemId={item.id} />
              ) : (
                <p className={styles.meta}>
                  <Link href={back}>Sign in on the roadmap</Link> to comment.
                </p>
              )}
            </div>
          </section>
        </>
      )}
    </main>
  );
}
