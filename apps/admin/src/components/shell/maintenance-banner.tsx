'use client';

import styles from '~/components/maintenance/maintenance.module.css';
import { MaintenanceNotice } from '~/components/maintenance/maintenance-notice';
import { trpc } from '~/lib/trpc';

/**
 * The product's maintenance message on every console page while its mode is not off (with the admins' note:
 * the API gives it to admins only). Polled, so a scheduled window shows without a reload.
 */
export function MaintenanceBanner() {
  const { data } = trpc.maintenance.get.useQuery(undefined, { refetchInterval: 30_000 });
  if (!data || data.mode === 'off') return null;
  return (
    <div className={styles.strip}>
      <MaintenanceNotice
        mode={data.mode}
        message={data.message}
        adminMessage={data.adminMessage}
        scheduledEnd={data.scheduledEnd}
        manageHref="/ops/maintenance"
      />
    </div>
  );
}
