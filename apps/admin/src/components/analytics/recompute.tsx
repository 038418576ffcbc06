'use client';

import type { TRecompute } from '@bytelyst/routers/modules/analytics/schema';
import { useEffect, useRef } from 'react';
import { Button } from '~/components/kit/button';
import { ProgressBar } from '~/components/kit/progress-bar';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './analytics.module.css';
import { recomputeRange } from './analytics-params';

/** How often a queued or running recompute is read again. */
const PROGRESS_REFRESH_MS = 700;

const inFlight = (r: TRecompute | null | undefined) => r?.status === 'queued' || r?.status === 'running';

/**
 * The product's latest recompute, read again while it is queued or running; when one this page started or saw
 * running ends, every analytics view is read again so the charts show the rebuilt rollups.
 */
export function useRecompute(range: { from: string; to: string }) {
  const utils = trpc.useUtils();
  const state = trpc.analytics.getRecompute.useQuery(undefined, {
    refetchInterval: (query) => (inFlight(query.state.data?.recompute) ? PROGRESS_REFRESH_MS : false),
  });
  const recompute = state.data?.recompute ?? null;
  // Set while a recompute this page saw queued or running (or started) has not been seen ended: a short one can
  // be over before the first read after starting it, so the start arms it too.
  const watching = useRef<string | null>(null);
  useEffect(() => {
    if (!recompute) return;
    if (inFlight(recompute)) {
      watching.current = recompute.requestedAt;
      return;
    }
    if (watching.current !== null && recompute.requestedAt >= watching.current) {
      watching.current = null;
      void utils.analytics.invalidate();
    }
  }, [recompute, utils]);
  const start = trpc.analytics.triggerRecompute.useMutation(
    useMutationFeedback({
      success: (r) => `Recomputing ${r.from} to ${r.to}.`,
      onDone: (r) => {
        watching.current = r.requestedAt;
      },
      invalidate: (u) => [u.analytics.getRecompute.invalidate()],
    }),
  );
  return {
    recompute,
    running: inFlight(recompute) || start.isPending,
    start: () => start.mutate(recomputeRange(range, Date.now())),
  };
}

export function RecomputeButton({ running, onStart }: { running: boolean; onStart: () => void }) {
  return (
    <Button variant="primary" size="sm" loading={running} onClick={onStart}>
      {running ? 'Recomputing…' : 'Recompute'}
    </Button>
  );
}

/** The latest recompute: a progress bar while it runs, then how it ended. */
export function RecomputeProgress({ recompute }: { recompute: TRecompute | null }) {
  if (!recompute) return null;
  const { progress, status } = recompute;
  const tone = status === 'failed' ? 'danger' : status === 'succeeded' ? 'success' : undefined;
  const text =
    status === 'succeeded'
      ? `Recompute of ${recompute.from} to ${recompute.to} finished ${formatDateTime(recompute.finishedAt)}`
      : status === 'failed'
        ? `Recompute of ${recompute.from} to ${recompute.to} failed: ${recompute.error ?? 'unknown error'}`
        : status === 'queued'
          ? `Recompute of ${recompute.from} to ${recompute.to} queued`
          : `Rebuilding ${progress.phase}: ${progress.done} of ${progress.total} steps`;
  return (
    <div className={styles.progressRow}>
      <ProgressBar
        label="Recompute progress"
        value={progress.done}
        max={progress.total}
        tone={tone}
        thick
        className={styles.bar}
      />
      <span role="status" className={status === 'failed' ? 'error-text' : undefined}>
        {text}
      </span>
    </div>
  );
}
