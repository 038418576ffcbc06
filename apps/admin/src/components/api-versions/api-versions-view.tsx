'use client';

import type { TApiVersionsOverview } from '@bytelyst/routers/modules/api-versions/schema';
import { Badge, type Tone } from '~/components/kit/badge';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { PageHeader } from '~/components/kit/page-header';
import { formatDate, formatDateTime, formatRelative } from '~/lib/format';
import { trpc } from '~/lib/trpc';

/** The usage window the page shows; the server sums each client's calls over it. */
export const API_VERSIONS_INPUT = { days: 30 } as const;
const REFRESH_MS = 30_000;

type TVersion = TApiVersionsOverview['versions'][number];
type TUsage = TApiVersionsOverview['usage'][number];

const STATUS_TONE: Record<TVersion['status'], Tone> = {
  current: 'success',
  deprecated: 'warning',
  retired: 'neutral',
};

const VERSION_COLUMNS: readonly Column[] = [
  { label: 'Version' },
  { label: 'Status' },
  { label: 'Released' },
  { label: 'Deprecated' },
  { label: 'Sunset' },
  { label: 'OpenAPI' },
];

const USAGE_COLUMNS: readonly Column[] = [
  { label: 'Client' },
  { label: 'Version' },
  { label: 'Operation' },
  { label: 'Calls (30 days)' },
  { label: 'Last seen' },
];

/** `token:<id>` and `product:<id>` as a person reads them. */
const clientLabel = (client: string) => {
  const [kind, id] = client.split(/:(.*)/s);
  if (kind === 'token') return { kind: 'API token', id };
  if (kind === 'product') return { kind: 'Product (signed-in users and anonymous calls)', id };
  return { kind: 'Unidentified', id: client };
};

/** /ops/api-versions: the version registry, deprecated operations, and who still calls what goes away. */
export function ApiVersionsView({ apiUrl }: { apiUrl: string }) {
  const overview = trpc.apiVersions.getOverview.useQuery(API_VERSIONS_INPUT, { refetchInterval: REFRESH_MS });
  const data = overview.data;
  const now = Date.now();
  return (
    <>
      <PageHeader
        title="API versions"
        doc="architecture#the-versioning-contract"
        description="The REST face's versions: deprecated ones answer with Deprecation and Sunset headers until their sunset, retired ones with 410. Below, the clients that still call deprecated versions or operations."
        actions={
          <a className="btn" href={`${apiUrl}/documentation/`} target="_blank" rel="noreferrer">
            API docs
          </a>
        }
      />
      <section className="card" aria-labelledby="versions-title">
        <div className="card-header">
          <h2 className="card-title" id="versions-title">
            Versions
          </h2>
        </div>
        <DataTable
          {...tableStateOf(overview)}
          columns={VERSION_COLUMNS}
          rows={data?.versions ?? []}
          emptyTitle="No versions"
          renderRow={(version: TVersion) => {
            const document = data?.documents[version.id];
            return (
              <tr key={version.id}>
                <td className="mono">/{version.id}</td>
                <td>
                  <Badge tone={STATUS_TONE[version.status]} dot>
                    {version.status}
                  </Badge>
                </td>
                <td className="nowrap">{formatDate(version.releasedAt)}</td>
                <td className="nowrap">{formatDate(version.deprecatedAt)}</td>
                <td className="nowrap" title={formatDateTime(version.sunsetAt)}>
                  {formatDate(version.sunsetAt)}
                </td>
                <td>
                  {document ? (
                    <a href={`${apiUrl}${document}`} target="_blank" rel="noreferrer">
                      {version.id} OpenAPI JSON
                    </a>
                  ) : (
                    <span className="cell-muted">none (no routes)</span>
                  )}
                </td>
              </tr>
            );
          }}
        />
      </section>
      {data && data.deprecatedOperations.length > 0 ? (
        <section className="card" aria-labelledby="operations-title">
          <div className="card-header">
            <h2 className="card-title" id="operations-title">
              Deprecated operations
            </h2>
          </div>
          <ul className="plain-list">
            {data.deprecatedOperations.map((operation) => (
              <li key={operation.procedure}>
                <span className="mono">{operation.route}</span> · sunset {formatDate(operation.sunsetAt)}
                {operation.replacement ? (
                  <>
                    {' '}
                    · use <span className="mono">{operation.replacement}</span>
                  </>
                ) : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      <section className="card" aria-labelledby="usage-title">
        <div className="card-header">
          <div>
            <h2 className="card-title" id="usage-title">
              Who still calls deprecated versions
            </h2>
            <p className="card-subtitle">
              Calls of deprecated versions and operations in the last {API_VERSIONS_INPUT.days} days, per
              client, summed across API instances.
            </p>
          </div>
        </div>
        <DataTable
          {...tableStateOf(overview)}
          columns={USAGE_COLUMNS}
          rows={data?.usage ?? []}
          emptyTitle="Nobody calls a deprecated version"
          emptyHint="A client that calls a deprecated version or operation shows here, with its API token or product."
          renderRow={(row: TUsage) => {
            const client = clientLabel(row.client);
            return (
              <tr key={`${row.client}|${row.version}|${row.operation}|${row.kind}`}>
                <td>
                  <div className="mono">{client.id}</div>
                  <div className="cell-secondary">{client.kind}</div>
                </td>
                <td>
                  <span className="mono">/{row.version}</span>
                  {row.kind === 'operation' ? (
                    <div className="cell-secondary">deprecated operation</div>
                  ) : null}
                </td>
                <td className="mono">{row.operation}</td>
                <td>{row.count.toLocaleString()}</td>
                <td className="cell-muted nowrap" title={formatDateTime(row.lastSeenAt)}>
                  {formatRelative(row.lastSeenAt, now)}
                </td>
              </tr>
            );
          }}
        />
      </section>
    </>
  );
}
