'use client';

import { useState } from 'react';
import { tableStateOf } from '~/components/kit/data-table';
import { NewButton } from '~/components/kit/new-button';
import { PageHeader } from '~/components/kit/page-header';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { trpc } from '~/lib/trpc';
import { CreateTokenDialog } from './create-token-dialog';
import { TOKENS_LIST, tokensListInput } from './tokens-list';
import { TokensTable } from './tokens-table';

export function TokensView() {
  const [creating, setCreating] = useState(false);
  const { filters, changeFilters, pager, page } = useListState(TOKENS_LIST);
  const includeRevoked = filters.revoked === 'shown';
  const list = trpc.tokens.list.useQuery(tokensListInput(filters, page), KEEP_PREVIOUS);

  return (
    <>
      <PageHeader
        title="API tokens"
        doc="architecture#how-a-request-flows"
        description="Server-to-server credentials for the selected product. Tokens are shown once and stored hashed."
        actions={<NewButton label="New token" onClick={() => setCreating(true)} />}
      />
      <div className="filters">
        <label className="checkbox-row">
          <input
            type="checkbox"
            checked={includeRevoked}
            onChange={(event) => changeFilters({ revoked: event.target.checked ? 'shown' : '' })}
          />
          Show revoked tokens
        </label>
      </div>
      <section className="card" aria-label="API tokens">
        <TokensTable tokens={list.data?.items ?? []} {...tableStateOf(list)} />
        <Pager pager={pager} data={list.data} noun="tokens" />
      </section>
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
    </>
  );
}
