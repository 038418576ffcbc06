import type { Metadata } from 'next';
import { cookies, headers } from 'next/headers';
import Link from 'next/link';
import { connection } from 'next/server';
import styles from '~/components/impersonation/impersonation.module.css';
import { ImpersonationBanner } from '~/components/impersonation/impersonation-banner';
import {
  ViewLicensesCard,
  ViewProfileCard,
  ViewSubscriptionCard,
  ViewUsageCard,
} from '~/components/impersonation/user-view';
import {
  ViewDevicesCard,
  ViewPreferencesCard,
  ViewSessionsCard,
  ViewSettingsCard,
} from '~/components/impersonation/user-view-account';
import { PageHeader } from '~/components/kit/page-header';
import { SHADOW_COOKIE, shadowClaimsOf } from '~/server/impersonation';
import { forwardedHeaders } from '~/server/session-cookies';
import { readUserView } from '~/server/user-view';

export const metadata: Metadata = { title: 'View as user' };

function ViewEnded({ userId }: { userId: string | undefined }) {
  return (
    <main className={styles.ended}>
      <div className={`card stack ${styles.endedCard}`}>
        <h1 className="page-title">This view has ended</h1>
        <p className="muted">
          Viewing as a user lasts 15 minutes and cannot be renewed. Start it again from the user’s page.
        </p>
        <Link href={userId ? `/users/${encodeURIComponent(userId)}` : '/users'}>
          {userId ? 'Back to the user' : 'Back to users'}
        </Link>
      </div>
    </main>
  );
}

/**
 * Admin shadow mode: what the viewed user sees through the API, read with the shadow token on the server
 * (it stays in an httpOnly cookie), under a banner that stays on screen with the time left and the end button.
 */
export default async function ViewAsPage() {
  await connection();
  const token = (await cookies()).get(SHADOW_COOKIE)?.value;
  const claims = shadowClaimsOf(token);
  const now = Date.now();
  if (!token || !claims || claims.expiresAtMs <= now) return <ViewEnded userId={claims?.userId} />;
  const view = await readUserView(token, forwardedHeaders({ headers: await headers() }));
  if (view.me.status === 401) return <ViewEnded userId={claims.userId} />;
  const name = view.me.data?.name || view.me.data?.email || claims.userId;
  const userPage = `/users/${encodeURIComponent(claims.userId)}`;
  return (
    <div className={styles.page}>
      <ImpersonationBanner
        name={name}
        userId={claims.userId}
        expiresAtMs={claims.expiresAtMs}
        renderedAtMs={now}
      />
      <main className="content" id="main">
        <PageHeader
          title={`${name}’s account`}
          description="What this user sees through the API, read with their shadow token. Nothing here can be changed."
          breadcrumb={
            <>
              <Link href="/users">Users</Link>
              <span aria-hidden="true">/</span>
              <Link href={userPage}>{view.me.data?.email ?? claims.userId}</Link>
              <span aria-hidden="true">/</span>
              <span>View as user</span>
            </>
          }
        />
        <div className="grid grid-halves">
          <ViewProfileCard me={view.me} />
          <ViewSubscriptionCard subscription={view.subscription} />
        </div>
        <div className="grid grid-halves">
          <ViewUsageCard usage={view.usage} now={now} />
          <ViewLicensesCard licenses={view.licenses} now={now} />
        </div>
        <ViewDevicesCard devices={view.devices} now={now} />
        <div className="grid grid-halves">
          <ViewSettingsCard settings={view.settings} name={name} />
          <ViewPreferencesCard preferences={view.preferences} />
        </div>
        <ViewSessionsCard sessions={view.sessions} now={now} />
      </main>
    </div>
  );
}
