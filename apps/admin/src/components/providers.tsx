'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { httpBatchLink } from '@trpc/client';
import { type ReactNode, useState } from 'react';
import { ToastProvider } from '~/components/kit/toast';
import { httpStatusOf } from '~/lib/api-errors';
import { trpc } from '~/lib/trpc';

/** The proxy clears the cookies when a session cannot be refreshed; the browser then signs in again. */
function redirectToSignIn(error: unknown) {
  if (httpStatusOf(error) !== 401 || typeof window === 'undefined') return;
  if (window.location.pathname.startsWith('/sign-in')) return;
  const next = `${window.location.pathname}${window.location.search}`;
  window.location.assign(`/sign-in?next=${encodeURIComponent(next)}`);
}

export function Providers({ children }: { children: ReactNode }) {
  const [queryClient] = useState(
    () =>
      new QueryClient({
        queryCache: new QueryCache({ onError: redirectToSignIn }),
        mutationCache: new MutationCache({ onError: redirectToSignIn }),
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            refetchOnWindowFocus: false,
            retry: (count, error) => {
              const status = httpStatusOf(error);
              return status !== undefined && status < 500 ? false : count < 1;
            },
          },
        },
      }),
  );
  const [trpcClient] = useState(() =>
    trpc.createClient({ links: [httpBatchLink({ url: '/trpc', maxURLLength: 4000 })] }),
  );
  return (
    <trpc.Provider client={trpcClient} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <ToastProvider>{children}</ToastProvider>
      </QueryClientProvider>
    </trpc.Provider>
  );
}
