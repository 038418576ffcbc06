import Link from 'next/link';
import styles from '~/components/auth/auth.module.css';

export default function NotFound() {
  return (
    <div className={styles.authPage}>
      <div className={`card ${styles.authCard}`} style={{ textAlign: 'center' }}>
        <h1 className={styles.authTitle}>Page not found</h1>
        <p className={styles.authSubtitle}>This page does not exist or was moved.</p>
        <Link className="btn btn-primary" href="/">
          Back to the overview
        </Link>
      </div>
    </div>
  );
}
