import type { ReactNode } from 'react';
import styles from './auth.module.css';

/** The card of the pages a visitor sees without a session: sign-in, password recovery, email verification. */
export function AuthCard({
  title,
  subtitle,
  footnote,
  children,
}: {
  title: string;
  subtitle?: ReactNode;
  footnote?: ReactNode;
  children: ReactNode;
}) {
  return (
    <main className={styles.authPage}>
      <div className={`card ${styles.authCard}`}>
        <div className={styles.authBrand}>
          <span className="brand-mark" aria-hidden="true">
            B
          </span>
          ByteLyst
        </div>
        <h1 className={styles.authTitle}>{title}</h1>
        {subtitle ? <p className={styles.authSubtitle}>{subtitle}</p> : null}
        {children}
        {footnote ? <p className={styles.authFootnote}>{footnote}</p> : null}
      </div>
    </main>
  );
}
