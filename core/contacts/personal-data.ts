/**
 * What an erasure (contact-erasure.ts) removes from the free text the owners keep: shared by the
 * owners that redact their own rows (timelines, messages, bookings, cases), imports nothing.
 */

export const ERASED = '[erased]';

/** Keys whose string values are free text people write (notes, reasons, messages) or name a person. */
const TEXT_KEYS = new Set([
  'text', 'note', 'notes', 'reason', 'message', 'body', 'summary', 'name', 'displayName', 'display_name', 'customerName',
  'email', 'phone', 'lineId', 'line_id', 'comment', 'resolution', 'question', 'answer', 'caption', 'title', 'pictureUrl',
  'statusMessage', 'address', 'ip_address', 'page_url', 'referrer', 'next_step_message',
]);

/**
 * A copy of `data` with every string under a free-text key replaced by `[erased]` (at any depth),
 * ids, numbers, dates, stages and amounts kept, and `redacted: true`.
 */
export function redactPersonalData(data: Record<string, unknown>): Record<string, unknown> {
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') return key && TEXT_KEYS.has(key) ? ERASED : v;
    if (Array.isArray(v)) return v.map((x) => walk(x, key));
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x, k)]));
    return v;
  };
  return { ...(walk(data) as Record<string, unknown>), redacted: true };
}

/** Allows the narrow timeline redaction (see migration 20261122003400) inside this transaction, then closes it again. */
export async function withTimelineRedaction<T>(trx: { raw: (sql: string) => PromiseLike<unknown> }, work: () => Promise<T>): Promise<T> {
  await trx.raw("SELECT set_config('opsdesk.redaction', 'erasure', true)");
  try {
    return await work();
  } finally {
    await trx.raw("SELECT set_config('opsdesk.redaction', '', true)");
  }
}
