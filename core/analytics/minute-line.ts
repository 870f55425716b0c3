import { businessMinutesBetween, nextClosing, nextOpening, type BusinessCalendar } from '../sla/business-calendar.ts';

/**
 * Business minutes for many cases at once. `businessMinutesBetween` walks the calendar day by day
 * in the org's zone at every call, which is right for one case and slow for fifty thousand. A
 * minute line lays out the calendar's open stretches over a span once (with core/sla's own
 * `nextOpening` and `nextClosing`) and keeps the open time before each; the business minutes
 * between two instants are then two binary searches. Instants outside the span go to
 * `businessMinutesBetween`. Same answers, minute truncation included (minute-line.test.ts checks
 * it against core/sla on random spans, daylight saving and holidays).
 */
const MINUTE = 60_000;
const truncate = (t: number) => Math.floor(t / MINUTE) * MINUTE;

export class MinuteLine {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  /** Open ms before starts[i]. */
  private readonly before: number[] = [];
  private readonly from: number;
  private readonly to: number;
  private readonly cal: BusinessCalendar;

  constructor(cal: BusinessCalendar, from: Date, to: Date) {
    this.cal = cal;
    this.from = truncate(from.getTime());
    this.to = truncate(to.getTime());
    let t = this.from;
    let total = 0;
    while (t < this.to) {
      const s = nextOpening(new Date(t), cal).getTime();
      const closing = nextClosing(new Date(s), cal);
      const e = closing === null ? Infinity : closing.getTime();
      this.starts.push(s);
      this.ends.push(e);
      this.before.push(total);
      if (e === Infinity || e <= s) break;
      total += e - s;
      t = e;
    }
  }

  /**
   * The stretches as columns, for a query that counts business minutes itself: open from
   * starts[i] to ends[i] (clipped to the span), with openBefore[i] open ms before it. For t within
   * the span, the open ms before t are openBefore[i] + min(t, ends[i]) - starts[i] with i the last
   * stretch starting at or before t (none: 0), as `openBefore` below counts them.
   */
  columns(): { starts: number[]; ends: number[]; openBefore: number[] } {
    return { starts: [...this.starts], ends: this.ends.map((e) => Math.min(e, this.to)), openBefore: [...this.before] };
  }

  /** The open ms before the minute of `at` (within the span), as openBeforeSql counts them over `columns()`. */
  openMsBefore(at: Date): number {
    return this.openBefore(truncate(at.getTime()));
  }

  /** Open ms in [from, t), for t within the span. */
  private openBefore(t: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    let i = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= t) {
        i = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (i < 0) return 0;
    return this.before[i] + Math.min(t, this.ends[i]) - this.starts[i];
  }

  /** Whole open minutes in [a, b), as businessMinutesBetween counts them. */
  between(a: Date, b: Date): number {
    const ta = truncate(a.getTime());
    const tb = truncate(b.getTime());
    if (ta < this.from || tb < this.from || ta > this.to || tb > this.to) return businessMinutesBetween(a, b, this.cal);
    if (tb < ta) return -this.between(b, a);
    return Math.floor((this.openBefore(tb) - this.openBefore(ta)) / MINUTE);
  }
}

/** The minute (in epoch milliseconds) an instant falls in, in SQL: times are counted in whole minutes. */
export const minuteSql = (at: string) => `floor(extract(epoch FROM ${at}) / 60)::bigint * 60000`;

/**
 * The open ms before a minute (`ms`, epoch milliseconds) in SQL, over a minute line's columns
 * bound as `cal` (cal.starts, cal.ends, cal.open_before), as MinuteLine counts them; `k` is the last
 * stretch starting at or before it (width_bucket: a binary search; 0 when none does), for a query
 * that has it already. The open minutes between two minutes of the span are the difference / 60000
 * (integer division truncates towards zero: a negative span counts as minus the forward one, as
 * `between` does).
 */
export const openBeforeSql = (ms: string, k = `width_bucket(${ms}, cal.starts)`) =>
  `CASE WHEN ${k} = 0 THEN 0 ELSE cal.open_before[${k}] + least(${ms}, cal.ends[${k}]) - cal.starts[${k}] END`;
