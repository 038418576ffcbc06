'use client';

import type { TImportReport } from '@bytelyst/routers/modules/i18n/schema';
import { useState } from 'react';
import { Button } from '~/components/kit/button';
import { Card } from '~/components/kit/card';
import { SelectField } from '~/components/kit/field';
import { FormError } from '~/components/kit/form-error';
import { trpc } from '~/lib/trpc';
import { FORMAT_LABELS } from './labels';

const FORMAT_OPTIONS = Object.entries(FORMAT_LABELS).map(([value, label]) => ({ value, label }));
type Format = keyof typeof FORMAT_LABELS;

/** Export a locale as a file, and import one: the report says what changed and what was refused. */
export function TransferCard({ locales }: { locales: readonly string[] }) {
  const [locale, setLocale] = useState('');
  const [format, setFormat] = useState<Format>('json-flat');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const utils = trpc.useUtils();
  const chosen = locale || locales[0] || 'en';

  const upload = async () => {
    if (!file) return;
    setPending(true);
    setError(null);
    setReport(null);
    try {
      const content = await file.text();
      const res = await fetch('/api/i18n/import', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ format, content, ...(format === 'xliff' ? {} : { locale: chosen }) }),
      });
      const body = (await res.json()) as TImportReport | { error: { message: string } };
      if (!res.ok || 'error' in body) {
        setError('error' in body ? body.error.message : `Import failed (${res.status})`);
        return;
      }
      setReport(body);
      await utils.i18n.invalidate();
    } catch {
      setError('The import could not be sent. Try again.');
    } finally {
      setPending(false);
    }
  };

  const href = `/api/i18n/export?locale=${encodeURIComponent(chosen)}&format=${format}`;
  return (
    <Card titleId="transfer-title" title="Import and export" subtitle="JSON (flat or nested) and XLIFF 2.0">
      <div className="stack">
        <div className="row">
          <SelectField
            label="Locale"
            value={chosen}
            options={locales.map((l) => ({ value: l, label: l }))}
            onChange={(event) => setLocale(event.target.value)}
          />
          <SelectField
            label="Format"
            value={format}
            options={FORMAT_OPTIONS}
            onChange={(event) => setFormat(event.target.value as Format)}
          />
          <a className="btn" href={href} download>
            Export
          </a>
        </div>
        <div className="row">
          <label className="field">
            <span className="field-label">File to import</span>
            <input
              type="file"
              accept=".json,.xlf,.xliff,application/json,application/xml"
              onChange={(event) => setFile(event.target.files?.[0] ?? null)}
            />
          </label>
          <Button variant="primary" disabled={!file} loading={pending} onClick={() => void upload()}>
            Import
          </Button>
        </div>
        <FormError message={error} />
        {report ? (
          <div role="status" aria-label="Import report">
            <p>
              {report.applied ? 'Imported' : 'Nothing was written'} into {report.locale}: {report.created}{' '}
              created, {report.updated} updated, {report.unchanged} unchanged, {report.invalid.length}{' '}
              invalid.
            </p>
            {report.invalid.length > 0 ? (
              <ul>
                {report.invalid.map((i) => (
                  <li key={i.key}>
                    <span className="mono">{i.key}</span>: {i.reason}
                  </li>
                ))}
              </ul>
            ) : null}
            {report.warnings.map((w) => (
              <p key={w.key} className="cell-muted">
                <span className="mono">{w.key}</span>: {w.message}
              </p>
            ))}
          </div>
        ) : null}
      </div>
    </Card>
  );
}
