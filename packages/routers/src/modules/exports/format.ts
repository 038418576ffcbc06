import type { TExportFormat } from './schema';

/** A row as a source hands it out: scalars, lists of scalars, or small objects (telemetry props, audit details). */
export type ExportRow = Record<string, unknown>;

/**
 * Cells a spreadsheet would run as a formula (OWASP CSV injection): `=`, `+`, `-`, `@`, and tab or carriage
 * return that some applications skip before looking for one.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

const cellText = (value: unknown): string => {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return FORMULA_START.test(value) ? `'${value}` : value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // Lists of scalars read as `a;b`; anything else as JSON text, which is then defused like any text.
  const text =
    Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)
      ? value.join(';')
      : JSON.stringify(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
};

/** One RFC 4180 field: quoted when it holds a comma, a quote or a line break, quotes doubled. */
export const csvCell = (value: unknown): string => {
  const text = cellText(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** One RFC 4180 record, CRLF-terminated. */
export const csvRecord = (cells: readonly unknown[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const CONTENT_TYPES: Record<TExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

/**
 * The text of an export, one chunk per page: a CSV header then a record per row in `columns` order (UTF-8, no
 * byte-order mark), or one JSON object per line.
 */
export const formatter = (format: TExportFormat, columns: readonly string[]) => ({
  header: format === 'csv' ? csvRecord(columns) : '',
  page: (rows: readonly ExportRow[]): string => {
    if (format === 'ndjson') {
      let out = '';
      for (const row of rows) out += `${JSON.stringify(row)}\n`;
      return out;
    }
    let out = '';
    for (const row of rows) out += csvRecord(columns.map((column) => row[column]));
    return out;
  },
});
