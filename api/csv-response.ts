import type { Context } from 'koa';
import { csvStream, type Row } from '../core/analytics/csv.ts';

/** Whether the caller asked for CSV: `?format=csv`, or `Accept: text/csv` without JSON beside it. */
export function wantsCsv(ctx: Context, format: string | undefined): boolean {
  if (format) return format === 'csv';
  const accept = ctx.get('accept');
  return /\btext\/csv\b/i.test(accept) && !/\bapplication\/json\b/i.test(accept);
}

/**
 * A table answered as a CSV download, streamed batch by batch: moments in the org's time zone, and
 * an empty table as its header (`columns`; core/analytics/csv.ts).
 */
export function sendCsv(ctx: Context, name: string, batches: AsyncIterable<Row[]> | Iterable<Row[]>, timeZone: string, columns?: readonly string[]) {
  ctx.type = 'text/csv; charset=utf-8';
  ctx.set('content-disposition', `attachment; filename="${name}.csv"`);
  return csvStream(batches, { timeZone, columns });
}
