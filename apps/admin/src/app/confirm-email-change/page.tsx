import type { Metadata } from 'next';
import Link from 'next/link';
import { ConfirmEmailChangeStatus } from '~/components/account/confirm-email-change-status';
import { AuthCard } from '~/components/auth/auth-card';

export const metadata: Metadata = { title: 'Confirm your new email', referrer: 'no-referrer' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: the page the email-change mail links to (`?token=`), sent to the new address. */
export default async function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = first((await searchParams).token)?.trim();
  return (
    <AuthCard title="Confirm your new email" subtitle="Moving your account to this address.">
      {token ? (
        <ConfirmEmailChangeStatus token={token} />
      ) : (
        <div className="stack">
          <div className="alert alert-warning" role="alert">
            This page needs the link from your confirmation email.
          </div>
          <Link href="/account" className="btn btn-block">
            Go to your account
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
