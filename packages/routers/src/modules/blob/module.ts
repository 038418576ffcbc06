import type { ModuleDeps } from '../../module-deps';

export const createBlobModule = (_deps: ModuleDeps) => ({});
