'use client';

import type { TKeyRow } from '@bytelyst/routers/modules/i18n/schema';
import { useState } from 'react';
import { Badge } from '~/components/kit/badge';
import { Button } from '~/components/kit/button';
import { type Column, DataTable, tableStateOf } from '~/components/kit/data-table';
import { SelectField, TextField } from '~/components/kit/field';
import { PageHeader } from '~/components/kit/page-header';
import { useDebouncedValue } from '~/hooks/use-debounced-value';
import { useMutationFeedback } from '~/hooks/use-mutation-feedback';
import { trpc } from '~/lib/trpc';
import { CoverageCard } from './coverage-card';
import styles from './i18n.module.css';
import { STATUS_LABELS, STATUS_TONES } from './labels';
import { type EditTarget, StringEditor } from './string-editor';
import { TransferCard } from './transfer-card';

/** /i18n: keys × locales with status colours, filters, inline editing, import/export and coverage. */
export function I18nView() {
  const [namespace, setNamespace] = useState('');
  const [missingIn, setMissingIn] = useState('');
  const [search, setSearch] = useState('');
  const [newLocale, setNewLocale] = useState('');
  const [editing, setEditing] = useState<EditTarget | null>(null);
  const debouncedSearch = useDebouncedValue(search.trim(), 250);
  const list = trpc.i18n.list.useQuery({
    limit: 500,
    ...(namespace ? { namespace } : {}),
    ...(missingIn ? { missingIn } : {}),
    ...(debouncedSearch ? { search: debouncedSearch } : {}),
  });
  const addLocale = trpc.i18n.createLocale.useMutation(
    useMutationFeedback({
      success: (_data, input) => `${input.locale} is added.`,
      invalidate: (u) => [u.i18n.invalidate()],
      onDone: () => setNewLocale(''),
    }),
  );
  const locales = list.data?.locales ?? [];
  const defaultLocale = list.data?.defaultLocale ?? 'en';
  const columns: readonly Column[] = [{ label: 'Key' }, ...locales.map((locale) => ({ label: locale }))];

  const open = (row: TKeyRow, locale: string) => {
    const cell = row.cells[locale];
    const source = locale === defaultLocale ? null : (row.cells[defaultLocale]?.message ?? null);
    setEditing({
      key: row.key,
      locale,
      message: cell?.message ?? '',
      status: cell && cell.status !== 'missing' ? cell.status : 'translated',
      source,
      description: row.description,
    });
  };

  return (
    <>
      <PageHeader
        title="Localization"
        description={`Strings clients fetch on launch (GET /v1/i18n/{locale}), merged along the fallback chain: the locale, its base language, the default locale (${defaultLocale}), then English. Mail templates read the email.* keys.`}
      />
      <CoverageCard />
      {editing ? (
        <StringEditor
          key={`${editing.key}:${editing.locale}`}
          target={editing}
          onClose={() => setEditing(null)}
        />
      ) : null}
      <section className="card" aria-labelledby="strings-title">
        <div className="card-header">
          <h2 className="card-title" id="strings-title">
            Strings
          </h2>
        </div>
        <div className="card-body">
          <div className={styles.filters}>
            <SelectField
              label="Namespace"
              value={namespace}
              options={[
                { value: '', label: 'All namespaces' },
                ...(list.data?.namespaces ?? []).map((n) => ({ value: n, label: n })),
              ]}
              onChange={(event) => setNamespace(event.target.value)}
            />
            <SelectField
              label="Missing in"
              value={missingIn}
              options={[{ value: '', label: 'Any locale' }, ...locales.map((l) => ({ value: l, label: l }))]}
              onChange={(event) => setMissingIn(event.target.value)}
            />
            <TextField
              label="Search keys and strings"
              type="search"
              value={search}
              onChange={(event) => setSearch(event.target.value)}
            />
            <form
              className={styles.filters}
              onSubmit={(event) => {
                event.preventDefault();
                if (newLocale.trim()) addLocale.mutate({ locale: newLocale.trim() });
              }}
            >
              <TextField
                label="New locale"
                placeholder="de, pt-BR"
                value={newLocale}
                onChange={(event) => setNewLocale(event.target.value)}
              />
              <Button type="submit" loading={addLocale.isPending}>
                Add locale
              </Button>
            </form>
          </div>
        </div>
        <div className={styles.grid}>
          <DataTable
            {...tableStateOf(list)}
            columns={columns}
            rows={list.data?.items ?? []}
            emptyTitle="No strings match"
            emptyHint="Add a string by importing a file, or clear the filters."
            renderRow={(row) => (
              <tr key={row.key}>
                <td>
                  <div className="cell-primary mono">{row.key}</div>
                  {row.description ? <div className="cell-muted">{row.description}</div> : null}
                </td>
                {locales.map((locale) => {
                  const cell = row.cells[locale];
                  const status = cell?.status ?? 'missing';
                  return (
                    <td key={locale}>
                      <button
                        type="button"
                        className={`${styles.cell} ${styles[status]}`}
                        aria-label={`Edit ${row.key} in ${locale}`}
                        onClick={() => open(row, locale)}
                      >
                        <span className={styles.message}>{cell?.message ?? '—'}</span>
                        <span>
                          <Badge tone={STATUS_TONES[status]} dot>
                            {STATUS_LABELS[status]}
                          </Badge>
                          {cell?.argsWarning ? (
                            <Badge tone="warning">Arguments differ from the source</Badge>
                          ) : null}
                        </span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            )}
          />
        </div>
        {list.data ? (
          <div className="table-footer">
            {list.data.total} {list.data.total === 1 ? 'key' : 'keys'}
            {list.data.nextCursor ? ' (first 500 shown; narrow the filters)' : ''}
          </div>
        ) : null}
      </section>
      <TransferCard locales={locales} />
    </>
  );
}
