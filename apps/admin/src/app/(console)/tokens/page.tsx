import type { Metadata } from 'next';
import { TOKENS_LIST, tokensListInput } from '~/components/tokens/tokens-list';
import { TokensView } from '~/components/tokens/tokens-view';
import { PrefetchedList, type SearchParamsProp } from '~/server/prefetch-list';

export const metadata: Metadata = { title: 'API tokens' };

export default function TokensPage({ searchParams }: { searchParams: SearchParamsProp }) {
  return (
    <PrefetchedList
      searchParams={searchParams}
      list={TOKENS_LIST}
      queries={(filters, page) => [{ path: 'tokens.list', input: tokensListInput(filters, page) }]}
    >
      <TokensView />
    </PrefetchedList>
  );
}
