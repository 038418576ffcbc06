import type { Metadata } from 'next';
import styles from '~/components/auth/auth.module.css';
import { SessionReportForm } from '~/components/sessions/session-report-form';

export const metadata: Metadata = { title: 'Not you?' };

/**
 * Where the new sign-in mail's "this wasn't me" link lands (public: no sign-in). Opening it changes nothing, so
 * a mail scanner that fetches links signs nobody out; the button posts the token.
 */
export default async function SessionReportPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className={styles.authPage}>
      <div className={`card ${styles.authCard}`}>
        <div className={styles.authBrand}>
          <span className="brand-mark" aria-hidden="true">
            B
          </span>
          ByteLyst
        </div>
        <SessionReportForm token={(Array.isArray(token) ? token[0] : token) ?? ''} />
      </div>
    </main>
  );
}
