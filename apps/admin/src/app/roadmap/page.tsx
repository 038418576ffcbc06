import type { Metadata } from 'next';
import Link from 'next/link';
import { Badge } from '~/components/kit/badge';
import { ROADMAP_STATUS_LABELS, withProduct } from '~/components/roadmap/labels';
import styles from '~/components/roadmap/roadmap.module.css';
import { RoadmapColumns } from '~/components/roadmap/roadmap-columns';
import { SessionRenewer } from '~/components/roadmap/session-renewer';
import { SignInPanel } from '~/components/roadmap/sign-in-panel';
import { SuggestForm } from '~/components/roadmap/suggest-form';
import { loadRoadmap, loadViewer } from '~/server/roadmap-api';
import { readRoadmapSession } from '~/server/roadmap-session';

export const metadata: Metadata = { title: { absolute: 'Roadmap' } };
export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const STATE_LABELS = {
  pending: 'Waiting for review',
  approved: 'On the roadmap',
  rejected: 'Not planned',
} as const;
const STATE_TONES = { pending: 'warning', approved: 'success', rejected: 'neutral' } as const;

/**
 * The public roadmap (no sign-in; see proxy.ts): what the team plans, builds and shipped, with votes. Voting,
 * suggesting and commenting take the roadmap's own end-user sign-in, which opens nothing in the console.
 */
export default async function PublicRoadmapPage({ searchParams }: Props) {
  const { product: raw } = await searchParams;
  const product = (Array.isArray(raw) ? raw[0] : raw)?.trim() ?? '';
  const [roadmap, session] = await Promise.all([loadRoadmap(product || undefined), readRoadmapSession()]);
  const itemIds = roadmap ? Object.values(roadmap.columns).flatMap((items) => items.map((i) => i.id)) : [];
  const viewer =
    session.state === 'active' ? await loadViewer(session.accessToken, product || undefined, itemIds) : null;
  return (
    <main className={styles.page}>
      {session.state === 'renew' ? <SessionRenewer /> : null}
      <header className={styles.header}>
        <h1 className="page-title">Roadmap</h1>
        <Link href={withProduct('/changelog', product)} className={styles.meta}>
          Changelog
        </Link>
      </header>
      {!roadmap ? (
        <div className={`card ${styles.panel}`} role="alert">
          <p className={styles.meta}>The roadmap did not load. Try again in a minute.</p>
        </div>
      ) : (
        <RoadmapColumns
          roadmap={roadmap}
          product={product}
          votedIds={viewer?.votedIds ?? []}
          signedIn={!!viewer}
        />
      )}
      <div className={styles.side}>
        <SignInPanel product={product} email={viewer?.email ?? null} />
        <SuggestForm product={product} signedIn={!!viewer} />
      </div>
      {viewer && viewer.submissions.length > 0 ? (
        <section className={`card ${styles.panel}`} aria-labelledby="mine-title">
          <h2 className="card-title" id="mine-title">
            Your suggestions
          </h2>
          <ul className={styles.list}>
            {viewer.submissions.map((s) => (
              <li key={s.id}>
                <strong>{s.title}</strong>{' '}
                <Badge tone={STATE_TONES[s.submissionState]}>{STATE_LABELS[s.submissionState]}</Badge>
                {s.status ? <span className={styles.meta}> · {ROADMAP_STATUS_LABELS[s.status]}</span> : null}
                {s.reason ? <p className={styles.itemText}>Reason: {s.reason}</p> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </main>
  );
}
