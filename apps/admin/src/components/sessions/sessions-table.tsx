import { describeClient, type TSessionView } from '@bytelyst/routers/modules/sessions/schema';
import Link from 'next/link';
import type { ReactNode } from 'react';
import { Badge, type Tone } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDateTime, formatRelative, titleCase } from '~/lib/format';

const PLATFORM_LABELS: Record<string, string> = {
  ios: 'iOS',
  android: 'Android',
  desktop: 'Desktop',
  web: 'Web',
  server: 'Server',
  other: 'Other',
};

const STATUS_TONES: Record<TSessionView['status'], Tone> = {
  active: 'success',
  revoked: 'danger',
  expired: 'neutral',
};

type Props = TableState & {
  sessions: readonly TSessionView[];
  now: number;
  /** 'current': the caller's own list (the session in use is marked); 'status': an admin's view of a user. */
  mark: 'current' | 'status';
  /** The row's sign-out button; a session it returns false for (the current one, an ended one) has none. */
  onRevoke: (session: TSessionView) => void;
  canRevoke: (session: TSessionView) => boolean;
  emptyTitle: string;
  emptyHint?: string;
  children?: ReactNode;
};

const COLUMNS: readonly Column[] = [
  { label: 'Browser / OS' },
  { label: 'Platform' },
  { label: 'IP address' },
  { label: 'Device' },
  { label: 'Signed in' },
  { label: 'Last active' },
  { label: 'Status' },
  { label: 'Actions', className: 'cell-actions' },
];

/** A user's sessions: what each runs on, where from, when it started and was last used. */
export function SessionsTable({
  sessions,
  now,
  mark,
  onRevoke,
  canRevoke,
  emptyTitle,
  emptyHint,
  children,
  ...state
}: Props) {
  return (
    <DataTable
      {...state}
      columns={COLUMNS}
      rows={sessions}
      emptyTitle={emptyTitle}
      emptyHint={emptyHint}
      renderRow={(session) => (
        <tr key={session.id} data-testid={`session-${session.id}`}>
          <td>
            <div className="cell-primary">{describeClient(session)}</div>
            <div className="cell-secondary">
              <span className="truncate" title={session.userAgent}>
                {session.browserVersion
                  ? `${session.browser} ${session.browserVersion}`
                  : session.userAgent || '—'}
              </span>
            </div>
          </td>
          <td>{PLATFORM_LABELS[session.platform] ?? session.platform}</td>
          <td className="mono nowrap">{session.ipAddress || '—'}</td>
          <td>
            {session.deviceId ? (
              <div className="stack-tight">
                <span className="mono truncate" title={session.deviceId}>
                  {session.deviceId}
                </span>
                {session.licenseDevice ? (
                  <Link
                    className="table-link cell-secondary"
                    href={`/licenses/${encodeURIComponent(session.licenseDevice.licenseId)}`}
                  >
                    {session.licenseDevice.deviceName ?? 'License device'}
                  </Link>
                ) : null}
              </div>
            ) : (
              <span className="muted">—</span>
            )}
          </td>
          <td className="cell-muted nowrap">{formatDateTime(session.createdAt)}</td>
          <td className="cell-muted nowrap" title={formatDateTime(session.lastActiveAt)}>
            {formatRelative(session.lastActiveAt, now)}
          </td>
          <td>
            {mark === 'current' ? (
              session.current ? (
                <Badge tone="accent" dot>
                  This session
                </Badge>
              ) : (
                <Badge tone="success">Active</Badge>
              )
            ) : (
              <span title={session.revokeReason ? `Reason: ${titleCase(session.revokeReason)}` : undefined}>
                <Badge tone={STATUS_TONES[session.status]} dot={session.status === 'active'}>
                  {titleCase(session.status)}
                </Badge>
              </span>
            )}
          </td>
          <td className="cell-actions">
            {canRevoke(session) ? (
              <Button
                size="sm"
                aria-label={`Sign out ${describeClient(session)}, signed in ${formatDateTime(session.createdAt)}`}
                onClick={() => onRevoke(session)}
              >
                Sign out
              </Button>
            ) : null}
          </td>
        </tr>
      )}
    >
      {children}
    </DataTable>
  );
}
