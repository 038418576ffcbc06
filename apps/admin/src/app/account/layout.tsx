import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { AccountProviders } from '~/components/account/providers';
import { env } from '~/env';

export const metadata: Metadata = { title: { default: 'Your account', template: '%s · Your account' } };
export const dynamic = 'force-dynamic';

/**
 * `/account`: the end user's own portal (public in proxy.ts: it signs in on its own, through the platform's
 * client package, and never with the console's cookies).
 */
export default function AccountLayout({ children }: { children: ReactNode }) {
  return (
    <AccountProviders apiUrl={env.API_PUBLIC_URL ?? env.API_URL} defaultProduct={env.DEFAULT_PRODUCT_ID}>
      {children}
    </AccountProviders>
  );
}
