import { describeClient } from '@bytelyst/routers/modules/sessions/schema';
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

/** The user's own sessions from `GET /v1/sessions`; the shadow session this view reads with is marked. */
export function ViewSessionsCard({ sessions, now }: { sessions: UserView['sessions']; now: number }) {
  return (
    <Card titleId="view-sessions-title" title="Sessions" subtitle="GET /v1/sessions">
      <Answer answer={sessions}>
        {({ items }) =>
          items.length === 0 ? (
            <p className="muted">No sessions.</p>
          ) : (
            <div className="stack">
              {items.map((session) => (
                <div key={session.id} className="stack-tight">
                  <span className="row row-wrap">
                    <strong>{describeClient(session)}</strong>
                    {session.impersonatedBy ? <Badge tone="warning">This admin view</Badge> : null}
                  </span>
                  <span className="cell-secondary">
                    {session.ipAddress} · signed in {formatRelative(session.createdAt, now)} · active{' '}
                    {formatRelative(session.lastActiveAt, now)}
                  </span>
                </div>
              ))}
            </div>
          )
        }
      </Answer>
    </Card>
  );
}
