'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { KEEP_PREVIOUS, useListState } from '~/hooks/use-list-state';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { TelemetryHeader } from '../telemetry/telemetry-header';
import { DEVICES_LIST, devicesListInput, type DeviceFilters as Filters } from './devices-list';
import { DevicesTable } from './devices-table';

export function DevicesView() {
  const now = useNow();
  const { filters, changeFilters, pager, page } = useListState(DEVICES_LIST);
  const { platform } = filters;
  const list = trpc.notifications.list.useQuery(devicesListInput(filters, page), KEEP_PREVIOUS);
  return (
    <>
      <TelemetryHeader tab="devices" />
      <search className="filters">
        <SelectField
          label="Platform"
          value={platform}
          options={[
            { value: '', label: 'Any platform' },
            { value: 'ios', label: 'iOS' },
            { value: 'android', label: 'Android' },
            { value: 'macos', label: 'macOS' },
            { value: 'windows', label: 'Windows' },
            { value: 'linux', label: 'Linux' },
            { value: 'web', label: 'Web' },
          ]}
          onChange={(event) => changeFilters({ platform: event.target.value as Filters['platform'] })}
        />
      </search>
      <section className="card" aria-label="Devices">
        <DevicesTable
          devices={list.data?.items ?? []}
          {...tableStateOf(list)}
          now={now}
          showUser
          emptyTitle={platform ? 'No devices on this platform' : 'No devices registered yet'}
          emptyHint="Signed-in apps register their device through PUT /v1/notifications/devices."
        />
        <Pager pager={pager} data={list.data} noun="devices" />
      </section>
    </>
  );
}
