'use client';

import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { EmptyState } from '~/components/kit/states';
import { errorMessage } from '~/lib/api-errors';
import { formatDate, formatRelative, titleCase } from '~/lib/format';
import styles from './account.module.css';
import { useAccountMutation, useAccountQuery } from './providers';
import { QueryBody } from './section';

/** The user's license keys (never whole: first group and last four) and the devices each is activated on. */
export function LicensesSection() {
  const licenses = useAccountQuery(['licenses'], (trpc) => trpc.licenses.listMine.query());
  const deactivate = useAccountMutation(
    (trpc, input: { licenseId: string; deviceId: string }) =>
      trpc.licenses.deactivateDeviceMine.mutate(input),
    [['licenses'], ['sessions']],
  );
  return (
    <Card
      titleId="licenses-title"
      title="Licenses"
      subtitle="Deactivate a device you no longer use to free its place for another."
    >
      {deactivate.error ? (
        <p className="alert alert-error" role="alert">
          {errorMessage(deactivate.error)}
        </p>
      ) : null}
      <QueryBody
        query={licenses}
        label="your licenses"
        render={({ items }) =>
          items.length === 0 ? (
            <EmptyState title="No licenses">Licenses you buy or are given show here.</EmptyState>
          ) : (
            <ul className={styles.list}>
              {items.map((license) => {
                const key = `${license.keyPrefix}-…-${license.keySuffix}`;
                return (
                  <li key={license.id} className="stack">
                    <section aria-label={`License ${key}`} className="stack">
                      <div className={styles.row}>
                        <strong className="mono">{key}</strong>
                        <Badge tone={license.status === 'active' ? 'success' : 'neutral'}>
                          {titleCase(license.status)}
                        </Badge>
                        <span className="muted">
                          {license.activeDevices} of {license.maxDevices} devices · expires{' '}
                          {formatDate(license.expiresAt, 'never')}
                        </span>
                      </div>
                      {license.devices.length === 0 ? (
                        <p className="muted">Not activated on any device yet.</p>
                      ) : (
                        <ul className={styles.list} aria-label={`Devices of license ${key}`}>
                          {license.devices.map((device) => (
                            <li key={device.deviceId} className={styles.item}>
                              <span>
                                <strong>{device.deviceName ?? device.deviceId}</strong>{' '}
                                <span className="muted">
                                  {device.platform ?? 'unknown platform'} · activated{' '}
                                  {formatDate(device.activatedAt)} · last seen{' '}
                                  {formatRelative(device.lastSeenAt)}
                                </span>
                              </span>
                              <Button
                                size="sm"
                                loading={
                                  deactivate.isPending && deactivate.variables?.deviceId === device.deviceId
                                }
                                aria-label={`Deactivate ${device.deviceName ?? device.deviceId}`}
                                onClick={() =>
                                  deactivate.mutate({ licenseId: license.id, deviceId: device.deviceId })
                                }
                              >
                                Deactivate
                              </Button>
                            </li>
                          ))}
                        </ul>
                      )}
                    </section>
                  </li>
                );
              })}
            </ul>
          )
        }
      />
    </Card>
  );
}
