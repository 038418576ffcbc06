import type { Metadata } from 'next';
import { SsoView } from '~/components/sso/sso-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Single sign-on' };

export default function SsoPage() {
  return (
    <Prefetched queries={[{ path: 'sso.providers.list' }]}>
      <SsoView />
    </Prefetched>
  );
}
