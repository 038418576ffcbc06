import type { ListConfig, ListPage } from '~/lib/list-params';

export type TokenFilters = { revoked: '' | 'shown' };

export const TOKENS_LIST: ListConfig<TokenFilters> = { defaults: { revoked: '' }, pageSize: 20 };

/** The `tokens.list` input of the view and of the server's prefetch. */
export const tokensListInput = (filters: TokenFilters, page: ListPage) => ({
  includeRevoked: filters.revoked === 'shown',
  ...page,
});
