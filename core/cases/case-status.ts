import { CASE_STATUSES, type CaseStatus } from '../vocabulary.ts';
/**
 * Case statuses and what each one means (a status carries its own flags, as Zammad's ticket
 * states do): the SLA module asks `CASE_STATUS.waiting_customer.pausesResolutionClock`, never a
 * list of names. The keys mirror the CHECK on cases.status.
 */


/** Where the time spent in a status goes in time tracking: "slow because of whom". */
export type CaseTimeBucket = 'queue' | 'active' | 'waiting_customer' | 'waiting_provider' | 'done';

export interface CaseStatusFlags {
  /** Open work: counted on dashboards, scanned by the SLA clocks. */
  isOpen: boolean;
  /** No way out (closed). `resolved` is not terminal: the customer may reopen. */
  isTerminal: boolean;
  /** While in it the resolution clock stands still (the ball is in the customer's court). */
  pausesResolutionClock: boolean;
  timeBucket: CaseTimeBucket;
  sortOrder: number;
  /** The state machine: statuses reachable from this one. */
  next: readonly CaseStatus[];
  label: { th: string; en: string };
}

const WORKING = ['investigating', 'waiting_customer', 'waiting_provider', 'fixing', 'resolved', 'closed'] as const;

export const CASE_STATUS: Readonly<Record<CaseStatus, CaseStatusFlags>> = {
  new: {
    isOpen: true, isTerminal: false, pausesResolutionClock: false, timeBucket: 'queue', sortOrder: 10,
    next: WORKING,
    label: { th: 'เคสใหม่', en: 'New' },
  },
  investigating: {
    isOpen: true, isTerminal: false, pausesResolutionClock: false, timeBucket: 'active', sortOrder: 20,
    next: WORKING.filter((s) => s !== 'investigating'),
    label: { th: 'กำลังตรวจสอบ', en: 'Investigating' },
  },
  waiting_customer: {
    isOpen: true, isTerminal: false, pausesResolutionClock: true, timeBucket: 'waiting_customer', sortOrder: 30,
    next: WORKING.filter((s) => s !== 'waiting_customer'),
    label: { th: 'รอข้อมูลจากลูกค้า', en: 'Waiting for customer' },
  },
  // The provider is our partner, not the customer's: the promise to the customer keeps running.
  waiting_provider: {
    isOpen: true, isTerminal: false, pausesResolutionClock: false, timeBucket: 'waiting_provider', sortOrder: 40,
    next: WORKING.filter((s) => s !== 'waiting_provider'),
    label: { th: 'รอผู้ให้บริการ', en: 'Waiting for provider' },
  },
  fixing: {
    isOpen: true, isTerminal: false, pausesResolutionClock: false, timeBucket: 'active', sortOrder: 50,
    next: WORKING.filter((s) => s !== 'fixing'),
    label: { th: 'กำลังแก้ไข', en: 'Fixing' },
  },
  // Reopening goes back to investigating.
  resolved: {
    isOpen: false, isTerminal: false, pausesResolutionClock: false, timeBucket: 'done', sortOrder: 60,
    next: ['investigating', 'closed'],
    label: { th: 'แก้ไขแล้ว', en: 'Resolved' },
  },
  closed: {
    isOpen: false, isTerminal: true, pausesResolutionClock: false, timeBucket: 'done', sortOrder: 70,
    next: [],
    label: { th: 'ปิดเคส', en: 'Closed' },
  },
};

export const OPEN_CASE_STATUSES: readonly CaseStatus[] = CASE_STATUSES.filter((s) => CASE_STATUS[s].isOpen);

export function isCaseStatus(value: unknown): value is CaseStatus {
  return typeof value === 'string' && (CASE_STATUSES as readonly string[]).includes(value);
}

export function canTransitionCase(from: CaseStatus, to: CaseStatus): boolean {
  return CASE_STATUS[from].next.includes(to);
}

/** A customer's reply this soon after a case was resolved reopens it (orgs.settings.reopenWindowHours). */
export const REOPEN_WINDOW_HOURS = 72;
