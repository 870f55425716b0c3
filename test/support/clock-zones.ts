/**
 * A fixed-offset time zone (`Etc/GMT-10` is UTC+10) whose clock reads `hour`:mm at `now`: a
 * business put in it meets "today at 9am" at the hour a test needs, whatever the hour the test runs.
 */
export function zoneWhereTheClockReads(hour: number, now: Date): string {
  const east = (((hour - now.getUTCHours()) % 24) + 24) % 24;
  const offset = east > 14 ? east - 24 : east;
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}
