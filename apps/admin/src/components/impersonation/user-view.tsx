import { Fragment, type ReactNode } from 'react';
import { formatPrice } from '~/components/billing/billing-format';
import { SubscriptionStatusBadge } from '~/components/billing/subscription-status-badge';
import { Card } from '~/components/kit/card';
import { RoleBadges, UserStatusBadge } from '~/components/kit/status-badges';
import { DeviceCount, KeyHint, LicenseStatusBadge } from '~/components/licenses/license-badges';
import { UsageMeter } from '~/components/usage/usage-meter';
import { formatDate, formatDateTime, formatRelative } from '~/lib/format';
import type { AsUser } from '~/server/impersonation';
import type { UserView } from '~/server/user-view';

/**
 * The body of a card from one of the user's reads: the data, or what the API answered instead (a 404 is
 * the card's own empty message), so the view shows the user's account exactly as the API gives it to them.
 */
export function Answer<T>({
  answer,
  empty,
  children,
}: {
  answer: AsUser<T>;
  empty?: ReactNode;
  children: (data: T) => ReactNode;
}) {
  if (answer.data !== undefined) return children(answer.data);
  if (answer.status === 404 && empty) return <p className="muted">{empty}</p>;
  return (
    <p className="field-error" role="alert">
      The API answered {answer.status}: {answer.message}
    </p>
  );
}

export function ViewProfileCard({ me }: { me: UserView['me'] }) {
  return (
    <Card titleId="view-profile-title" title="Profile" subtitle="GET /v1/auth/me">
      <Answer answer={me}>
        {(user) => (
          <dl className="dl">
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>Email</dt>
            <dd>
              {user.email}{' '}
              <span className="muted">{user.emailVerified ? '· verified' : '· not verified'}</span>
            </dd>
            <dt>Status</dt>
            <dd>
              <UserStatusBadge status={user.status} />
            </dd>
            <dt>Roles</dt>
            <dd>
              <RoleBadges roles={user.roles} />
            </dd>
            <dt>Last sign-in</dt>
            <dd>{formatRelative(user.lastLoginAt)}</dd>
            <dt>Member since</dt>
            <dd>{formatDate(user.createdAt)}</dd>
          </dl>
        )}
      </Answer>
    </Card>
  );
}

export function ViewSubscriptionCard({ subscription }: { subscription: UserView['subscription'] }) {
  return (
    <Card titleId="view-subscription-title" title="Subscription" subtitle="GET /v1/subscriptions/me">
      <Answer answer={subscription} empty="No subscription.">
        {({ subscription: sub, plan }) => (
          <dl className="dl dl-narrow">
            <dt>Plan</dt>
            <dd>
              {plan?.name ?? sub.planCode}{' '}
              {plan ? (
                <span className="muted">· {formatPrice(plan.priceCents, plan.currency, plan.interval)}</span>
              ) : null}
            </dd>
            <dt>Status</dt>
            <dd>
              <SubscriptionStatusBadge status={sub.status} />
            </dd>
            <dt>Period</dt>
            <dd>
              {formatDate(sub.currentPeriodStart)} – {formatDate(sub.currentPeriodEnd)}
            </dd>
            <dt>Trial ends</dt>
            <dd>{sub.trialEnd ? formatDateTime(sub.trialEnd) : <span className="muted">No trial</span>}</dd>
          </dl>
        )}
      </Answer>
    </Card>
  );
}

export function ViewUsageCard({ usage, now }: { usage: UserView['usage']; now: number }) {
  return (
    <Card titleId="view-usage-title" title="Usage" subtitle="GET /v1/usage/me">
      <Answer answer={usage}>
        {(summary) =>
          summary.metrics.length === 0 ? (
            <p className="muted">No usage this period, and the plan sets no quotas.</p>
          ) : (
            <dl className="dl">
              {summary.metrics.map((metric) => (
                <Fragment key={metric.metric}>
                  <dt className="mono">{metric.metric}</dt>
                  <dd className="row row-wrap">
                    <UsageMeter usage={metric} />
                    <span className="muted">resets {formatRelative(metric.resetsAt, now)}</span>
                  </dd>
                </Fragment>
              ))}
            </dl>
          )
        }
      </Answer>
    </Card>
  );
}

export function ViewLicensesCard({ licenses, now }: { licenses: UserView['licenses']; now: number }) {
  return (
    <Card titleId="view-licenses-title" title="Licenses" subtitle="GET /v1/licenses/mine">
      <Answer answer={licenses}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">No license keys.</p>
          ) : (
            <div className="stack">
              {items.map((license) => (
                <div key={license.id} className="stack-tight">
                  <span className="row row-wrap">
                    <KeyHint keyPrefix={license.keyPrefix} keySuffix={license.keySuffix} />
                    <LicenseStatusBadge status={license.status} />
                    <DeviceCount active={license.activeDevices} max={license.maxDevices} />
                  </span>
                  {license.devices.map((device) => (
                    <span key={device.deviceId} className="cell-secondary">
                      {device.deviceName ?? device.deviceId} · {device.platform ?? 'unknown platform'} · seen{' '}
                      {formatRelative(device.lastSeenAt, now)}
                    </span>
                  ))}
                </div>
              ))}
            </div>
          )
        }
      </Answer>
    </Card>
  );
}
