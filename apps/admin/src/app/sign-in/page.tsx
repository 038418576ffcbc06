import type { Metadata } from 'next';
import styles from '~/components/auth/auth.module.css';
import { SignInForm } from '~/components/auth/sign-in-form';
import { SsoSignIn } from '~/components/auth/sso-sign-in';
import { safeNext } from '~/lib/safe-next';

export const metadata: Metadata = { title: 'Sign in' };

export default async function SignInPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { next } = await searchParams;
  return (
    <main className={styles.authPage}>
      <div className={`card ${styles.authCard}`}>
        <div className={styles.authBrand}>
          <span className="brand-mark" aria-hidden="true">
            B
          </span>
          ByteLyst
        </div>
        <h1 className={styles.authTitle}>Sign in to the console</h1>
        <p className={styles.authSubtitle}>Use your platform administrator account.</p>
        <SsoSignIn next={safeNext(next)} />
        <SignInForm next={safeNext(next)} />
        <p className={styles.authFootnote}>
          Access is limited to admins. Every action is recorded in the audit log.
        </p>
      </div>
    </main>
  );
}
