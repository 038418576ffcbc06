import type { Metadata } from 'next';
import { TokenLinkPage } from '~/components/auth/token-link-page';
import { VerifyEmailStatus } from '~/components/auth/verify-email-status';

export const metadata: Metadata = { title: 'Verify your email', referrer: 'no-referrer' };

/** Public: the page the verification mail links to (`?token=`). */
export default function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <TokenLinkPage
      searchParams={searchParams}
      title="Verify your email"
      subtitle="Confirming that this address belongs to your account."
      missing="This page needs the link from your verification email."
    >
      {(token) => <VerifyEmailStatus token={token} />}
    </TokenLinkPage>
  );
}
