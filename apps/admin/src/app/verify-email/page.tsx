import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '~/components/auth/auth-card';
import { VerifyEmailStatus } from '~/components/auth/verify-email-status';

export const metadata: Metadata = { title: 'Verify your email', referrer: 'no-referrer' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: the page the verification mail links to (`?token=`). */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = first((await searchParams).token)?.trim();
  return (
    <AuthCard title="Verify your email" subtitle="Confirming that this address belongs to your account.">
      {token ? (
        <VerifyEmailStatus token={token} />
      ) : (
        <div className="stack">
          <div className="alert alert-warning" role="alert">
            This page needs the link from your verification email.
          </div>
          <Link href="/sign-in" className="btn btn-block">
            Back to sign in
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
