import type { TJobRunStatus, TJobTrigger } from '@bytelyst/routers/modules/jobs/schema';
import { Badge, type Tone } from '~/components/kit/badge';

const RUN_STATUS: Record<TJobRunStatus, { label: string; tone: Tone }> = {
  running: { label: 'Running', tone: 'info' },
  succeeded: { label: 'Succeeded', tone: 'success' },
  failed: { label: 'Failed', tone: 'danger' },
  timed_out: { label: 'Timed out', tone: 'danger' },
  skipped: { label: 'Skipped', tone: 'neutral' },
};

export const RUN_STATUS_OPTIONS = (Object.keys(RUN_STATUS) as TJobRunStatus[]).map((value) => ({
  value,
  label: RUN_STATUS[value].label,
}));

export function JobRunStatusBadge({ status }: { status: TJobRunStatus }) {
  const { label, tone } = RUN_STATUS[status];
  return (
    <Badge tone={tone} dot>
      {label}
    </Badge>
  );
}

const TRIGGERS: Record<TJobTrigger, { label: string; tone: Tone }> = {
  schedule: { label: 'Schedule', tone: 'neutral' },
  manual: { label: 'Manual', tone: 'accent' },
  catch_up: { label: 'Catch-up', tone: 'warning' },
};

export const TRIGGER_OPTIONS = (Object.keys(TRIGGERS) as TJobTrigger[]).map((value) => ({
  value,
  label: TRIGGERS[value].label,
}));

export function TriggerBadge({ trigger }: { trigger: TJobTrigger }) {
  const { label, tone } = TRIGGERS[trigger];
  return <Badge tone={tone}>{label}</Badge>;
}

export function JobStateBadges({
  enabled,
  running,
  held = false,
}: {
  enabled: boolean;
  running: boolean;
  /** Held by a product's maintenance: it catches up by its missed-run policy once that ends. */
  held?: boolean;
}) {
  return (
    <span className="badge-list">
      {held ? (
        <Badge tone="warning" dot>
          Held for maintenance
        </Badge>
      ) : null}
      {enabled ? (
        <Badge tone="success" dot>
          Enabled
        </Badge>
      ) : (
        <Badge tone="warning" dot>
          Paused
        </Badge>
      )}
      {running ? (
        <Badge tone="info">
          <span className="spinner spinner-xs" aria-hidden="true" />
          Running
        </Badge>
      ) : null}
    </span>
  );
}
