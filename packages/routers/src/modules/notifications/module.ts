import type { ModuleDeps } from '../../module-deps';

export const createNotificationsModule = (_deps: ModuleDeps) => ({});
