import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '~/components/auth/auth-card';
import { ResetPasswordForm } from '~/components/auth/reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password', referrer: 'no-referrer' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: the page the reset mail links to (`?token=`). The token leaves only in the reset request's body. */
export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = first((await searchParams).token)?.trim();
  return (
    <AuthCard
      title="Choose a new password"
      subtitle={token ? 'One you do not use anywhere else.' : undefined}
    >
      {token ? (
        <ResetPasswordForm token={token} />
      ) : (
        <div className="stack">
          <div className="alert alert-warning" role="alert">
            This page needs the link from your password reset email.
          </div>
          <Link href="/forgot-password" className="btn btn-primary btn-block">
            Ask for a reset link
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
