import type { Knex } from 'knex';
import { casesJoinedToTypes } from '../cases/case-queries.ts';
import { CASE_STATUS, canTransitionCase } from '../cases/case-status.ts';
import type { CaseStatus, Language, OrderStatus, Severity, StaffRole } from '../vocabulary.ts';
import type { Action, CardField, OutboundMessage } from '../messaging/outbound-message.ts';
import { mayTakeOver } from '../cases/case-commands.ts';
import { formatDue } from '../templates/format-due.ts';
import { CARD_BUTTON_TTL_MS, QUICK_REPLY_TTL_MS, staffActionData } from './staff-buttons.ts';
import type { StaffDeps } from './staff-desk.ts';
import { SEVERITY_LABEL } from './staff-phrases.ts';
import { formatMinorUnits, formatMoney } from '../templates/format-money.ts';
import { fitText } from '../messaging/fit-text.ts';
import { staffAppLink } from './staff-menu.ts';

/**
 * A case as staff see it in LINE: a Flex card with its number, type, severity, customer, summary,
 * order, amount, SLA due time and owner, and signed buttons for what can be done to it now.
 *
 * LINE shows at most four footer buttons, so the footer holds Take (while nobody has the case),
 * the likeliest next moves and Resolve; the other allowed moves ride on the same message as quick
 * replies. Only moves the state machine allows from the current status are offered.
 */
type Db = Knex | Knex.Transaction;

/** The moves a button can ask for; `resolved` goes through the root-cause question (case.resolve). */
export const BUTTON_STATUSES = ['investigating', 'waiting_customer', 'waiting_provider', 'fixing'] as const;
export type ButtonStatus = (typeof BUTTON_STATUSES)[number];

export const BUTTON_LABEL: Record<ButtonStatus | 'take' | 'resolve' | 'takeOver' | 'reassign', Record<Language, string>> = {
  take: { th: 'รับเคส', en: 'Take' },
  investigating: { th: 'กำลังตรวจสอบ', en: 'Investigating' },
  waiting_customer: { th: 'รอลูกค้า', en: 'Waiting customer' },
  waiting_provider: { th: 'รอผู้ให้บริการ', en: 'Waiting provider' },
  fixing: { th: 'กำลังแก้ไข', en: 'Fixing' },
  resolve: { th: 'แก้ไขแล้ว', en: 'Resolve' },
  takeOver: { th: 'รับเคสต่อ', en: 'Take over' },
  reassign: { th: 'มอบหมายให้…', en: 'Reassign' },
};

/**
 * The likeliest next moves from each status, best first: what goes on the footer before the rest
 * falls to quick replies. From New, Take already starts the investigation.
 */
const LIKELY_NEXT: Record<CaseStatus, readonly ButtonStatus[]> = {
  new: ['waiting_customer', 'waiting_provider', 'investigating', 'fixing'],
  investigating: ['waiting_customer', 'waiting_provider', 'fixing'],
  waiting_customer: ['investigating', 'fixing', 'waiting_provider'],
  waiting_provider: ['fixing', 'investigating', 'waiting_customer'],
  fixing: ['waiting_customer', 'waiting_provider', 'investigating'],
  resolved: ['investigating'],
  closed: [],
};

const PHRASES = {
  customer: { th: 'ลูกค้า', en: 'Customer' },
  unknownCustomer: { th: 'ไม่ทราบชื่อ', en: 'Name unknown' },
  order: { th: 'คำสั่งซื้อ', en: 'Order' },
  amount: { th: 'ยอดเงิน', en: 'Amount' },
  respondBy: { th: 'ตอบกลับภายใน', en: 'Respond by' },
  resolveBy: { th: 'แก้ไขภายใน', en: 'Resolve by' },
  clockPaused: { th: 'หยุดนับเวลา (รอลูกค้า)', en: 'Clock paused (waiting for customer)' },
  owner: { th: 'ผู้รับผิดชอบ', en: 'Owner' },
  unassigned: { th: 'ยังไม่มีผู้รับ', en: 'Unassigned' },
  sop: { th: 'วิธีจัดการ (SOP)', en: 'How to handle (SOP)' },
  readSop: { th: 'อ่าน SOP ทั้งหมด', en: 'Read the whole SOP' },
} satisfies Record<string, Record<Language, string>>;

/** An order's status as the main system reports it (the orders API), beside its number on the card. */
const ORDER_STATUS_WORDS: Record<OrderStatus, Record<Language, string>> = {
  pending: { th: 'รอชำระเงิน', en: 'awaiting payment' },
  paid: { th: 'ชำระแล้ว', en: 'paid' },
  processing: { th: 'กำลังดำเนินการ', en: 'processing' },
  completed: { th: 'สำเร็จ', en: 'completed' },
  failed: { th: 'ล้มเหลว', en: 'failed' },
  cancelled: { th: 'ยกเลิกแล้ว', en: 'cancelled' },
  refunded: { th: 'คืนเงินแล้ว', en: 'refunded' },
};

/** The signed buttons for a case in its current state: footer buttons and the rest as quick replies. */
export function caseButtons(
  deps: Pick<StaffDeps, 'actionKey'>,
  c: {
    orgId: string;
    caseId: string;
    number: string;
    status: CaseStatus;
    ownerStaffId: string | null;
    language: Language;
    now: Date;
    /** Who the buttons are for, when one person (a View, an answer to a tap): a manager also gets Take over and Reassign. */
    viewer?: { id: string; role: StaffRole };
  },
  /** Card footers stay usable for long; the same buttons offered as quick replies do not. */
  footerTtlMs = CARD_BUTTON_TTL_MS,
): { footer: Action[]; more: Action[] } {
  const button = (name: string, label: string, ttlMs: number, arg?: string): Action => ({
    type: 'postback',
    label,
    displayText: `${label} ${c.number}`,
    data: staffActionData(deps.actionKey, { orgId: c.orgId, name, arg, subjectId: c.caseId, now: c.now, ttlMs }),
  });
  const open = CASE_STATUS[c.status].isOpen;
  const canTake = open && c.ownerStaffId === null;
  const moves = LIKELY_NEXT[c.status].filter((s) => canTransitionCase(c.status, s));
  const canResolve = canTransitionCase(c.status, 'resolved');
  const onFooter = 4 - (canTake ? 1 : 0) - (canResolve ? 1 : 0);
  const footer: Action[] = [
    ...(canTake ? [button('case.take', BUTTON_LABEL.take[c.language], footerTtlMs)] : []),
    ...moves.slice(0, onFooter).map((s) => button('case.status', BUTTON_LABEL[s][c.language], footerTtlMs, s)),
    ...(canResolve ? [button('case.resolve', BUTTON_LABEL.resolve[c.language], footerTtlMs)] : []),
  ];
  const more = moves.slice(onFooter).map((s) => button('case.status', BUTTON_LABEL[s][c.language], QUICK_REPLY_TTL_MS, s));
  // Whoever may take a case over may reassign it: both go to them (core/cases/case-commands.ts).
  if (open && c.ownerStaffId !== null && c.viewer && mayTakeOver(c.viewer.role)) {
    // Taking over is for someone else's case: the owner is offered only to hand it on.
    if (c.ownerStaffId !== c.viewer.id) more.push(button('case.take', BUTTON_LABEL.takeOver[c.language], QUICK_REPLY_TTL_MS));
    more.push(button('case.reassign', BUTTON_LABEL.reassign[c.language], QUICK_REPLY_TTL_MS));
  }
  return { footer, more };
}

/**
 * A case with the names staff see beside it: its type's names, the org's time zone, the customer
 * (name, phone, external ref, VIP) and the owner. Only within `orgId` when given.
 */
export async function caseForStaff(db: Db, caseId: string, orgId?: string): Promise<Record<string, any> | undefined> {
  const q = casesJoinedToTypes(db)
    .join('orgs', 'orgs.id', 'cases.org_id')
    .leftJoin('contacts', 'contacts.id', 'cases.contact_id')
    .leftJoin('staff', 'staff.id', 'cases.owner_staff_id')
    .select(
      'cases.*',
      'case_types.name_th',
      'case_types.name_en',
      'case_types.sop',
      'orgs.time_zone',
      'contacts.display_name as contact_name',
      'contacts.phone as contact_phone',
      'contacts.external_ref as contact_external_ref',
      'contacts.is_vip as contact_is_vip',
      'staff.display_name as owner_name',
    )
    .where('cases.id', caseId);
  if (orgId) q.andWhere('cases.org_id', orgId);
  return q.first();
}

/** The first lines of a type's SOP that a card shows: two lines, at most 160 characters, cut at a word. */
export function sopExcerpt(sop: string): string {
  const lines = sop.trim().split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const first = lines.slice(0, 2).join('\n');
  // More lines than shown are said with an ellipsis, as a cut line is (fitText).
  return lines.length > 2 && first.length < 160 ? `${first}…` : fitText(first, 160);
}

/**
 * A case as staff see it in LINE. Undefined when the case does not exist in this org. With
 * `publicBaseUrl`, a case whose type has an SOP gets a quick reply that opens it whole on the desk.
 */
export async function buildCaseCard(
  deps: Pick<StaffDeps, 'actionKey'> & { publicBaseUrl?: () => string; liffIds?: Record<string, string> },
  db: Db,
  c: { orgId: string; caseId: string; language: Language; now: Date; viewer?: { id: string; role: StaffRole } },
): Promise<OutboundMessage | undefined> {
  const row = await caseForStaff(db, c.caseId, c.orgId);
  if (!row) return undefined;
  // With what the main system reports of each (core/orders/): its status, and its exact amount.
  const orders: { order_id: string; amount: string | null; currency: string; status: OrderStatus | null; amount_minor: string | null; synced_currency: string | null }[] = await db('case_orders as co')
    .leftJoin('orders as o', (j) => j.on('o.org_id', 'co.org_id').andOn('o.number', 'co.order_id'))
    .select('co.order_id', 'co.amount', 'co.currency', 'o.status', 'o.amount_minor', 'o.currency as synced_currency')
    .where({ 'co.case_id': row.id })
    .orderBy('co.created_at');

  const lang = c.language;
  const status = row.status as CaseStatus;
  const severity = row.severity as Severity;
  const typeName: string = lang === 'th' ? row.name_th : row.name_en;
  const fields: CardField[] = [];

  const customer = row.contact_name ?? row.contact_phone ?? PHRASES.unknownCustomer[lang];
  fields.push({ label: PHRASES.customer[lang], value: row.contact_is_vip ? `${customer} · VIP` : customer });

  const extracted = (row.fields ?? {}) as { orderIds?: string[]; amount?: number | string; currency?: string };
  const orderIds = orders.length ? orders.map((o) => (o.status ? `${o.order_id} (${ORDER_STATUS_WORDS[o.status][lang]})` : o.order_id)) : (extracted.orderIds ?? []);
  if (orderIds.length) fields.push({ label: PHRASES.order[lang], value: orderIds.join(', ') });
  const synced = orders.find((o) => o.amount_minor !== null);
  const priced = orders.find((o) => o.amount !== null);
  if (synced) fields.push({ label: PHRASES.amount[lang], value: formatMinorUnits(BigInt(synced.amount_minor!), synced.synced_currency!) });
  else if (priced) fields.push({ label: PHRASES.amount[lang], value: formatMoney(priced.amount, priced.currency) });
  else if (extracted.amount !== undefined) fields.push({ label: PHRASES.amount[lang], value: formatMoney(extracted.amount, extracted.currency ?? 'THB') });

  // The deadline that matters next: the first response until someone answers, then the resolution.
  if (CASE_STATUS[status].isOpen) {
    if (!row.first_responded_at && row.first_response_due_at) {
      fields.push({ label: PHRASES.respondBy[lang], value: formatDue(new Date(row.first_response_due_at), lang, row.time_zone) });
    } else if (row.resolution_paused_at) {
      fields.push({ label: PHRASES.resolveBy[lang], value: PHRASES.clockPaused[lang] });
    } else if (row.resolution_due_at) {
      fields.push({ label: PHRASES.resolveBy[lang], value: formatDue(new Date(row.resolution_due_at), lang, row.time_zone) });
    }
  }
  fields.push({ label: PHRASES.owner[lang], value: row.owner_name ?? PHRASES.unassigned[lang] });
  // The type's standard way to handle it, in sight where the case is worked (#42): its first lines
  // here, the whole of it on the desk.
  const sop = (row.sop as string | null)?.trim();
  if (sop) fields.push({ label: PHRASES.sop[lang], value: sopExcerpt(sop) });

  const { footer, more } = caseButtons(deps, {
    orgId: c.orgId,
    caseId: row.id,
    number: row.number,
    status,
    ownerStaffId: row.owner_staff_id,
    language: lang,
    now: c.now,
    viewer: c.viewer,
  });
  if (sop && deps.publicBaseUrl) {
    more.push({ type: 'uri', label: PHRASES.readSop[lang], uri: staffAppLink('desk', { pagesBaseUrl: deps.publicBaseUrl(), liffIds: deps.liffIds ?? {} }, `case/${encodeURIComponent(row.number)}`) });
  }
  const severityLabel = SEVERITY_LABEL[severity]?.[lang] ?? severity;
  return {
    kind: 'card',
    card: {
      altText: `${row.number} · ${typeName} · ${severityLabel} · ${CASE_STATUS[status].label[lang]}`,
      title: `${row.number} · ${typeName}`,
      subtitle: `${severityLabel} · ${CASE_STATUS[status].label[lang]}`,
      tone: severity,
      fields,
      body: row.summary ?? undefined,
      actions: footer,
    },
    ...(more.length ? { quickReplies: more } : {}),
  };
}
