import { Badge } from '~/components/kit/badge';
import { Card } from '~/components/kit/card';
import { JsonBlock } from '~/components/kit/json-block';
import { DevicesTable } from '~/components/notifications/devices-table';
import { NotificationPrefsTable } from '~/components/notifications/notification-prefs-table';
import { formatDateTime, formatRelative } from '~/lib/format';
import type { UserView } from '~/server/user-view';
import { TrySettingForm } from './try-setting-form';
import { Answer } from './user-view';

const READ_ONLY_TABLE = { isLoading: false, error: null, onRetry: () => undefined };

export function ViewDevicesCard({ devices, now }: { devices: UserView['devices']; now: number }) {
  return (
    <Card
      titleId="view-devices-title"
      title="Devices"
      subtitle="GET /v1/notifications/devices"
      bodyClassName="card-body-flush"
    >
      <Answer answer={devices}>
        {({ items }) => (
          <DevicesTable
            devices={items}
            now={now}
            {...READ_ONLY_TABLE}
            emptyTitle="No devices registered"
            emptyHint="The user's apps register a device after sign-in."
          />
        )}
      </Answer>
    </Card>
  );
}

/** Their settings as their apps read them, and a change they could make, tried with the shadow token. */
export function ViewSettingsCard({ settings, name }: { settings: UserView['settings']; name: string }) {
  return (
    <Card titleId="view-settings-title" title="Settings" subtitle="GET and PATCH /v1/settings/me">
      <div className="stack">
        <Answer answer={settings}>
          {(data) => (
            <div className="stack-tight">
              <span className="cell-secondary">Updated {formatDateTime(data.updatedAt, 'never')}</span>
              <JsonBlock value={data.values} />
            </div>
          )}
        </Answer>
        <p className="muted">
          Try a change {name} could make: the API refuses every change made while viewing as a user.
        </p>
        <TrySettingForm name={name} />
      </div>
    </Card>
  );
}

export function ViewPreferencesCard({ preferences }: { preferences: UserView['preferences'] }) {
  return (
    <Card
      titleId="view-prefs-title"
      title="Notification preferences"
      subtitle="GET /v1/notifications/preferences"
      bodyClassName="card-body-flush"
    >
      <Answer answer={preferences}>{(prefs) => <NotificationPrefsTable prefs={prefs} />}</Answer>
    </Card>
  );
}

type SessionLike = {
  id?: unknown;
  platform?: unknown;
  userAgent?: unknown;
  ipAddress?: unknown;
  lastActiveAt?: unknown;
  impersonatedBy?: unknown;
  current?: unknown;
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * SLOT (sessions): the user's own sessions from `GET /v1/sessions`, which the sessions router serves. Read
 * loosely (a list, or `{ items }`) since it lands separately; until then the API answers 404 and this says so.
 */
export function ViewSessionsCard({ sessions, now }: { sessions: UserView['sessions']; now: number }) {
  return (
    <Card titleId="view-sessions-title" title="Sessions" subtitle="GET /v1/sessions">
      <Answer answer={sessions} empty="This API does not list sessions yet.">
        {(data) => {
          const raw = Array.isArray(data) ? data : (data as { items?: unknown } | null)?.items;
          const items = (Array.isArray(raw) ? raw : []) as SessionLike[];
          if (items.length === 0) return <p className="muted">No sessions.</p>;
          return (
            <div className="stack">
              {items.map((session) => (
                <div key={text(session.id)} className="stack-tight">
                  <span className="row row-wrap">
                    <strong>{text(session.platform) || 'session'}</strong>
                    {session.impersonatedBy ? <Badge tone="warning">Impersonation</Badge> : null}
                    {session.current === true ? <Badge tone="info">Current</Badge> : null}
                  </span>
                  <span className="cell-secondary">
                    {text(session.userAgent)} · {text(session.ipAddress)} · active{' '}
                    {formatRelative(text(session.lastActiveAt), now)}
                  </span>
                </div>
              ))}
            </div>
          );
        }}
      </Answer>
    </Card>
  );
}
