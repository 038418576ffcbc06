/**
 * What the maintenance switch asks of the status page, as an optional need: the status module's service has
 * these two methods at its top level, so the composer passes `services.status` when that module is listed
 * before this one; without it the switch records the step as skipped.
 */
export type MaintenanceStatusHook = {
  /** Starts (creating it if needed) the status page's maintenance window for the switch; idempotent on `key`. */
  beginSwitchWindow(
    productId: string,
    input: { key: string; title: string; message: string; components: string[]; scheduledEnd: string | null },
  ): Promise<{ windowId: string }>;
  /** Completes the window begun with `key`; resolves without error when there is none. */
  endSwitchWindow(productId: string, key: string): Promise<void>;
};
