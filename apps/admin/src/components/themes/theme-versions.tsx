'use client';

import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { formatDateTime } from '~/lib/format';
import { trpc } from '~/lib/trpc';
import styles from './themes.module.css';

const COLUMNS: readonly Column[] = [
  { label: 'Version' },
  { label: 'Primary' },
  { label: 'Note' },
  { label: 'Published' },
  { label: 'Actions', className: 'cell-actions' },
];

/** Published versions, newest first; any one can become the draft again. */
/** The editor remounts on the reverted draft (it is keyed by the draft's time), so nothing else to do here. */
export function ThemeVersions({ current }: { current: number | null }) {
  const list = trpc.themes.listVersions.useQuery({ limit: 50 });
  const revert = trpc.themes.revert.useMutation(
    useMutationFeedback({
      success: (_theme, input) => `The draft is version ${input.version} again; publish it to ship it.`,
      invalidate: (u) => [u.themes.invalidate()],
    }),
  );
  return (
    <Card
      titleId="theme-versions"
      title="Version history"
      subtitle="Each publish freezes a numbered version."
    >
      <DataTable
        {...tableStateOf(list)}
        columns={COLUMNS}
        rows={list.data?.items ?? []}
        emptyTitle="Nothing published yet"
        emptyHint="Clients get the default theme (version 0) until the first publish."
        renderRow={(version) => (
          <tr key={version.version}>
            <td className="cell-primary">
              v{version.version}
              {version.version === current ? <span className="cell-muted"> · live</span> : null}
            </td>
            <td>
              <span className={styles.swatch} style={{ background: version.primary.light }} title="Light" />
              <span className={styles.swatch} style={{ background: version.primary.dark }} title="Dark" />
              <span className="mono">{version.primary.light}</span>
            </td>
            <td className="cell-muted">{version.note || '—'}</td>
            <td className="cell-muted">{formatDateTime(version.publishedAt)}</td>
            <td className="cell-actions">
              <Button
                size="sm"
                aria-label={`Revert the draft to version ${version.version}`}
                loading={revert.isPending && revert.variables?.version === version.version}
                onClick={() => revert.mutate({ version: version.version })}
              >
                Revert draft
              </Button>
            </td>
          </tr>
        )}
      />
    </Card>
  );
}
