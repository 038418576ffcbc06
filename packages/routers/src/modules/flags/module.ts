import type { ModuleDeps } from '../../module-deps';

export const createFlagsModule = (_deps: ModuleDeps) => ({});
