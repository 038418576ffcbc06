'use client';

import { Card } from '~/components/kit/card';
import { tableStateOf } from '~/components/kit/data-table';
import { ErrorState } from '~/components/kit/states';
import { useNow } from '~/hooks/use-now';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import { DevicesTable } from './devices-table';
import { NotificationPrefsTable } from './notification-prefs-table';

/** For the user detail page: the user's registered devices and their notification preferences. */
export function UserDevicesCard({ userId }: { userId: string }) {
  const now = useNow();
  const devices = trpc.notifications.listByUser.useQuery({ userId });
  const prefs = trpc.notifications.getPreferences.useQuery({ userId });
  const count = devices.data?.items.length;

  return (
    <>
      <Card
        titleId="user-devices-title"
        title="Devices"
        subtitle={
          count === undefined
            ? 'Apps this user signed in to and registered'
            : `${count} registered device${count === 1 ? '' : 's'}, last seen first`
        }
        bodyClassName="card-body-flush"
      >
        <DevicesTable
          devices={devices.data?.items ?? []}
          {...tableStateOf(devices)}
          now={now}
          emptyTitle="No devices registered"
          emptyHint="Apps register a device after sign-in, with its push token, locale and time zone."
        />
      </Card>
      <Card
        titleId="user-prefs-title"
        title="Notification preferences"
        subtitle={
          prefs.data
            ? prefs.data.updatedAt
              ? `Changed by the user ${formatDateTime(prefs.data.updatedAt)}`
              : 'Defaults: the user has not changed anything'
            : 'Per notification type and channel'
        }
        bodyClassName="card-body-flush"
      >
        {prefs.error ? (
          <ErrorState error={prefs.error} onRetry={() => void prefs.refetch()} />
        ) : prefs.data ? (
          <NotificationPrefsTable prefs={prefs.data} />
        ) : (
          <div className="card-body stack" aria-busy="true">
            <span className="skeleton" style={{ width: '60%' }} />
            <span className="skeleton" style={{ width: '45%' }} />
          </div>
        )}
      </Card>
    </>
  );
}
