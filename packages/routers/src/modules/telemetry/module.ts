import type { ModuleDeps } from '../../module-deps';

export const createTelemetryModule = (_deps: ModuleDeps) => ({});
