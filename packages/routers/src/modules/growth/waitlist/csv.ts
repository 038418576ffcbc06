import type { TWaitlistEntry } from './schema';

/** Spreadsheet apps run a cell that starts with one of these as a formula (CSV injection). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV cell (RFC 4180): formula-looking text is defused with a leading quote, then quoted if it must be. */
export const csvCell = (value: string | number | null | undefined): string => {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

export const csvRow = (cells: readonly (string | number | null | undefined)[]): string =>
  `${cells.map(csvCell).join(',')}\r\n`;

export const WAITLIST_CSV_COLUMNS = [
  'position',
  'email',
  'name',
  'status',
  'source',
  'referralCode',
  'invitationCode',
  'createdAt',
  'invitedAt',
  'joinedAt',
  'followUpAt',
  'note',
] as const satisfies readonly (keyof TWaitlistEntry)[];

export const waitlistCsvHeader = (): string => csvRow(WAITLIST_CSV_COLUMNS);

export const waitlistCsvRow = (entry: TWaitlistEntry): string =>
  csvRow(WAITLIST_CSV_COLUMNS.map((column) => entry[column]));

/** The CSV text of the pages, one chunk per page, header first: memory stays at one page whatever the size. */
export async function* waitlistCsv(pages: AsyncIterable<readonly TWaitlistEntry[]>): AsyncGenerator<string> {
  yield waitlistCsvHeader();
  for await (const page of pages) yield page.map(waitlistCsvRow).join('');
}
