'use client';

import type { TExperimentResults } from '@bytelyst/routers/modules/experiments/results-schema';
import type { TExperiment } from '@bytelyst/routers/modules/experiments/schema';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { Icon } from '~/components/kit/icon';
import { type TrpcUtils, useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { errorMessage } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';
import { ConcludeDialog } from './conclude-dialog';
import { TrafficDialog } from './traffic-dialog';

const refresh = (u: TrpcUtils) => [u.experiments.invalidate()];

/** Start (or resume), pause, conclude and delete, as the experiment's status allows them. */
export function ExperimentActions({
  experiment,
  results,
}: {
  experiment: TExperiment;
  results: TExperimentResults | null;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<'conclude' | 'delete' | 'traffic' | null>(null);
  const { status, key } = experiment;
  const start = trpc.experiments.start.useMutation(
    useMutationFeedback({
      success: status === 'paused' ? `${key} is running again.` : `${key} is running: clients are assigned.`,
      invalidate: refresh,
    }),
  );
  const pause = trpc.experiments.pause.useMutation(
    useMutationFeedback({
      success: `${key} is paused: no new units are assigned.`,
      invalidate: refresh,
    }),
  );
  const remove = trpc.experiments.delete.useMutation(
    useMutationFeedback({
      success: `Experiment ${key} was deleted.`,
      onDone: () => router.push('/experiments'),
      invalidate: (u) => [u.experiments.list.invalidate()],
      error: false,
    }),
  );
  const id = { id: experiment.id };
  return (
    <>
      {status === 'draft' || status === 'paused' ? (
        <Button variant="primary" loading={start.isPending} onClick={() => start.mutate(id)}>
          <Icon name="play" size={14} />
          {status === 'paused' ? 'Resume' : 'Start'}
        </Button>
      ) : null}
      {status === 'running' ? (
        <Button loading={pause.isPending} onClick={() => pause.mutate(id)}>
          <Icon name="pause" size={14} />
          Pause
        </Button>
      ) : null}
      {status === 'running' || status === 'paused' ? (
        <Button variant={status === 'paused' ? 'default' : 'primary'} onClick={() => setOpen('conclude')}>
          <Icon name="check" size={14} />
          Conclude
        </Button>
      ) : null}
      {status !== 'concluded' ? <Button onClick={() => setOpen('traffic')}>Traffic</Button> : null}
      {status !== 'running' ? (
        <Button variant="ghost" onClick={() => setOpen('delete')}>
          Delete
        </Button>
      ) : null}
      <ConcludeDialog
        experiment={experiment}
        results={results}
        open={open === 'conclude'}
        onClose={() => setOpen(null)}
      />
      {/* Mounted on opening, so its fields start from the experiment as it is now. */}
      {open === 'traffic' ? (
        <TrafficDialog experiment={experiment} open onClose={() => setOpen(null)} />
      ) : null}
      <ConfirmDialog
        open={open === 'delete'}
        title={`Delete ${key}?`}
        description="The experiment goes with its exposures and results history. Its flag, if any, stays as it is."
        confirmLabel="Delete experiment"
        pending={remove.isPending}
        error={remove.error ? errorMessage(remove.error) : null}
        onConfirm={() => remove.mutate(id)}
        onClose={() => {
          remove.reset();
          setOpen(null);
        }}
      />
    </>
  );
}
