import type { TMaintenanceMode } from '@bytelyst/routers/modules/maintenance/schema';
import Link from 'next/link';
import { Icon } from '~/components/kit/icon';
import { formatDateTime } from '~/lib/format';
import styles from './maintenance.module.css';
import { MODE_LABELS } from './maintenance-labels';

type Props = {
  mode: TMaintenanceMode;
  message: string;
  /** Shown to admins only, under the message. */
  adminMessage?: string | undefined;
  scheduledEnd?: string | undefined;
  /** A link to the maintenance page, on the console's banner. */
  manageHref?: string;
  /** The region's accessible name. */
  label?: string;
};

/** The maintenance banner: what users are told, and the admins' note under it. */
export function MaintenanceNotice({
  mode,
  message,
  adminMessage,
  scheduledEnd,
  manageHref,
  label = 'Maintenance notice',
}: Props) {
  const tone = mode === 'read_only' ? styles.warning : styles.danger;
  return (
    <section className={`${styles.notice} ${tone}`} aria-label={label}>
      <Icon name="alert" size={16} />
      <div className={styles.noticeBody}>
        <p className={styles.noticeLine}>
          <strong>{MODE_LABELS[mode]}</strong>
          <span>{message || 'No message yet.'}</span>
          {scheduledEnd ? <span className={styles.until}>Until {formatDateTime(scheduledEnd)}</span> : null}
        </p>
        {adminMessage ? (
          <p className={styles.noticeLine}>
            <span className={styles.adminTag}>Admins</span>
            <span>{adminMessage}</span>
          </p>
        ) : null}
      </div>
      {manageHref ? (
        <Link href={manageHref} className={styles.noticeLink}>
          Manage
        </Link>
      ) : null}
    </section>
  );
}
