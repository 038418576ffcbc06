'use client';

import { tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { trpc } from '~/lib/trpc';
import { EXPORTS_LIST_INPUT } from './export-form';
import { ExportsTable } from './exports-table';
import { isRunning } from './job-status';
import { StartExportCard } from './start-export-card';

/** Fast while something runs, so the progress bars move; otherwise a slow refresh. */
const RUNNING_REFRESH_MS = 1000;
const IDLE_REFRESH_MS = 30_000;

export function ExportsView() {
  const list = trpc.exports.list.useQuery(EXPORTS_LIST_INPUT, {
    refetchInterval: (query) =>
      query.state.data?.items.some(isRunning) ? RUNNING_REFRESH_MS : IDLE_REFRESH_MS,
  });
  return (
    <>
      <PageHeader
        title="Exports"
        description="Get data out as CSV or NDJSON, and follow bulk operations started from the users and licenses tables."
      />
      <StartExportCard />
      <section className="card" aria-label="Exports">
        <ExportsTable jobs={list.data?.items ?? []} {...tableStateOf(list)} />
        <div className="table-footer">
          <span>
            CSV is RFC 4180 in UTF-8; cells a spreadsheet would run as a formula start with a quote. Files are
            deleted after 7 days.
          </span>
        </div>
      </section>
    </>
  );
}
