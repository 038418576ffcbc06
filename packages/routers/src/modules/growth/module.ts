import type { ModuleDeps } from '../../module-deps';

export const createGrowthModule = (_deps: ModuleDeps) => ({});
