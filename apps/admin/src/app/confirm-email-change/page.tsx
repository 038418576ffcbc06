import type { Metadata } from 'next';
import { ConfirmEmailChangeStatus } from '~/components/auth/confirm-email-change-status';
import { TokenLinkPage } from '~/components/auth/token-link-page';

export const metadata: Metadata = { title: 'Confirm your new email address', referrer: 'no-referrer' };

/** Public: the page the address-change mail links to (`?token=`), sent to the new address. */
export default function ConfirmEmailChangePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <TokenLinkPage
      searchParams={searchParams}
      title="Confirm your new email address"
      subtitle="Moving your account to this address."
      missing="This page needs the link from the email sent to your new address."
    >
      {(token) => <ConfirmEmailChangeStatus token={token} />}
    </TokenLinkPage>
  );
}
