import type { TDevicePlatform } from '@bytelyst/routers/modules/notifications/schema';
import { definedFilters, type ListConfig, type ListPage } from '~/lib/list-params';

export type DeviceFilters = { platform: '' | TDevicePlatform };

export const DEVICES_LIST: ListConfig<DeviceFilters> = { defaults: { platform: '' }, pageSize: 25 };

/** The `notifications.list` input of the view and of the server's prefetch. */
export const devicesListInput = (filters: DeviceFilters, page: ListPage) => ({
  ...definedFilters(filters),
  ...page,
});
