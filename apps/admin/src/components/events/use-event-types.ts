import { trpc } from '~/lib/trpc';

/** Options for a type filter, from the catalogue (it only changes with a deploy, so it is fetched once). */
export function useEventTypeOptions() {
  const catalogue = trpc.events.getCatalogue.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY });
  const types = (catalogue.data?.events ?? []).map((entry) => entry.type).sort();
  return [
    { value: '', label: catalogue.isLoading ? 'Loading types…' : 'All types' },
    ...types.map((type) => ({ value: type, label: type })),
  ];
}
