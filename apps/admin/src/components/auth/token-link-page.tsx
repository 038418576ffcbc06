import Link from 'next/link';
import type { ReactNode } from 'react';
import { AuthCard } from './auth-card';

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * The frame of a public page a mail links to with `?token=` (verify, confirm an address change, accept an
 * invitation): the card, and either what the token opens or a note that the link is needed.
 */
export async function TokenLinkPage({
  searchParams,
  title,
  subtitle,
  missing,
  children,
}: {
  searchParams: SearchParams;
  title: string;
  subtitle: string;
  /** Shown without a token: which mail's link the page needs. */
  missing: string;
  children: (token: string) => ReactNode;
}) {
  const token = first((await searchParams).token)?.trim();
  return (
    <AuthCard title={title} subtitle={subtitle}>
      {token ? (
        children(token)
      ) : (
        <div className="stack">
          <div className="alert alert-warning" role="alert">
            {missing}
          </div>
          <Link href="/sign-in" className="btn btn-block">
            Back to sign in
          </Link>
        </div>
      )}
    </AuthCard>
  );
}
