import type { Metadata } from 'next';
import { AcceptInviteStatus } from '~/components/auth/accept-invite-status';
import { TokenLinkPage } from '~/components/auth/token-link-page';

export const metadata: Metadata = { title: 'Join an organization', referrer: 'no-referrer' };

/** Public: the page the organization invitation mail links to (`?token=`). */
export default function AcceptInvitePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  return (
    <TokenLinkPage
      searchParams={searchParams}
      title="Join an organization"
      subtitle="An invitation sent to your address."
      missing="This page needs the link from your invitation email."
    >
      {(token) => <AcceptInviteStatus token={token} />}
    </TokenLinkPage>
  );
}
