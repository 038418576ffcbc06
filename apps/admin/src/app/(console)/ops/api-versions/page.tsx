import type { Metadata } from 'next';
import { API_VERSIONS_INPUT, ApiVersionsView } from '~/components/api-versions/api-versions-view';
import { env } from '~/env';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'API versions' };

export default function ApiVersionsPage() {
  return (
    <Prefetched queries={[{ path: 'apiVersions.getOverview', input: API_VERSIONS_INPUT }]}>
      <ApiVersionsView apiUrl={env.API_PUBLIC_URL ?? env.API_URL} />
    </Prefetched>
  );
}
