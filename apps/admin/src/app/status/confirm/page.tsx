import type { Metadata } from 'next';
import styles from '~/components/status-page/status-page.module.css';
import { TokenAction } from '~/components/status-page/token-action';

export const metadata: Metadata = { title: 'Confirm status subscription' };

/** Where the status mails' confirm link lands (public: no sign-in); the button posts the token. */
export default async function StatusConfirmPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { token } = await searchParams;
  return (
    <main className={styles.tokenPage}>
      <div className={`card ${styles.tokenCard}`}>
        <TokenAction kind="confirm" token={(Array.isArray(token) ? token[0] : token) ?? ''} />
      </div>
    </main>
  );
}
