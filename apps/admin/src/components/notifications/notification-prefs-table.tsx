import type { TPreferences } from '@bytelyst/routers/modules/notifications/schema';
import { Badge } from '~/components/kit/badge';
import styles from '../telemetry/telemetry.module.css';

const TYPES: readonly { id: keyof TPreferences['preferences']; label: string }[] = [
  { id: 'security', label: 'Security' },
  { id: 'billing', label: 'Billing' },
  { id: 'product_updates', label: 'Product updates' },
  { id: 'marketing', label: 'Marketing' },
];
const CHANNELS = [
  { id: 'email', label: 'Email' },
  { id: 'push', label: 'Push' },
  { id: 'in_app', label: 'In-app' },
] as const;

/** A user's preferences as a type × channel grid (read-only: users change their own in the apps). */
export function NotificationPrefsTable({ prefs }: { prefs: TPreferences }) {
  return (
    <div className="table-wrap">
      <table className={`table ${styles.prefs}`}>
        <caption className="visually-hidden">Notification preferences by type and channel</caption>
        <thead>
          <tr>
            <th scope="col">Notification type</th>
            {CHANNELS.map((c) => (
              <th key={c.id} scope="col">
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {TYPES.map((type) => (
            <tr key={type.id}>
              <th scope="row" className="cell-primary">
                {type.label}
              </th>
              {CHANNELS.map((c) => {
                const on = prefs.preferences[type.id][c.id];
                return (
                  <td key={c.id}>
                    <Badge tone={on ? 'success' : 'neutral'}>{on ? 'On' : 'Off'}</Badge>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
