import { usePathname, useRouter, useSearchParams } from 'next/navigation';
import { type EventScope, parseEventScope } from '~/lib/event-scope';
import { CURSOR_PARAM } from '~/lib/list-params';

/** The events scope lives in the URL (?scope=platform|all), so a view can be shared and survives a reload. */
export function useEventScope() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const scope = parseEventScope(params.get('scope'));
  const setScope = (next: EventScope) => {
    const search = new URLSearchParams(params.toString());
    // A cursor belongs to the scope it was read in: a new scope starts again on the first page.
    search.delete(CURSOR_PARAM);
    if (next === 'current') search.delete('scope');
    else search.set('scope', next);
    const query = search.toString();
    router.replace(query ? `${pathname}?${query}` : pathname, { scroll: false });
  };
  return { scope, setScope };
}
