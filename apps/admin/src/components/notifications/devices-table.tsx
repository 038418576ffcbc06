import type { TDevice } from '@bytelyst/routers/modules/notifications/schema';
import Link from 'next/link';
import { Badge } from '~/components/kit/badge';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatRelative } from '~/lib/format';

const PLATFORM_LABELS: Record<TDevice['platform'], string> = {
  ios: 'iOS',
  android: 'Android',
  macos: 'macOS',
  windows: 'Windows',
  linux: 'Linux',
  web: 'Web',
};

type Props = TableState & {
  devices: readonly TDevice[];
  now: number;
  /** Adds a user column linking to each user (the product-wide list). */
  showUser?: boolean;
  emptyTitle: string;
  emptyHint?: string;
};

export function DevicesTable({ devices, now, showUser = false, emptyTitle, emptyHint, ...state }: Props) {
  const columns: Column[] = [
    { label: 'Device' },
    ...(showUser ? [{ label: 'User' }] : []),
    { label: 'App version' },
    { label: 'Locale' },
    { label: 'Time zone' },
    { label: 'Push' },
    { label: 'Last seen' },
  ];
  return (
    <DataTable
      {...state}
      columns={columns}
      rows={devices}
      emptyTitle={emptyTitle}
      emptyHint={emptyHint}
      renderRow={(device) => (
        <tr key={`${device.userId}:${device.deviceId}`}>
          <td>
            <div className="cell-primary">{PLATFORM_LABELS[device.platform]}</div>
            <div className="cell-secondary mono">
              <span className="truncate" title={device.deviceId}>
                {device.deviceId}
              </span>
            </div>
          </td>
          {showUser ? (
            <td className="mono">
              <Link className="table-link" href={`/users/${encodeURIComponent(device.userId)}`}>
                {device.userId}
              </Link>
            </td>
          ) : null}
          <td className="nowrap">v{device.appVersion}</td>
          <td>{device.locale}</td>
          <td className="nowrap">{device.timeZone}</td>
          <td>
            {device.hasPushToken ? (
              <Badge tone="success" dot>
                <span title={`Token ending …${device.pushTokenSuffix ?? ''}`}>Registered</span>
              </Badge>
            ) : (
              <Badge>None</Badge>
            )}
          </td>
          <td className="cell-muted nowrap" title={formatDateTime(device.lastSeenAt)}>
            {formatRelative(device.lastSeenAt, now)}
          </td>
        </tr>
      )}
    />
  );
}
