'use client';

import type { TFeedback } from '@bytelyst/routers/modules/feedback/schema';
import Link from 'next/link';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatRelative } from '~/lib/format';
import styles from './feedback.module.css';
import { FeedbackActions } from './feedback-actions';
import { FeedbackStatusBadge, FeedbackTypeBadge, PLATFORM_LABELS, ScoreBadge } from './labels';

const COLUMNS: readonly Column[] = [
  { label: 'Feedback' },
  { label: 'Type' },
  { label: 'Platform' },
  { label: 'Status' },
  { label: 'Received' },
  { label: 'Actions' },
];

export function FeedbackTable({ items, ...state }: TableState & { items: readonly TFeedback[] }) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={items}
      emptyTitle="No feedback"
      emptyHint="Nothing matches these filters. Users send feedback from the apps (POST /v1/feedback)."
      renderRow={(item) => (
        <tr key={item.id}>
          <td className="cell-primary">
            <Link
              className={`table-link ${styles.summary}`}
              href={`/feedback/${encodeURIComponent(item.id)}`}
            >
              {item.title ?? item.summary}
            </Link>
            {item.type === 'nps_survey' && item.score !== null ? (
              <div className="cell-secondary">
                <ScoreBadge score={item.score} />
              </div>
            ) : null}
            {item.trackerItemId ? (
              <div className="cell-secondary">
                <Link className="table-link" href={`/tracker/${encodeURIComponent(item.trackerItemId)}`}>
                  Tracker item
                </Link>
              </div>
            ) : null}
          </td>
          <td>
            <FeedbackTypeBadge type={item.type} />
          </td>
          <td>{PLATFORM_LABELS[item.platform]}</td>
          <td>
            <FeedbackStatusBadge status={item.status} />
          </td>
          <td className="cell-muted">{formatRelative(item.createdAt)}</td>
          <td>
            <FeedbackActions feedback={item} />
          </td>
        </tr>
      )}
    />
  );
}
