import type { Metadata } from 'next';
import { ThemesView } from '~/components/themes/themes-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Themes' };

export default function ThemesPage() {
  return (
    <Prefetched queries={[{ path: 'themes.get' }, { path: 'themes.listVersions', input: { limit: 50 } }]}>
      <ThemesView />
    </Prefetched>
  );
}
