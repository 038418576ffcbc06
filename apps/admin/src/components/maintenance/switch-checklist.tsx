'use client';

import type {
  TMaintenanceSchedule,
  TMaintenanceSwitch,
  TSwitchStepState,
} from '@bytelyst/routers/modules/maintenance/schema';
import Link from 'next/link';
import { Badge, type Tone } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { formatDateTime } from '~/lib/format';
import styles from './maintenance.module.css';
import { MODE_LABELS } from './maintenance-labels';

const STEP_TONES: Record<TSwitchStepState, Tone> = {
  pending: 'neutral',
  done: 'success',
  skipped: 'neutral',
  failed: 'danger',
};
const STEP_LABELS: Record<TSwitchStepState, string> = {
  pending: 'Pending',
  done: 'Done',
  skipped: 'Skipped',
  failed: 'Failed',
};
const SWITCH_TONES: Record<TMaintenanceSwitch['state'], Tone> = {
  running: 'info',
  done: 'success',
  failed: 'danger',
};

/** The coordinated switch of the latest mode change, step by step, as the API records it. */
export function SwitchChecklistCard({ current }: { current: TMaintenanceSwitch | null }) {
  return (
    <Card
      titleId="maintenance-switch-title"
      title="Switch checklist"
      subtitle={
        current
          ? `${MODE_LABELS[current.from]} → ${MODE_LABELS[current.to]}, ${current.cause === 'schedule' ? 'by the schedule' : 'by hand'}, ${formatDateTime(current.startedAt)}`
          : 'Each mode change is carried out here, step by step.'
      }
      actions={
        current ? (
          <Badge tone={SWITCH_TONES[current.state]} dot>
            {current.state === 'running' ? 'Running' : current.state === 'done' ? 'Done' : 'Failed'}
          </Badge>
        ) : null
      }
    >
      {current ? (
        <ol className={styles.steps}>
          {current.steps.map((step) => (
            <li key={step.key} className={styles.step} aria-label={step.label}>
              <Badge tone={STEP_TONES[step.state]} dot>
                {STEP_LABELS[step.state]}
              </Badge>
              <div className={styles.stepBody}>
                <span className={styles.stepLabel}>{step.label}</span>
                {step.detail ? <span className="cell-secondary">{step.detail}</span> : null}
              </div>
              <span className="cell-secondary nowrap">{step.at ? formatDateTime(step.at) : ''}</span>
            </li>
          ))}
        </ol>
      ) : (
        <p className="muted">No switch yet: the mode has not changed since the product started.</p>
      )}
      {current?.state === 'failed' ? (
        <p className={styles.failedNote}>
          A step failed; the event bus retries it. Once its retries are used up, replay it from{' '}
          <Link href="/ops/events/dead-letters">dead letters</Link>.
        </p>
      ) : null}
    </Card>
  );
}

/** Upcoming and current planned windows. */
export function ScheduleCard({ schedule }: { schedule: TMaintenanceSchedule | undefined }) {
  const windows = schedule?.windows ?? [];
  return (
    <Card
      titleId="maintenance-schedule-title"
      title="Planned windows"
      subtitle="GET /v1/settings/maintenance/schedule"
    >
      {windows.length === 0 ? (
        <p className="muted">Nothing planned.</p>
      ) : (
        <ul className={styles.windows}>
          {windows.map((window) => (
            <li key={`${window.start}-${window.end}`} className={styles.window}>
              <Badge tone={window.state === 'in_progress' ? 'warning' : 'info'} dot>
                {window.state === 'in_progress' ? 'In progress' : 'Scheduled'}
              </Badge>
              <span>
                {MODE_LABELS[window.mode]} from {formatDateTime(window.start, 'now')} until{' '}
                {formatDateTime(window.end, 'switched off')}
              </span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
