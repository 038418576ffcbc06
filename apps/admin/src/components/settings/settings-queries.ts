/** The `settings.getKillSwitch` input of the view and of the server's prefetch: the selected product's. */
export const KILL_SWITCH_INPUT = {};
