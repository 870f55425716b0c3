/** A database timestamp as the API shows it: ISO 8601 in UTC, or null when there is none. */
export function iso(d: Date | string): string;
export function iso(d: Date | string | null | undefined): string | null;
export function iso(d: Date | string | null | undefined): string | null {
  return d === null || d === undefined ? null : new Date(d).toISOString();
}
