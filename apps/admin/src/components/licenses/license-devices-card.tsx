'use client';

import type { TLicense, TLicenseDevice } from '@bytelyst/routers/modules/licenses/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { ConfirmDialog } from '~/components/kit/confirm-dialog';
import { type Column, DataTable } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { useNow } from '~/hooks/use-now';
import { errorMessage } from '~/lib/api-errors';
import { formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';

const COLUMNS: readonly Column[] = [
  { label: 'Device' },
  { label: 'Name' },
  { label: 'Platform' },
  { label: 'Activated' },
  { label: 'Last seen' },
  { label: 'Actions', className: 'cell-actions' },
];

/** The devices a license is bound to; an admin can free a slot (e.g. for a lost machine). */
export function LicenseDevicesCard({ license }: { license: TLicense }) {
  const [releasing, setReleasing] = useState<TLicenseDevice | null>(null);
  const now = useNow();
  const release = trpc.licenses.deactivateDevice.useMutation(
    useMutationFeedback({
      success: `Device ${releasing?.deviceName ?? releasing?.deviceId ?? ''} was deactivated.`,
      onDone: () => setReleasing(null),
      invalidate: (u) => [u.licenses.get.invalidate({ id: license.id }), u.licenses.list.invalidate()],
      error: false,
    }),
  );
  return (
    <Card
      titleId="license-devices-title"
      title="Activated devices"
      subtitle={`${license.activeDevices} of ${license.maxDevices} in use`}
      bodyClassName="card-body-flush"
    >
      <DataTable
        isLoading={false}
        error={null}
        onRetry={() => undefined}
        columns={COLUMNS}
        rows={license.devices}
        emptyTitle="Not activated on any device yet"
        emptyHint="Clients activate the key with POST /v1/licenses/activate."
        renderRow={(device) => (
          <tr key={device.deviceId}>
            <td className="cell-primary mono">{device.deviceId}</td>
            <td>{device.deviceName ?? <span className="muted">—</span>}</td>
            <td>{device.platform ?? <span className="muted">—</span>}</td>
            <td className="cell-muted">{formatDateTime(device.activatedAt)}</td>
            <td className="cell-muted">{formatRelative(device.lastSeenAt, now)}</td>
            <td className="cell-actions">
              <Button
                size="sm"
                aria-label={`Deactivate ${device.deviceId}`}
                onClick={() => setReleasing(device)}
              >
                Deactivate
              </Button>
            </td>
          </tr>
        )}
      >
        <ConfirmDialog
          open={releasing !== null}
          title={`Deactivate ${releasing?.deviceName ?? releasing?.deviceId ?? 'device'}?`}
          description="The device stops validating and its slot is freed for another device. The customer can activate it again while the license has a free slot."
          confirmLabel="Deactivate device"
          pending={release.isPending}
          error={release.error ? errorMessage(release.error) : null}
          onConfirm={() => {
            if (releasing) release.mutate({ id: license.id, deviceId: releasing.deviceId });
          }}
          onClose={() => {
            release.reset();
            setReleasing(null);
          }}
        />
      </DataTable>
    </Card>
  );
}
