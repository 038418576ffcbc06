import type {
  TWebhookAttempt,
  TWebhookEndpoint,
  TWebhookHealth,
  TWebhookMessageStatus,
} from '@bytelyst/routers/modules/webhooks/schema';
import { WEBHOOK_MESSAGE_STATUSES } from '@bytelyst/routers/modules/webhooks/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import styles from './webhooks.module.css';

const DISABLED_REASONS: Record<NonNullable<TWebhookEndpoint['disabledReason']>, string> = {
  admin: 'by an admin',
  consecutive_failures: 'after 10 failed messages in a row',
  gone: 'the receiver answered 410 Gone',
};

export const disabledReasonOf = (endpoint: Pick<TWebhookEndpoint, 'disabledReason'>) =>
  endpoint.disabledReason ? DISABLED_REASONS[endpoint.disabledReason] : 'by an admin';

/** Healthy, failing (a message used up its retries) or disabled, with why. */
export function EndpointStateBadge({
  endpoint,
}: {
  endpoint: Pick<TWebhookEndpoint, 'state' | 'disabledReason'>;
}) {
  if (endpoint.state === 'disabled') {
    return (
      <span className="stack-tight">
        <Badge tone="danger" dot>
          Disabled
        </Badge>
        <span className="cell-secondary">{disabledReasonOf(endpoint)}</span>
      </span>
    );
  }
  return endpoint.state === 'failing' ? (
    <Badge tone="warning" dot>
      Failing
    </Badge>
  ) : (
    <Badge tone="success" dot>
      Healthy
    </Badge>
  );
}

const STATUS_TONE: Record<TWebhookMessageStatus, Tone> = {
  pending: 'info',
  retrying: 'warning',
  succeeded: 'success',
  failed: 'danger',
};

export const STATUS_LABELS: Record<TWebhookMessageStatus, string> = {
  pending: 'Pending',
  retrying: 'Retrying',
  succeeded: 'Succeeded',
  failed: 'Failed',
};

export const STATUS_OPTIONS = WEBHOOK_MESSAGE_STATUSES.map((value) => ({
  value,
  label: STATUS_LABELS[value],
}));

export function MessageStatusBadge({ status }: { status: TWebhookMessageStatus }) {
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

/** Still moving: the pages poll while a message is in one of these. */
export const isOpenMessage = (status: TWebhookMessageStatus) => status === 'pending' || status === 'retrying';

export const TRIGGER_LABELS: Record<TWebhookAttempt['trigger'], string> = {
  scheduled: 'First attempt',
  retry: 'Retry',
  resend: 'Resend',
  recover: 'Recovery',
  test: 'Test',
};

/** "200", "500", or what happened when no answer came. */
export function ResponseCode({ code }: { code: number | null }) {
  if (code === null) return <span className="cell-muted">No answer</span>;
  const tone: Tone = code >= 200 && code < 300 ? 'success' : code >= 300 && code < 400 ? 'warning' : 'danger';
  return (
    <Badge tone={tone}>
      <span className="tabular">{code}</span>
    </Badge>
  );
}

const LEVEL_LABELS: Record<TWebhookHealth['level'], string> = {
  green: 'Good',
  yellow: 'Degraded',
  red: 'Poor',
  none: 'No attempts yet',
};

/** "96% of 50" (succeeded of the recent attempts), or that there were none. */
const shareOf = (health: TWebhookHealth) =>
  health.attempts === 0
    ? LEVEL_LABELS.none
    : `${Math.round((health.succeeded / health.attempts) * 100)}% of ${health.attempts}`;

/** What the sparkline says, for screen readers and the tooltip. */
export const healthSummary = (health: TWebhookHealth) =>
  health.attempts === 0
    ? 'No attempts yet'
    : `${health.succeeded} of ${health.attempts} recent attempts succeeded`;

/** Slots the sparkline always draws, so endpoints line up in the table whatever their history. */
const SLOTS = 50;
const BAR = 2;
const GAP = 1;
const HEIGHT = 20;

/** The last 50 attempts, oldest at the left: a full bar for a failure, a shorter one for a success. */
export function HealthSparkline({ health, large = false }: { health: TWebhookHealth; large?: boolean }) {
  const recent = health.recent.slice(-SLOTS);
  const offset = SLOTS - recent.length;
  const label = healthSummary(health);
  return (
    <svg
      className={large ? `${styles.sparkline} ${styles.sparklineLarge}` : styles.sparkline}
      viewBox={`0 0 ${SLOTS * (BAR + GAP) - GAP} ${HEIGHT}`}
      preserveAspectRatio="none"
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      {Array.from({ length: offset }, (_, index) => (
        <rect
          key={`empty-${index}`}
          className={styles.sparkEmpty}
          x={index * (BAR + GAP)}
          y={HEIGHT - 2}
          width={BAR}
          height={2}
        />
      ))}
      {recent.map((ok, index) => {
        const height = ok ? 12 : HEIGHT;
        return (
          <rect
            key={`attempt-${index}`}
            className={ok ? styles.sparkOk : styles.sparkFail}
            x={(offset + index) * (BAR + GAP)}
            y={HEIGHT - height}
            width={BAR}
            height={height}
          />
        );
      })}
    </svg>
  );
}

/** A coloured dot for the health level (green 95 % or more succeeded, yellow 50 % or more, red less). */
export function HealthDot({ health, share = false }: { health: TWebhookHealth; share?: boolean }) {
  return (
    <span className={styles.healthLevel} title={`${LEVEL_LABELS[health.level]}: ${healthSummary(health)}`}>
      <span className={styles.healthDot} data-level={health.level} aria-hidden="true" />
      {share ? shareOf(health) : LEVEL_LABELS[health.level]}
    </span>
  );
}

/** Sparkline, then the dot and the share that succeeded, for the endpoints table. */
export function HealthIndicator({ health }: { health: TWebhookHealth }) {
  return (
    <div className={styles.health}>
      <HealthSparkline health={health} />
      <HealthDot health={health} share />
    </div>
  );
}
