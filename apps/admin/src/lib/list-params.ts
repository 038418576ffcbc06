/**
 * The state of a paged list as it lives in the URL: each filter that differs from its default is one
 * search param, and the cursors that opened the visited pages are repeated `cursor` params (server cursors
 * only go forward, so Previous needs them). Pure, so a server component can read the same state.
 */
export type ListFilters = Record<string, string>;
export type ListParams<Filters extends ListFilters> = { filters: Filters; cursors: string[] };

export const CURSOR_PARAM = 'cursor';

/** Limit and cursor of the page on screen, as a list query's input takes them. */
export type ListPage = { limit: number; cursor: string | undefined };

/** What a list view and its server page share: the URL's defaults, the page size, the debounced keys. */
export type ListConfig<Filters extends ListFilters> = {
  defaults: Filters;
  pageSize: number;
  debounce?: readonly (keyof Filters)[];
  prefix?: string;
};

/** A page's `searchParams` prop as URLSearchParams. */
export function searchParamsOf(record: Record<string, string | string[] | undefined>): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(record)) {
    for (const item of Array.isArray(value) ? value : [value])
      if (item !== undefined) params.append(key, item);
  }
  return params;
}

type SearchParamsLike = { get(name: string): string | null; getAll(name: string): string[] };

/** `prefix` keeps two lists of one page apart in the URL (`runs.status`, `runs.cursor`). */
const paramName = (prefix: string | undefined, name: string) => (prefix ? `${prefix}.${name}` : name);

export function parseListParams<Filters extends ListFilters>(
  params: SearchParamsLike,
  defaults: Filters,
  prefix?: string,
): ListParams<Filters> {
  const filters = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof Filters & string)[]) {
    const value = params.get(paramName(prefix, key));
    if (value !== null) filters[key] = value as Filters[typeof key];
  }
  return { filters, cursors: params.getAll(paramName(prefix, CURSOR_PARAM)).filter(Boolean) };
}

/** Writes `state` over `base`, keeping the params that belong to someone else (another list, the event scope). */
export function writeListParams<Filters extends ListFilters>(
  base: URLSearchParams,
  state: ListParams<Filters>,
  defaults: Filters,
  prefix?: string,
): URLSearchParams {
  const next = new URLSearchParams(base);
  for (const key of Object.keys(defaults)) {
    const name = paramName(prefix, key);
    const value = state.filters[key];
    if (value === undefined || value === defaults[key]) next.delete(name);
    else next.set(name, value);
  }
  const cursorName = paramName(prefix, CURSOR_PARAM);
  next.delete(cursorName);
  for (const cursor of state.cursors) next.append(cursorName, cursor);
  return next;
}

/** A filter object for a query input: trimmed, and empty strings (meaning "any") left out. */
export function definedFilters<Filters extends ListFilters>(
  filters: Filters,
): { [Key in keyof Filters]?: Exclude<Filters[Key], ''> } {
  const result: Partial<Record<keyof Filters, string>> = {};
  for (const key of Object.keys(filters) as (keyof Filters)[]) {
    const value = filters[key]?.trim();
    if (value) result[key] = value;
  }
  return result as { [Key in keyof Filters]?: Exclude<Filters[Key], ''> };
}
