/** Content: tracker items, comments and votes. */
export const CONTENT_EVENTS = {} as const;
