/**
 * The link a customer follows to see their case: the tracking page (liff/, served under
 * `/liff/track/<token>`), which works in LINE and in any browser. Integrators read the same case
 * as JSON at `/public/v1/cases/<token>`.
 */
export function trackingUrl(baseUrl: string, token: string): string {
  return `${baseUrl}${trackingPath(token)}`;
}

/** The tracking page's path, for links inside the product's own pages. */
export function trackingPath(token: string): string {
  return `/liff/track/${token}`;
}

/**
 * How long a customer's case tracking link works. A link needs no
 * login, so it should not work forever: it stops `TRACKING_LINK_DAYS_AFTER_END` days after its
 * case was last resolved or closed. A case that is reopened is not ended, and its link works again
 * (the window counts from the latest end). 30 days covers the longest reopen window an org can set
 * (720 hours) and a customer checking back after a month's statement.
 */
export const TRACKING_LINK_DAYS_AFTER_END = 30;

export function trackingLinkLive(
  c: { status: string; resolved_at: Date | string | null; closed_at: Date | string | null },
  now: Date,
  days = TRACKING_LINK_DAYS_AFTER_END,
): boolean {
  if (c.status !== 'resolved' && c.status !== 'closed') return true;
  const ends = [c.resolved_at, c.closed_at].filter((d) => d !== null).map((d) => new Date(d as Date | string).getTime());
  if (ends.length === 0) return true;
  return linkLiveAfterEnd(new Date(Math.max(...ends)), now, days);
}

/** A no-login link to something that ended at `end` works `days` more days (the tracking link's window, reused by other token links). */
export function linkLiveAfterEnd(end: Date | string, now: Date, days = TRACKING_LINK_DAYS_AFTER_END): boolean {
  return now.getTime() < linkEndsAt(end, days).getTime();
}

export function linkEndsAt(end: Date | string, days = TRACKING_LINK_DAYS_AFTER_END): Date {
  return new Date(new Date(end).getTime() + days * 24 * 60 * 60 * 1000);
}
