import type { ModuleDeps } from '../../module-deps';

export const createTrackerModule = (_deps: ModuleDeps) => ({});
