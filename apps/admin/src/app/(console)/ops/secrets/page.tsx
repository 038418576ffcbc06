import type { Metadata } from 'next';
import { SECRETS_LIST_INPUT } from '~/components/secrets/secret-status';
import { SecretsView } from '~/components/secrets/secrets-view';
import { Prefetched } from '~/server/prefetched';

export const metadata: Metadata = { title: 'Secrets' };

export default function SecretsPage() {
  return (
    <Prefetched
      queries={[
        { path: 'secrets.list', input: SECRETS_LIST_INPUT },
        { path: 'secrets.getReencryption' },
        { path: 'auth.getMine' },
      ]}
    >
      <SecretsView />
    </Prefetched>
  );
}
