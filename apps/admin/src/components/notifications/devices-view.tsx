'use client';

import type { TDevicePlatform } from '@bytelyst/routers/modules/notifications/schema';
import { tableStateOf } from '~/components/kit/data-table';
import { SelectField } from '~/components/kit/field';
import { Pager } from '~/components/kit/pager';
import { usePagedFilters } from '~/hooks/use-cursor-pager';
import { useNow } from '~/hooks/use-now';
import { trpc } from '~/lib/trpc';
import { TelemetryHeader } from '../telemetry/telemetry-header';
import { DevicesTable } from './devices-table';

const PAGE_SIZE = 25;

export function DevicesView() {
  const now = useNow();
  const { filters: platform, changeFilters: setPlatform, pager } = usePagedFilters<'' | TDevicePlatform>('');
  const list = trpc.notifications.list.useQuery(
    { platform: platform || undefined, limit: PAGE_SIZE, cursor: pager.cursor },
    { placeholderData: (previous) => previous },
  );
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
          onChange={(event) => setPlatform(event.target.value as '' | TDevicePlatform)}
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
