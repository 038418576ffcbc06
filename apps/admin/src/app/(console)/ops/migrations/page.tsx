import type { Metadata } from 'next';
import { MigrationsView } from '~/components/migrations/migrations-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Migrations' };

export default function MigrationsPage() {
  return (
    <Prefetched queries={[{ path: 'migrations.list' }, { path: 'auth.getMine' }]}>
      <MigrationsView />
    </Prefetched>
  );
}
