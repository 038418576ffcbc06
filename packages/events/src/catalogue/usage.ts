/** Usage metering and quotas. */
export const USAGE_EVENTS = {} as const;
