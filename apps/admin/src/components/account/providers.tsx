'use client';

import { createPlatformClient, localStorageStorage, type PlatformClient } from '@bytelyst/client';
import { PlatformProvider, usePlatform } from '@bytelyst/client/react';
import {
  QueryClient,
  QueryClientProvider,
  type QueryKey,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect, useMemo, useState } from 'react';

/**
 * The end user's portal runs on the platform's own client package (@bytelyst/client), the way a product's web
 * app would: tokens in this browser's storage, sent as a bearer straight to the API, refreshed by the client.
 * It shares no session with the console (whose httpOnly cookies are an admin's), so a portal sign-in opens no
 * console page whatever the account's roles.
 */

const PRODUCT_KEY = 'bytelyst.account.product';
const PRODUCT_PATTERN = /^[a-z0-9][a-z0-9-]{0,62}$/;
const sessionKey = (product: string) => `bytelyst.account.session.${product}`;

type AccountContextValue = { product: string };
const AccountContext = createContext<AccountContextValue | null>(null);

/** The product the portal signs in to: `?product=` (kept for next time), else the last one used, else the default. */
const resolveProduct = (fallback: string): string => {
  const fromUrl = new URLSearchParams(window.location.search).get('product')?.trim() ?? '';
  if (PRODUCT_PATTERN.test(fromUrl)) {
    window.localStorage.setItem(PRODUCT_KEY, fromUrl);
    return fromUrl;
  }
  const stored = window.localStorage.getItem(PRODUCT_KEY) ?? '';
  return PRODUCT_PATTERN.test(stored) ? stored : fallback;
};

function PortalClient({
  apiUrl,
  product,
  children,
}: {
  apiUrl: string;
  product: string;
  children: ReactNode;
}) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        defaultOptions: { queries: { staleTime: 10_000, refetchOnWindowFocus: false, retry: false } },
      }),
  );
  const client = useMemo<PlatformClient>(
    () =>
      createPlatformClient({
        baseUrl: apiUrl,
        productId: product,
        storage: localStorageStorage(sessionKey(product)),
        // A revoked or expired session leaves nothing cached for the next person at this browser.
        onSignedOut: () => queryClient.clear(),
      }),
    [apiUrl, product, queryClient],
  );
  const value = useMemo(() => ({ product }), [product]);
  return (
    <AccountContext.Provider value={value}>
      <QueryClientProvider client={queryClient}>
        <PlatformProvider client={client}>{children}</PlatformProvider>
      </QueryClientProvider>
    </AccountContext.Provider>
  );
}

/** Renders once in the browser (the tokens live in its storage), then provides the client for the product. */
export function AccountProviders({
  apiUrl,
  defaultProduct,
  children,
}: {
  apiUrl: string;
  defaultProduct: string;
  children: ReactNode;
}) {
  const [product, setProduct] = useState<string | null>(null);
  useEffect(() => setProduct(resolveProduct(defaultProduct)), [defaultProduct]);
  if (!product) {
    return (
      <p className="account-loading" role="status">
        Loading your account…
      </p>
    );
  }
  return (
    <PortalClient apiUrl={apiUrl} product={product}>
      {children}
    </PortalClient>
  );
}

export const useAccountProduct = (): string => {
  const value = useContext(AccountContext);
  if (!value) throw new Error('useAccountProduct needs <AccountProviders>');
  return value.product;
};

type Trpc = PlatformClient['trpc'];

/**
 * A query through the portal's client, cached per product under `key`; `pollEvery(data)` gives the ms until it
 * asks again (false: stop), for work the user watches finish.
 */
export function useAccountQuery<T>(
  key: QueryKey,
  run: (trpc: Trpc) => Promise<T>,
  pollEvery?: (data: T | undefined) => number | false,
) {
  const client = usePlatform();
  const product = useAccountProduct();
  return useQuery({
    queryKey: ['account', product, ...key],
    queryFn: () => run(client.trpc),
    ...(pollEvery
      ? { refetchInterval: (query: { state: { data: T | undefined } }) => pollEvery(query.state.data) }
      : {}),
  });
}

/** A mutation through the portal's client; `refresh` names the query keys whose data it changes. */
export function useAccountMutation<TInput, T>(
  run: (trpc: Trpc, input: TInput) => Promise<T>,
  refresh: readonly QueryKey[] = [],
) {
  const client = usePlatform();
  const product = useAccountProduct();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: TInput) => run(client.trpc, input),
    onSuccess: async () => {
      await Promise.all(
        refresh.map((key) => queryClient.invalidateQueries({ queryKey: ['account', product, ...key] })),
      );
    },
  });
}
