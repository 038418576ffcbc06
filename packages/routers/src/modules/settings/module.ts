import type { ModuleDeps } from '../../module-deps';

export const createSettingsModule = (_deps: ModuleDeps) => ({});
