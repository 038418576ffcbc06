import type { Metadata } from 'next';
import { MySessionsView } from '~/components/sessions/my-sessions-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'My sessions' };

export default function MySessionsPage() {
  return (
    <Prefetched queries={[{ path: 'sessions.listMine' }]}>
      <MySessionsView />
    </Prefetched>
  );
}
