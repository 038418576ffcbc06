import type { Metadata } from 'next';
import Link from 'next/link';
import { AcceptInviteStatus } from '~/components/auth/accept-invite-status';
import { AuthCard } from '~/components/auth/auth-card';

export const metadata: Metadata = { title: 'Join an organization', referrer: 'no-referrer' };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** Public: the page the organization invitation mail links to (`?token=`). */
export default async function AcceptInvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const token = first((await searchParams).token)?.trim();
  return (
    <AuthCard title="Join an organization" subtitle="An invitation sent to your address.">
      {token ? (
        <AcceptInviteStatus token={token} />
      ) : (
        <div className="stack">
          <div className="alert alert-warning" role="alert">
            This page needs the link from your invitation email.
          </div>
          <Link href="/sign-in" className="btn btn-block">
            Back to sign in
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
