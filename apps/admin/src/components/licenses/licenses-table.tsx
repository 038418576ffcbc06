'use client';

import type { TLicenseSummary } from '@bytelyst/routers/modules/licenses/schema';
import Link from 'next/link';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, type TableState } from '~/components/kit/data-table';
import { formatDate } from '~/lib/format';
import type { Selection } from '../exports/use-selection';
import { UserRef } from '../users/user-ref';
import { DeviceCount, KeyHint, LicenseStatusBadge } from './license-badges';
import { RevokeLicenseDialog } from './revoke-license-dialog';

const COLUMNS: readonly Column[] = [
  { label: 'Key' },
  { label: 'User' },
  { label: 'Plan' },
  { label: 'Devices' },
  { label: 'Status' },
  { label: 'Expires' },
  { label: 'Created' },
  { label: 'Actions', className: 'cell-actions' },
];

type Props = TableState & {
  licenses: readonly TLicenseSummary[];
  /** Hides the user column (on a user's own page). */
  hideUser?: boolean;
  emptyHint?: string;
  /** With it, each row has a checkbox for bulk operations. */
  selection?: Selection;
};

export function LicensesTable({ licenses, hideUser = false, emptyHint, selection, ...state }: Props) {
  const [revoking, setRevoking] = useState<TLicenseSummary | null>(null);
  const shown = hideUser ? COLUMNS.filter((c) => c.label !== 'User') : COLUMNS;
  const columns = selection ? [{ label: 'Select' }, ...shown] : shown;
  return (
    <DataTable
      {...state}
      columns={columns}
      rows={licenses}
      emptyTitle="No licenses"
      emptyHint={emptyHint ?? 'Generate a key for a customer; it is shown once.'}
      renderRow={(license) => (
        <tr key={license.id}>
          {selection ? (
            <td>
              <input
                type="checkbox"
                aria-label={`Select ${license.keyPrefix}…${license.keySuffix}`}
                checked={selection.has(license.id)}
                onChange={() => selection.toggle(license.id)}
              />
            </td>
          ) : null}
          <td className="cell-primary">
            <Link className="table-link" href={`/licenses/${encodeURIComponent(license.id)}`}>
              <KeyHint keyPrefix={license.keyPrefix} keySuffix={license.keySuffix} />
            </Link>
          </td>
          {hideUser ? null : (
            <td>
              <UserRef userId={license.userId} />
            </td>
          )}
          <td>{license.planCode ?? <span className="muted">Custom</span>}</td>
          <td>
            <DeviceCount active={license.activeDevices} max={license.maxDevices} />
          </td>
          <td>
            <LicenseStatusBadge status={license.status} />
          </td>
          <td className="cell-muted">{license.expiresAt ? formatDate(license.expiresAt) : 'Never'}</td>
          <td className="cell-muted">{formatDate(license.createdAt)}</td>
          <td className="cell-actions">
            {license.status === 'revoked' ? null : (
              <Button
                size="sm"
                aria-label={`Revoke ${license.keyPrefix}`}
                onClick={() => setRevoking(license)}
              >
                Revoke
              </Button>
            )}
          </td>
        </tr>
      )}
    >
      <RevokeLicenseDialog license={revoking} onClose={() => setRevoking(null)} />
    </DataTable>
  );
}
