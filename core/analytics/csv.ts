import { Readable } from 'node:stream';
import { localDateTime } from '../time/org-time.ts';

/**
 * CSV of any analytics table (RFC 4180: comma, CRLF, quotes doubled). Nested objects become
 * dotted columns (`firstResponse.business`), lists one cell joined by `;`; a text or list cell
 * that a spreadsheet would read as a formula (starting with = + - @ or a tab) is prefixed with an
 * apostrophe.
 *
 * Moments are written in the org's time zone, as its people read their clocks
 * (`2026-11-25 14:30:00`), and the column says which zone: `openedAt (Asia/Bangkok)`. A column is
 * a moment when its name says so (`at`, `…At`, `lastSeen`) or its first value is one. A table without rows is
 * its header alone, never an empty file.
 */
export type Row = Record<string, unknown>;

export interface CsvOptions {
  /** The org's IANA time zone: moments are written in it and the header names it. */
  timeZone: string;
  /** The table's columns (dotted), for the header of a table without rows; with rows, the first row's columns. */
  columns?: readonly string[];
}

export function flatten(row: Row, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  for (const [k, v] of Object.entries(row)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) flatten(v as Row, key, out);
    else out[key] = v;
  }
  return out;
}

export function csvCell(v: unknown): string {
  if (v === null || v === undefined) return '';
  let s = v instanceof Date ? v.toISOString() : Array.isArray(v) ? v.join(';') : String(v);
  // Text, and a list of texts joined into one cell (root causes, reasons): numbers stay numbers.
  if ((typeof v === 'string' || Array.isArray(v)) && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

const line = (cells: unknown[]) => cells.map(csvCell).join(',') + '\r\n';

/** An ISO 8601 instant with its offset, as the reports write moments (a bare date is a day, not a moment). */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const isMoment = (v: unknown) => v instanceof Date || (typeof v === 'string' && INSTANT.test(v));
const namesMoment = (column: string) => /(^|\.)(at|lastSeen)$|[a-z]At$/.test(column);

/** Rows to CSV, batch by batch, never holding more than a batch. */
export function csvStream(batches: AsyncIterable<Row[]> | Iterable<Row[]>, o: CsvOptions): Readable {
  const local = (v: unknown) => (isMoment(v) ? localDateTime(o.timeZone, v instanceof Date ? v : new Date(v as string)) : v);
  const headerOf = (columns: readonly string[], first: Record<string, unknown> = {}) => {
    const moments = columns.map((c) => namesMoment(c) || isMoment(first[c]));
    return { columns, moments, line: line(columns.map((c, i) => (moments[i] ? `${c} (${o.timeZone})` : c))) };
  };
  async function* lines() {
    let header: ReturnType<typeof headerOf> | null = null;
    for await (const batch of batches) {
      let chunk = '';
      for (const row of batch) {
        const flat = flatten(row);
        if (!header) {
          header = headerOf(Object.keys(flat), flat);
          chunk += header.line;
        }
        const h = header;
        chunk += line(h.columns.map((c, i) => (h.moments[i] ? local(flat[c]) : flat[c])));
      }
      if (chunk) yield chunk;
    }
    if (!header) yield headerOf(o.columns ?? []).line;
  }
  return Readable.from(lines(), { objectMode: false });
}

export async function csvText(rows: Row[], o: CsvOptions): Promise<string> {
  let s = '';
  for await (const chunk of csvStream([rows], o)) s += chunk;
  return s;
}
