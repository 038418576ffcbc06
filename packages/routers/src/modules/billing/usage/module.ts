import type { ModuleDeps } from '../../../module-deps';
import type { Entitlements } from '../entitlements';

/** Usage recording, daily counters and quota enforcement: wires its service and jobs. */
export const createUsagePart = (_deps: ModuleDeps & { entitlements: Entitlements }) => ({});
