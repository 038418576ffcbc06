'use client';

import {
  CHANNELS,
  NOTIFICATION_TYPES,
  type TChannel,
  type TNotificationType,
} from '@bytelyst/routers/modules/notifications/schema';
import { Card } from '~/components/kit/card';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime } from '~/lib/format';
import { useAccountMutation, useAccountQuery } from './providers';
import { QueryBody } from './section';

const TYPE_LABELS: Record<TNotificationType, string> = {
  security: 'Security',
  billing: 'Billing',
  product_updates: 'Product updates',
  marketing: 'News and offers',
};
const CHANNEL_LABELS: Record<TChannel, string> = { email: 'Email', push: 'Push', in_app: 'In the app' };

/** Which messages reach the user where; security mail always does (the platform refuses to turn it off). */
export function NotificationsSection() {
  const prefs = useAccountQuery(['notifications'], (trpc) => trpc.notifications.getPreferencesMine.query());
  const update = useAccountMutation(
    (trpc, change: { type: TNotificationType; channel: TChannel; on: boolean }) =>
      trpc.notifications.updatePreferencesMine.mutate({
        preferences: { [change.type]: { [change.channel]: change.on } },
      }),
    [['notifications']],
  );
  return (
    <Card
      titleId="notifications-title"
      title="Notification preferences"
      subtitle={
        prefs.data?.updatedAt ? `Last changed ${formatDateTime(prefs.data.updatedAt)}` : 'Defaults apply'
      }
    >
      {update.error ? (
        <div className="alert alert-error" role="alert">
          {errorMessage(update.error)}
        </div>
      ) : null}
      <QueryBody
        query={prefs}
        label="your preferences"
        render={({ preferences }) => (
          <table className="table">
            <caption className="visually-hidden">Notification preferences by type and channel</caption>
            <thead>
              <tr>
                <th scope="col">Type</th>
                {CHANNELS.map((channel) => (
                  <th key={channel} scope="col">
                    {CHANNEL_LABELS[channel]}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {NOTIFICATION_TYPES.map((type) => (
                <tr key={type}>
                  <th scope="row">{TYPE_LABELS[type]}</th>
                  {CHANNELS.map((channel) => {
                    const locked = type === 'security' && channel === 'email';
                    return (
                      <td key={channel}>
                        <input
                          type="checkbox"
                          aria-label={`${TYPE_LABELS[type]} by ${CHANNEL_LABELS[channel]}`}
                          title={locked ? 'Security mail cannot be turned off' : undefined}
                          checked={preferences[type][channel]}
                          disabled={locked || update.isPending}
                          onChange={(event) => update.mutate({ type, channel, on: event.target.checked })}
                        />
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      />
    </Card>
  );
}
