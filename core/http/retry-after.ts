/**
 * Retry-After (RFC 9110) as a number of seconds or an HTTP date, in milliseconds from `now`;
 * undefined when absent or unreadable. LINE and Twilio both send it with a 429.
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
