/** Client telemetry and notification devices/preferences. */
export const TELEMETRY_EVENTS = {} as const;
