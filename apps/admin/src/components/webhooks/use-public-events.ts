import { trpc } from '~/lib/trpc';

/** The catalogue's public events (what endpoints may subscribe to), sorted; fetched once per session. */
export function usePublicEvents() {
  const catalogue = trpc.events.getCatalogue.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const events = (catalogue.data?.events ?? [])
    .filter((entry) => entry.public)
    .sort((a, b) => a.type.localeCompare(b.type));
  return { events, isLoading: catalogue.isLoading, error: catalogue.error };
}
