'use client';

import type { TWebhookEndpoint, TWebhookHealth } from '@bytelyst/routers/modules/webhooks/schema';
import { useId } from 'react';
import { Badge } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { Icon } from '~/components/kit/icon';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { Switch } from '../flags/switch';
import { invalidateWebhooks } from './endpoint-dialog';
import { SCHEME_LABELS } from './endpoint-form';
import { EventFilterBadges } from './event-filter-badges';
import { CopyBox } from './secret-shown-once';
import { EndpointStateBadge, HealthDot, HealthSparkline, healthSummary } from './webhook-badges';
import styles from './webhooks.module.css';

type Endpoint = TWebhookEndpoint & { health: TWebhookHealth };

/** The endpoint's settings, with the switch that turns sending on and off. */
export function EndpointSettingsCard({ endpoint, now }: { endpoint: Endpoint; now: number }) {
  const switchId = useId();
  const toggle = trpc.webhooks.endpoints.update.useMutation(
    useMutationFeedback({
      success: (e) =>
        e.enabled
          ? 'The endpoint is enabled: matching events are sent to it.'
          : 'The endpoint is disabled: nothing is sent to it.',
      invalidate: invalidateWebhooks,
    }),
  );
  const headerNames = Object.keys(endpoint.headers);
  const overlap =
    endpoint.previousSecretExpiresAt && Date.parse(endpoint.previousSecretExpiresAt) > now
      ? endpoint.previousSecretExpiresAt
      : null;
  return (
    <Card
      titleId="endpoint-settings-title"
      title="Endpoint"
      actions={
        <div className="row row-tight">
          <label htmlFor={switchId} className="cell-secondary">
            {endpoint.enabled ? 'Enabled' : 'Disabled'}
          </label>
          <Switch
            id={switchId}
            checked={endpoint.enabled}
            label={endpoint.enabled ? 'Disable endpoint' : 'Enable endpoint'}
            disabled={toggle.isPending}
            onChange={(enabled) => toggle.mutate({ id: endpoint.id, enabled })}
          />
        </div>
      }
    >
      <dl className="dl dl-narrow">
        <dt>URL</dt>
        <dd className="mono">{endpoint.url}</dd>
        <dt>Description</dt>
        <dd className={endpoint.description ? undefined : 'muted'}>{endpoint.description || 'None'}</dd>
        <dt>Events</dt>
        <dd>
          <EventFilterBadges eventTypes={endpoint.eventTypes} />
        </dd>
        <dt>Custom headers</dt>
        <dd>
          {headerNames.length === 0 ? (
            <span className="muted">None</span>
          ) : (
            <span className="badge-list">
              {headerNames.map((name) => (
                <Badge key={name}>
                  <span className="mono">{name}</span>
                </Badge>
              ))}
            </span>
          )}
        </dd>
        <dt>Rate limit</dt>
        <dd>{endpoint.rateLimit === null ? 'No limit' : `${endpoint.rateLimit} messages per second`}</dd>
        <dt>Signing</dt>
        <dd>{SCHEME_LABELS[endpoint.signatureScheme]}</dd>
        <dt>Secret</dt>
        <dd>
          {overlap ? (
            <span>
              Rotated: the previous secret also signs until{' '}
              <time dateTime={overlap}>{formatDateTime(overlap)}</time>{' '}
              <span className="muted">({formatRelative(overlap, now)})</span>
            </span>
          ) : (
            <span className="muted">One secret, shown only when it was made</span>
          )}
        </dd>
        <dt>Created</dt>
        <dd>{formatDateTime(endpoint.createdAt)}</dd>
      </dl>
      {endpoint.publicKey ? (
        <div className={styles.keySection}>
          <CopyBox value={endpoint.publicKey} label="Public key" testId="endpoint-public-key" />
        </div>
      ) : null}
    </Card>
  );
}

/** Health from the last 50 attempts, the failure count that disables the endpoint at 10, the last error. */
export function EndpointHealthCard({ endpoint }: { endpoint: Endpoint }) {
  const { health } = endpoint;
  return (
    <Card
      titleId="endpoint-health-title"
      title="Delivery health"
      subtitle={healthSummary(health)}
      actions={<EndpointStateBadge endpoint={endpoint} />}
      bodyClassName="stack"
    >
      <HealthSparkline health={health} large />
      <dl className="facts">
        <div>
          <dt>Last 50 attempts</dt>
          <dd>
            <HealthDot health={health} />
          </dd>
        </div>
        <div>
          <dt>Succeeded</dt>
          <dd className="tabular">
            {health.succeeded} of {health.attempts}
          </dd>
        </div>
        <div>
          <dt>Failed messages in a row</dt>
          <dd className="tabular">
            {endpoint.consecutiveFailures} <span className="muted">of 10</span>
          </dd>
        </div>
      </dl>
      {endpoint.lastError ? (
        <div className="alert alert-error">
          <Icon name="alert" size={16} />
          <span className="stack-tight">
            <strong>Last error</strong>
            <code className="wrap-anywhere">{endpoint.lastError}</code>
          </span>
        </div>
      ) : null}
    </Card>
  );
}
