import { STAFF_ROLES, type StaffRole } from '../vocabulary.ts';

/**
 * Who may do what. Staff roles come from the business (support, manager, admin, ceo); an
 * `integration` key is a business's own system calling the API. One table answers every
 * "may this role ...?" question, for API keys now and for staff actions in LINE later.
 */

export const roles = [...STAFF_ROLES, 'integration'] as const;
export type Role = (typeof roles)[number];

export const permissions = {
  'org.read': ['admin', 'manager', 'support', 'ceo', 'accountant', 'integration'],
  'org.settings.read': ['admin', 'manager', 'ceo'],
  'org.settings.manage': ['admin'],
  'api_keys.manage': ['admin'],
  'outbox.read': ['admin', 'manager'],
  'audit.read': ['admin', 'ceo'],
  'channels.read': ['admin', 'manager'],
  'channels.manage': ['admin'],
  'integrations.manage': ['admin'],
  'usage.read': ['admin', 'manager', 'ceo'],
  'contacts.merge': ['admin', 'manager'],
  // Undoing a merge (or an intake's match) puts rows back under another person: admins only.
  'contacts.merge.undo': ['admin'],
  'contacts.read': ['admin', 'manager', 'support', 'ceo'],
  'contacts.export': ['admin', 'manager'],
  'contacts.erase': ['admin', 'manager'],
  // A customer's answer to the privacy notice told to staff (by phone, at the counter): whoever
  // answers customers records it; the CEO and integrations read, or do not see contacts at all.
  'contacts.consent': ['admin', 'manager', 'support'],
  'cases.read': ['admin', 'manager', 'support', 'ceo', 'integration'],
  'cases.work': ['admin', 'manager', 'support'],
  // Opening a case from anywhere (POST /api/v1/cases): the business's system, and staff who work
  // cases (support opens them on the desk already). The CEO and the accountant read only.
  'cases.create': ['admin', 'manager', 'support', 'integration'],
  // Orders from the business's main system (the orders API, docs/cases.md): its integration key
  // writes them (signed too), admins may; whoever reads cases reads the orders they name.
  'orders.sync': ['admin', 'integration'],
  'orders.read': ['admin', 'manager', 'support', 'ceo', 'integration'],
  // Notes and files on a case (POST /api/v1/cases/:number/notes): staff who work cases, and the
  // business's system (a refund done in its back office). The CEO and the accountant read only.
  'cases.note': ['admin', 'manager', 'support', 'integration'],
  // The inbox (docs/inbox.md): conversations are the customers' own words, so integrations do not read them.
  'conversations.read': ['admin', 'manager', 'support', 'ceo'],
  'conversations.work': ['admin', 'manager', 'support'],
  // Saved replies: those who answer customers read them; managers and admins write them.
  'saved_replies.read': ['admin', 'manager', 'support'],
  'saved_replies.manage': ['admin', 'manager'],
  // Bookings: everyone on staff and integrations read; support, managers and admins work them
  // (stages, notes); managers and admins hand them to someone.
  // The accountant (seed 002) reads every booking and may only move stages: no notes, quotes,
  // assignment, rules or contacts.
  'bookings.read': ['admin', 'manager', 'support', 'ceo', 'accountant', 'integration'],
  'bookings.stage': ['admin', 'manager', 'support', 'accountant'],
  'bookings.create': ['admin', 'manager', 'support', 'integration'],
  'bookings.work': ['admin', 'manager', 'support'],
  'bookings.assign': ['admin', 'manager'],
  'bookings.rules.read': ['admin', 'manager', 'ceo'],
  'bookings.rules.manage': ['admin', 'manager'],
  'taxonomy.read': ['admin', 'manager', 'support', 'ceo', 'accountant'],
  'taxonomy.manage': ['admin', 'manager'],
  'staff.read': ['admin', 'manager', 'ceo'],
  'staff.manage': ['admin'],
  'staff_groups.read': ['admin', 'manager', 'ceo'],
  'staff_groups.manage': ['admin', 'manager'],
  'analytics.read': ['admin', 'manager', 'support', 'ceo'],
  // Staff performance names people, and the CEO view is built on it: managers, the CEO, and
  // admins, who hold the business's keys and could give themselves the CEO role anyway; so one
  // person running the business sees it all with one key (docs/decisions.md, "The owner's view").
  'analytics.staff': ['admin', 'manager', 'ceo'],
  // Abuse flags name customers: managers, admins and the CEO.
  'analytics.risk': ['admin', 'manager', 'ceo'],
  // Providers: staff read them (with their pause and timeline); managers and admins pause them.
  'providers.read': ['admin', 'manager', 'support', 'ceo'],
  'providers.pause': ['admin', 'manager'],
  // A provider's settings (seed 004 section 4.4.1): the case types it handles, its SLA, its contact.
  'providers.manage': ['admin', 'manager'],
  // Money (docs/money.md): staff, the accountant and integrations read payments; whoever works
  // bookings (and the business's system) asks for a payment; refunds and the finance view are for
  // managers, admins and the accountant.
  'payments.read': ['admin', 'manager', 'support', 'ceo', 'accountant', 'integration'],
  'payments.request': ['admin', 'manager', 'support', 'integration'],
  'payments.refund': ['admin', 'manager', 'accountant'],
  'finance.read': ['admin', 'manager', 'ceo', 'accountant'],
  // What a booking cost the business, for its margin: whoever keeps the books, and their system.
  'finance.costs': ['admin', 'manager', 'accountant', 'integration'],
  // Members (docs/members.md): staff and the business's system read members and sell packages;
  // adjustments by hand above the org's amount wait for a manager or an admin; packages are set
  // by managers and admins; refunds of packages as refunds of payments.
  'members.read': ['admin', 'manager', 'support', 'ceo', 'accountant', 'integration'],
  'members.sell': ['admin', 'manager', 'support', 'integration'],
  'members.adjust': ['admin', 'manager', 'support'],
  'members.approve': ['admin', 'manager'],
  'members.packages.manage': ['admin', 'manager'],
  // Corporate clients (seed 000): managers and admins set them up and release seats; who reads
  // members reads their seats' usage.
  'corporate.manage': ['admin', 'manager'],
  // Documents (docs/documents.md): the accountant and whoever runs bookings issue invoices, tax
  // invoices and credit notes; everyone who reads bookings reads them (integrations: the
  // accounting system). Receipts are issued by the system when a payment is confirmed.
  'documents.read': ['admin', 'manager', 'support', 'ceo', 'accountant', 'integration'],
  'documents.issue': ['admin', 'manager', 'support', 'accountant'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof permissions;

export function can(role: Role, permission: Permission): boolean {
  return (permissions[permission] as readonly Role[]).includes(role);
}

/**
 * What staff may do (LINE buttons, the desk, the API as a staff member), in the same terms: one
 * table of roles per action, and one rule on top of it: `own` actions change a case that someone
 * works on, which support may do only on unowned cases or their own; managers and admins may
 * also reassign and override. The CEO reads only. For cases these are applied, with taking over
 * as a reassignment, in one place: core/cases/case-commands.ts.
 */
export const staffActions = {
  'case.view': { roles: ['support', 'manager', 'admin', 'ceo'], own: false },
  'case.take': { roles: ['support', 'manager', 'admin'], own: true },
  'case.set_status': { roles: ['support', 'manager', 'admin'], own: true },
  'case.resolve': { roles: ['support', 'manager', 'admin'], own: true },
  'case.reply': { roles: ['support', 'manager', 'admin'], own: true },
  'case.reassign': { roles: ['manager', 'admin'], own: false },
  'case.override': { roles: ['manager', 'admin'], own: false },
  // Correcting what the classifier guessed (core/cases/case-correction.ts, docs/cases.md): the type
  // is a fact support sees in the customer's words, so support corrects it on unowned or own
  // cases; the severity is a judgement of priority that reorders the queue, so managers and admins.
  'case.correct_type': { roles: ['support', 'manager', 'admin'], own: true },
  'case.correct_severity': { roles: ['manager', 'admin'], own: false },
  // Opening a case or a booking for a customer one is talking to (the desk's conversation).
  'case.open': { roles: ['support', 'manager', 'admin'], own: false },
  // A note on a case (internal, files too): anyone working may note any case, as on a conversation;
  // sending it to the customer as well is `case.reply`, with its owner rule.
  'case.note': { roles: ['support', 'manager', 'admin'], own: false },
  'queue.view': { roles: ['support', 'manager', 'admin', 'ceo'], own: false },
  'booking.view': { roles: ['support', 'manager', 'admin', 'ceo', 'accountant'], own: false },
  'booking.take': { roles: ['support', 'manager', 'admin'], own: true },
  'booking.decide': { roles: ['support', 'manager', 'admin'], own: true },
  'booking.open': { roles: ['support', 'manager', 'admin'], own: false },
  'group.setup': { roles: ['manager', 'admin'], own: false },
  // A conversation someone holds (docs/inbox.md): support takes, answers, snoozes and resolves only
  // unheld ones or their own; managers and admins take over and assign. Anyone working may note.
  'conversation.view': { roles: ['support', 'manager', 'admin', 'ceo'], own: false },
  'conversation.take': { roles: ['support', 'manager', 'admin'], own: true },
  'conversation.reply': { roles: ['support', 'manager', 'admin'], own: true },
  'conversation.note': { roles: ['support', 'manager', 'admin'], own: false },
  'conversation.resolve': { roles: ['support', 'manager', 'admin'], own: true },
  'conversation.snooze': { roles: ['support', 'manager', 'admin'], own: true },
  'conversation.assign': { roles: ['manager', 'admin'], own: false },
} as const satisfies Record<string, { roles: readonly StaffRole[]; own: boolean }>;

export type StaffAction = keyof typeof staffActions;

/** Roles that act on any case, whoever owns it. */
const OVERRIDING: readonly StaffRole[] = ['manager', 'admin'];

/**
 * May a staff member with this role do this? With `subject` (the case or booking as it is now and
 * who is acting), support is held to unowned or own ones.
 */
export function canStaff(
  role: StaffRole,
  action: StaffAction,
  subject?: { ownerStaffId: string | null; actorStaffId: string },
): boolean {
  const rule = staffActions[action];
  if (!(rule.roles as readonly StaffRole[]).includes(role)) return false;
  if (!rule.own || !subject || OVERRIDING.includes(role)) return true;
  return subject.ownerStaffId === null || subject.ownerStaffId === subject.actorStaffId;
}
