'use client';

import { useState } from 'react';
import { useCursorPager } from '~/hooks/use-cursor-pager';
import { trpc } from '~/lib/trpc';
import { Button } from '../button';
import { Icon } from '../icon';
import { PageHeader } from '../page-header';
import { Pager } from '../pager';
import { CreateTokenDialog } from './create-token-dialog';
import { TokensTable } from './tokens-table';

const PAGE_SIZE = 20;

export function TokensView() {
  const [creating, setCreating] = useState(false);
  const [includeRevoked, setIncludeRevoked] = useState(false);
  const pager = useCursorPager();
  const list = trpc.tokens.list.useQuery(
    { includeRevoked, limit: PAGE_SIZE, cursor: pager.cursor },
    { placeholderData: (previous) => previous },
  );

  return (
    <>
      <PageHeader
        title="API tokens"
        description="Server-to-server credentials for the selected product. Tokens are shown once and stored hashed."
        actions={
          <Button variant="primary" onClick={() => setCreating(true)}>
            <Icon name="plus" size={14} />
            New token
          </Button>
        }
      />
      <div className="filters">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={includeRevoked}
            onChange={(event) => {
              setIncludeRevoked(event.target.checked);
              pager.reset();
            }}
          />
          Show revoked tokens
        </label>
      </div>
      <section className="card" aria-label="API tokens">
        <TokensTable
          tokens={list.data?.items ?? []}
          isLoading={list.isLoading}
          error={list.error}
          onRetry={() => void list.refetch()}
        />
        <Pager
          page={pager.page}
          hasPrevious={pager.hasPrevious}
          hasNext={Boolean(list.data?.nextCursor)}
          onPrevious={pager.previous}
          onNext={() => pager.next(list.data?.nextCursor)}
          shown={list.data?.items.length ?? 0}
          noun="tokens"
        />
      </section>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
