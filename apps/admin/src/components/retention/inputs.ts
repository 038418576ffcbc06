/** The inputs the page prefetches and its view queries: the same objects, so the prefetched data is used. */
export const RUNS_INPUT = { limit: 12 } as const;
export const HOLDS_INPUT = { limit: 50 } as const;
