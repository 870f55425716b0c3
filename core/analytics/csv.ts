import { Readable } from 'node:stream';

/**
 * CSV of any analytics table (RFC 4180: comma, CRLF, quotes doubled). Nested objects become
 * dotted columns (`firstResponse.business`), lists one cell joined by `;`; a text or list cell that a
 * spreadsheet would read as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe.
 */
export type Row = Record<string, unknown>;

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

/** Rows to CSV, batch by batch, never holding more than a batch: the header is the first row's columns. */
export function csvStream(batches: AsyncIterable<Row[]> | Iterable<Row[]>): Readable {
  async function* lines() {
    let header: string[] | null = null;
    for await (const batch of batches) {
      let chunk = '';
      for (const row of batch) {
        const flat = flatten(row);
        if (!header) {
          header = Object.keys(flat);
          chunk += line(header);
        }
        chunk += line(header.map((h) => flat[h]));
      }
      if (chunk) yield chunk;
    }
    if (!header) yield '';
  }
  return Readable.from(lines(), { objectMode: false });
}

export async function csvText(rows: Row[]): Promise<string> {
  let s = '';
  for await (const chunk of csvStream([rows])) s += chunk;
  return s;
}
