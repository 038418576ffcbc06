import type { Metadata } from 'next';
import Link from 'next/link';
import { AuthCard } from '~/components/auth/auth-card';
import { ConfirmEmailChangeStatus } from '~/components/auth/confirm-email-change-status';

export const metadata: Metadata = { title: 'Confirm your new email address', referrer: 'no-referrer' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: the page the address-change mail links to (`?token=`), sent to the new address. */
export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = first((await searchParams).token)?.trim();
  return (
    <AuthCard title="Confirm your new email address" subtitle="Moving your account to this address.">
      {token ? (
        <ConfirmEmailChangeStatus token={token} />
      ) : (
        <div className="stack">
          <div className="alert alert-warning" role="alert">
            This page needs the link from the email sent to your new address.
          </div>
          <Link href="/sign-in" className="btn btn-block">
            Back to sign in
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
