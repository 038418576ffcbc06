import type { TClusterStatus, TTelemetryLevel } from '@bytelyst/routers/modules/telemetry/schema';
import { Badge, type Tone } from '~/components/kit/badge';

const LEVEL_TONES: Record<TTelemetryLevel, Tone> = {
  debug: 'neutral',
  info: 'info',
  warn: 'warning',
  error: 'danger',
  fatal: 'danger',
};

export function LevelBadge({ level }: { level: TTelemetryLevel }) {
  return (
    <Badge tone={LEVEL_TONES[level]} dot={level === 'fatal'}>
      {level === 'fatal' ? 'FATAL' : level}
    </Badge>
  );
}

const STATUS: Record<TClusterStatus, { tone: Tone; label: string }> = {
  open: { tone: 'danger', label: 'Open' },
  resolved: { tone: 'success', label: 'Resolved' },
  ignored: { tone: 'neutral', label: 'Ignored' },
};

export function ClusterStatusBadge({ status, regression }: { status: TClusterStatus; regression?: boolean }) {
  return (
    <span className="row row-tight">
      <Badge tone={STATUS[status].tone} dot>
        {STATUS[status].label}
      </Badge>
      {regression ? <Badge tone="warning">Regression</Badge> : null}
    </span>
  );
}
