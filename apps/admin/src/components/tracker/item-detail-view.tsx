'use client';

import Link from 'next/link';
import { Card } from '~/components/kit/card';
import { detailState } from '~/components/kit/detail-states';
import { PageHeader } from '~/components/kit/page-header';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { UserRef } from '../users/user-ref';
import { CommentThread } from './comment-thread';
import { ItemTriageCard } from './item-triage-card';
import { ItemKindBadge, ItemStatusBadge, PriorityBadge } from './labels';
import { RoadmapCard } from './roadmap-card';
import styles from './tracker.module.css';

export function ItemDetailView({ id }: { id: string }) {
  const item = trpc.tracker.items.get.useQuery({ id });
  const breadcrumb = (
    <>
      <Link href="/tracker">Tracker</Link>
      <span aria-hidden="true">/</span>
      <span>{item.data?.title ?? id}</span>
    </>
  );
  const state = detailState(item, {
    noun: 'Tracker item',
    breadcrumb,
    notFound: {
      title: 'This item does not exist in the selected product',
      body: (
        <>
          It may have been deleted. <Link href="/tracker">Back to the tracker</Link>
        </>
      ),
    },
  });
  if (state || !item.data) return state;
  const data = item.data;

  return (
    <>
      <PageHeader
        title={data.title}
        description={
          <span className="row">
            <ItemKindBadge kind={data.kind} /> <ItemStatusBadge status={data.status} />{' '}
            <PriorityBadge priority={data.priority} />
            <span className={styles.votes}>
              {data.votes} {data.votes === 1 ? 'vote' : 'votes'}
            </span>
          </span>
        }
        breadcrumb={breadcrumb}
      />
      <div className="grid grid-2">
        <Card titleId="description-title" title="Description">
          {data.body ? <p className={styles.body}>{data.body}</p> : <p className="muted">No description.</p>}
        </Card>
        <div className="stack">
          <ItemTriageCard key={`${data.status}-${data.priority}`} item={data} />
          <RoadmapCard key={`${data.public}-${data.updatedAt}`} item={data} />
          <Card titleId="facts-title" title="Details">
            <dl className="dl">
              <dt>Item ID</dt>
              <dd className="mono">{data.id}</dd>
              <dt>Author</dt>
              <dd>
                <UserRef userId={data.authorId} />
              </dd>
              <dt>Tags</dt>
              <dd>{data.tags.length > 0 ? data.tags.map((t) => `#${t}`).join(' ') : '—'}</dd>
              <dt>Votes</dt>
              <dd>{data.votes}</dd>
              <dt>Created</dt>
              <dd>{formatDateTime(data.createdAt)}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(data.updatedAt)}</dd>
              <dt>Status changed</dt>
              <dd>{formatDateTime(data.statusChangedAt)}</dd>
            </dl>
          </Card>
        </div>
      </div>
      <CommentThread itemId={data.id} count={data.commentCount} />
    </>
  );
}
