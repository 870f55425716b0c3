/**
 * SLA clocks of a case, computed from its status history, its case type's targets and the org's
 * business calendar. Pure: no database, no clock of its own (`now` is always passed in).
 *
 * Which time counts is read from the status flags in core/cases/case-status.ts, never from a list
 * of names: the resolution clock runs in a status that `isOpen` and does not
 * `pausesResolutionClock`; time tracking files each period under the status's `timeBucket`.
 *
 * Decisions (tested in sla-clock.test.ts):
 * - **Business minutes, minute precision**: everything goes through business-calendar.ts (instants
 *   truncated to the minute; see there). The resolution due time is the instant at which the
 *   counted business minutes reach the target.
 * - **Pauses**: time in a pausing status (waiting_customer) does not count; the clock resumes where
 *   it stood when the case leaves it. While paused there is no due time (`resolutionDueAt` is null,
 *   unless the target had already been reached before the pause: then it is that past instant).
 * - **Reopen** (resolved -> investigating): the clock resumes from where it stood at resolution;
 *   it does not restart, and the time spent resolved/closed (not `isOpen`) does not count. So a
 *   reopened case is due at "reopened at + (target - minutes already used)" in business time.
 * - **Target changed after opening**: these functions take the targets as they are now and remember
 *   none from before; the due time is always measured from the opening with the current target
 *   (a shorter target may put the due time, and the breach, in the past).
 * - **Warning** at `floor(target * warnRatio)` counted minutes (warn early rather than late).
 * - **Breach**: a case is breached once more than `target` minutes have counted; resolving within
 *   the due minute meets the SLA.
 * - **First response** is not paused by statuses: it is due `firstResponseMinutes` business minutes
 *   after the opening (starting at the next opening when opened outside hours).
 * - History periods must be in order and must not overlap; only the last may be open (`to: null`).
 *   Gaps between periods are allowed and count for nothing.
 */
import { CASE_STATUS, type CaseTimeBucket } from './case-status.ts';
import type { CaseStatus } from '../vocabulary.ts';
import { validationFailed } from '../errors/index.ts';
import { addBusinessMinutes, businessMinutesBetween, nextOpening, wallMinutesBetween, warnMinutes, type BusinessCalendar } from '../sla/business-calendar.ts';

export interface StatusPeriod {
  status: CaseStatus;
  from: Date;
  /** null: the current status. */
  to: Date | null;
}

export interface SlaTargets {
  /** Business minutes to the first response; null: no target. */
  firstResponseMinutes: number | null;
  /** Business minutes of counted (unpaused, open) time to resolution; null: no target. */
  resolutionMinutes: number | null;
  /** Warn when this share of the target is used, e.g. 0.75. 0 < warnRatio <= 1. */
  warnRatio: number;
}

export type BucketMinutes = Record<CaseTimeBucket, number> & {
  /** All time while the case was open (queue + active + waiting_customer + waiting_provider). */
  open: number;
  /** The time the resolution clock counted (open and not paused). */
  resolutionClock: number;
};

export interface TimeBuckets {
  business: BucketMinutes;
  wall: BucketMinutes;
}

export type ResolutionClockState = 'running' | 'paused' | 'stopped';

export interface ResolutionClock {
  /** running: counting now; paused: in a pausing status; stopped: not open (resolved/closed). */
  state: ResolutionClockState;
  targetMinutes: number | null;
  /** Business minutes counted up to `now`. */
  elapsedMinutes: number;
  /** target - elapsed (negative once breached); null without a target. */
  remainingMinutes: number | null;
  dueAt: Date | null;
  warnAt: Date | null;
  warned: boolean;
  breached: boolean;
}

// ---------------------------------------------------------------------------------------------

function countsTowardResolution(status: CaseStatus): boolean {
  const flags = CASE_STATUS[status];
  return flags.isOpen && !flags.pausesResolutionClock;
}

function validateHistory(history: readonly StatusPeriod[]): void {
  history.forEach((p, i) => {
    if (!(p.status in CASE_STATUS)) throw validationFailed(`status history[${i}]: unknown status ${JSON.stringify(p.status)}`);
    if (!(p.from instanceof Date) || Number.isNaN(p.from.getTime())) throw validationFailed(`status history[${i}]: invalid from`);
    if (p.to === null) {
      if (i !== history.length - 1) throw validationFailed(`status history[${i}]: only the last period may be open (to: null)`);
    } else {
      if (!(p.to instanceof Date) || Number.isNaN(p.to.getTime())) throw validationFailed(`status history[${i}]: invalid to`);
      if (p.to < p.from) throw validationFailed(`status history[${i}]: ends before it starts`);
    }
    const prev = history[i - 1];
    if (prev && prev.to !== null && p.from < prev.to) throw validationFailed(`status history[${i}]: overlaps the period before it`);
    if (prev && p.from < prev.from) throw validationFailed(`status history[${i}]: out of order`);
  });
}

function validateTargetMinutes(value: number | null, name: string): void {
  if (value !== null && (!Number.isInteger(value) || value < 0)) {
    throw validationFailed(`SLA targets: ${name} must be a non-negative whole number of minutes or null, got ${value}`);
  }
}

function validateTargets(targets: SlaTargets): void {
  validateTargetMinutes(targets.firstResponseMinutes, 'firstResponseMinutes');
  validateTargetMinutes(targets.resolutionMinutes, 'resolutionMinutes');
  if (!(targets.warnRatio > 0 && targets.warnRatio <= 1)) {
    throw validationFailed(`SLA targets: warnRatio must be in (0, 1], got ${targets.warnRatio}`);
  }
}

export { warnMinutes } from '../sla/business-calendar.ts';

/**
 * The instant at which the resolution clock reaches `minutes` counted business minutes, or null
 * if it has not reached them and is not running (paused or stopped at the end of the history).
 */
export function resolutionClockReachesAt(history: readonly StatusPeriod[], minutes: number, cal: BusinessCalendar): Date | null {
  validateHistory(history);
  if (history.length === 0) return null;
  if (minutes === 0) return nextOpening(history[0].from, cal);
  let remaining = minutes;
  for (const p of history) {
    if (!countsTowardResolution(p.status)) continue;
    if (p.to === null) return addBusinessMinutes(p.from, remaining, cal);
    const used = businessMinutesBetween(p.from, p.to, cal);
    if (remaining <= used) return addBusinessMinutes(p.from, remaining, cal);
    remaining -= used;
  }
  return null;
}

/** Business minutes the resolution clock has counted up to `now`. */
export function resolutionElapsedMinutes(history: readonly StatusPeriod[], now: Date, cal: BusinessCalendar): number {
  validateHistory(history);
  let total = 0;
  for (const p of history) {
    if (p.from >= now) break;
    if (!countsTowardResolution(p.status)) continue;
    const end = p.to === null || p.to > now ? now : p.to;
    total += businessMinutesBetween(p.from, end, cal);
  }
  return total;
}

/** Due time of the first response; null without a target. Not paused by any status. */
export function firstResponseDueAt(openedAt: Date, targets: SlaTargets, cal: BusinessCalendar): Date | null {
  validateTargets(targets);
  if (targets.firstResponseMinutes === null) return null;
  return addBusinessMinutes(openedAt, targets.firstResponseMinutes, cal);
}

/** When to warn that the first response is getting late; null without a target. */
export function firstResponseWarningAt(openedAt: Date, targets: SlaTargets, cal: BusinessCalendar): Date | null {
  validateTargets(targets);
  if (targets.firstResponseMinutes === null) return null;
  return addBusinessMinutes(openedAt, warnMinutes(targets.firstResponseMinutes, targets.warnRatio), cal);
}

/**
 * Due time of the resolution: the instant the counted time reaches the (current) target. null
 * without a target, or while the clock is paused/stopped short of the target.
 */
export function resolutionDueAt(history: readonly StatusPeriod[], targets: SlaTargets, cal: BusinessCalendar): Date | null {
  validateTargets(targets);
  if (targets.resolutionMinutes === null) return null;
  return resolutionClockReachesAt(history, targets.resolutionMinutes, cal);
}

/** When the resolution clock reaches warnRatio of its target (same rules as resolutionDueAt). */
export function warningAt(history: readonly StatusPeriod[], targets: SlaTargets, cal: BusinessCalendar): Date | null {
  validateTargets(targets);
  if (targets.resolutionMinutes === null) return null;
  return resolutionClockReachesAt(history, warnMinutes(targets.resolutionMinutes, targets.warnRatio), cal);
}

/** The whole resolution clock at `now`, for workers and dashboards. */
export function resolutionClock(history: readonly StatusPeriod[], targets: SlaTargets, cal: BusinessCalendar, now: Date): ResolutionClock {
  validateTargets(targets);
  validateHistory(history);
  const current = history.filter((p) => p.from <= now).at(-1);
  const flags = current ? CASE_STATUS[current.status] : null;
  const state: ResolutionClockState = !flags || !flags.isOpen ? 'stopped' : flags.pausesResolutionClock ? 'paused' : 'running';
  const elapsedMinutes = resolutionElapsedMinutes(history, now, cal);
  const target = targets.resolutionMinutes;
  if (target === null) {
    return { state, targetMinutes: null, elapsedMinutes, remainingMinutes: null, dueAt: null, warnAt: null, warned: false, breached: false };
  }
  const warnAt = warnMinutes(target, targets.warnRatio);
  return {
    state,
    targetMinutes: target,
    elapsedMinutes,
    remainingMinutes: target - elapsedMinutes,
    dueAt: resolutionClockReachesAt(history, target, cal),
    warnAt: resolutionClockReachesAt(history, warnAt, cal),
    warned: elapsedMinutes >= warnAt,
    breached: elapsedMinutes > target,
  };
}

function emptyBuckets(): BucketMinutes {
  return { queue: 0, active: 0, waiting_customer: 0, waiting_provider: 0, done: 0, open: 0, resolutionClock: 0 };
}

/**
 * Minutes per time bucket up to `now` (periods are cut at `now`), in business minutes and in
 * wall-clock minutes (both truncated to the minute, so contiguous periods add up exactly).
 */
export function timeBuckets(history: readonly StatusPeriod[], now: Date, cal: BusinessCalendar): TimeBuckets {
  validateHistory(history);
  const business = emptyBuckets();
  const wall = emptyBuckets();
  for (const p of history) {
    if (p.from >= now) break;
    const end = p.to === null || p.to > now ? now : p.to;
    const b = businessMinutesBetween(p.from, end, cal);
    const w = wallMinutesBetween(p.from, end);
    const flags = CASE_STATUS[p.status];
    business[flags.timeBucket] += b;
    wall[flags.timeBucket] += w;
    if (flags.isOpen) { business.open += b; wall.open += w; }
    if (countsTowardResolution(p.status)) { business.resolutionClock += b; wall.resolutionClock += w; }
  }
  return { business, wall };
}
