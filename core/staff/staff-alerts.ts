import { lockCase } from '../cases/case-queries.ts';
import { staffAlertsOf, type StaffAlerts } from '../contracts/org-settings.ts';
import type { Knex } from 'knex';
import { recordCaseEvent } from '../cases/case-timeline.ts';
import { CASE_STATUS } from '../cases/case-status.ts';
import type { CaseStatus, Language, Severity } from '../vocabulary.ts';
import type { CardField, OutboundMessage } from '../messaging/outbound-message.ts';
import { groupsForCase } from './routing.ts';
import { postToManagers, type Recipient } from './managers-reach.ts';
import { staffActionData } from './staff-buttons.ts';
import { postToGroup, postToStaffMember, staffById, type StaffDeps } from './staff-desk.ts';
import type { CaseAlertJob } from './staff-jobs.ts';
import { localMoment } from '../time/org-time.ts';
import { SEVERITY_LABEL, type Phrase } from './staff-phrases.ts';
import { formatMoney } from '../templates/format-money.ts';
import { caseForStaff } from './case-card.ts';
import { orgSettingsRow } from '../db/org-cache.ts';

/**
 * What staff must see at once about a case, as a short card with a button to open the case:
 *
 * - an SLA warning goes to the case's owner 1:1, or to the case's groups while nobody owns it;
 * - an escalation (a breach whose case type says notifyManagers) goes to every managers' group
 *   (or, with none, to each manager 1:1: managers-reach.ts),
 *   with what the escalation did (severity raised, reassigned), the owner and the time so far;
 * - a provider that has not answered within its time to answer (its settings) is told like an SLA
 *   warning, to the owner or the case's groups, while the case still waits on it;
 * - a payment alert goes to the case's groups, beside the case's own card (pushes to a group
 *   within a couple of seconds are combined into one).
 *
 * Each kind goes only while the org's switch for it is on (`orgs.settings.staffAlerts`, Settings).
 *
 * One alert per case event, however often the job runs: the case row is locked and the alert is
 * recorded on the timeline as `staff_alerted` with the event it was for, in the same transaction
 * as the posts. A second run finds the record and posts nothing.
 */

const W = {
  slaTitle: { th: 'ใกล้เกิน SLA', en: 'SLA warning' },
  escalatedTitle: { th: 'เคสถูกยกระดับ', en: 'Escalated' },
  paymentTitle: { th: 'แจ้งเตือนการชำระเงิน', en: 'Payment alert' },
  providerTitle: { th: 'ผู้ให้บริการยังไม่ตอบ', en: 'Provider has not answered' },
  provider: { th: 'ผู้ให้บริการ', en: 'Provider' },
  waiting: { th: 'รอมาแล้ว', en: 'Waiting for' },
  view: { th: 'ดูเคส', en: 'View case' },
  owner: { th: 'ผู้ดูแล', en: 'Owner' },
  nobody: { th: 'ยังไม่มีผู้รับเรื่อง', en: 'Nobody yet' },
  elapsed: { th: 'เปิดมาแล้ว', en: 'Open for' },
  severity: { th: 'ความรุนแรง', en: 'Severity' },
  customer: { th: 'ลูกค้า', en: 'Customer' },
  order: { th: 'ออเดอร์', en: 'Order' },
  amount: { th: 'ยอดเงิน', en: 'Amount' },
  reason: { th: 'สาเหตุ', en: 'Reason' },
  firstResponse: { th: 'การตอบกลับครั้งแรก', en: 'first response' },
  resolution: { th: 'การแก้ไข', en: 'resolution' },
} as const satisfies Record<string, Phrase>;


const PAYMENT_REASONS: Record<string, Phrase> = {
  not_credited: { th: 'ชำระแล้วแต่เครดิตไม่เข้าตามเวลา', en: 'paid but not credited in time' },
  pending_too_long: { th: 'รายการเติมเงินค้างนานเกินไป', en: 'top-up pending too long' },
  payment_failed: { th: 'การชำระเงินล้มเหลว', en: 'payment failed' },
  webhook_timeout: { th: 'ไม่ได้รับผลจากผู้ให้บริการชำระเงิน (webhook หมดเวลา)', en: 'payment gateway webhook timed out' },
};

/** "25 min", "2 h 5 min", "3 d 4 h"; Thai in the same shape. */
export function formatDuration(ms: number, l: Language): string {
  const minutes = Math.max(0, Math.round(ms / 60_000));
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  const unit = l === 'th' ? { d: 'วัน', h: 'ชม.', m: 'นาที' } : { d: 'd', h: 'h', m: 'min' };
  if (d > 0) return `${d} ${unit.d}${h ? ` ${h} ${unit.h}` : ''}`;
  if (h > 0) return `${h} ${unit.h}${m ? ` ${m} ${unit.m}` : ''}`;
  return `${m} ${unit.m}`;
}

/** "14:30" in the org's time zone. */
export function clockTime(at: Date, timeZone: string): string {
  return localMoment(timeZone, at).time;
}

interface AlertCase {
  id: string;
  orgId: string;
  number: string;
  severity: Severity;
  isOpen: boolean;
  ownerStaffId: string | null;
  ownerName: string | null;
  createdAt: Date;
  resolutionDueAt: Date | null;
  typeName: Phrase;
  customer: string | null;
  timeZone: string;
}

async function loadAlertCase(trx: Knex.Transaction, caseId: string): Promise<AlertCase | undefined> {
  const r = await caseForStaff(trx, caseId);
  if (!r) return undefined;
  return {
    id: r.id,
    orgId: r.org_id,
    number: r.number,
    severity: r.severity,
    isOpen: CASE_STATUS[r.status as CaseStatus].isOpen,
    ownerStaffId: r.owner_staff_id,
    ownerName: r.owner_name ?? null,
    createdAt: new Date(r.created_at),
    resolutionDueAt: r.resolution_due_at ? new Date(r.resolution_due_at) : null,
    typeName: { th: r.name_th, en: r.name_en },
    customer: r.contact_name ?? r.contact_external_ref ?? null,
    timeZone: r.time_zone,
  };
}

/** An SLA warning (to the owner, or the case's groups when unowned), an escalation (to the managers' groups) or a payment alert (to the case's groups). */
export async function sendCaseAlert(deps: StaffDeps, trx: Knex.Transaction, job: CaseAlertJob): Promise<{ posted: number }> {
  // Two runs of the job queue here; the second then sees the first's record.
  if (!(await lockCase(trx, job.caseId))) return { posted: 0 };
  const already = await trx('case_events').where({ case_id: job.caseId, type: 'staff_alerted' }).whereRaw(`data->>'caseEventId' = ?`, [String(job.caseEventId)]).first('id');
  if (already) return { posted: 0 };
  const source = await trx('case_events').where({ id: job.caseEventId, case_id: job.caseId }).first();
  const c = await loadAlertCase(trx, job.caseId);
  if (!source || !c) return { posted: 0 };
  // The org's own switch for this kind of alert (Settings, seed 004 section 4.7.5).
  const org = await orgSettingsRow(trx, c.orgId);
  if (staffAlertsOf(org?.settings)[SWITCH[job.kind]] === false) return { posted: 0 };
  const extra = job.kind === 'provider_overdue' ? await providerWait(trx, c.id, source) : undefined;
  // A provider that answered, or a case that moved on, is no longer overdue.
  if (job.kind === 'provider_overdue' && !extra) return { posted: 0 };
  // A warning about a case resolved meanwhile is no longer news; breaches and payment alerts still are.
  const stale = job.kind === 'sla_warning' && !c.isOpen;
  const toOwnerFirst = job.kind === 'sla_warning' || job.kind === 'provider_overdue';

  const now = deps.now?.() ?? new Date();
  const view = { type: 'postback' as const, data: staffActionData(deps.actionKey, { orgId: c.orgId, name: 'case.view', subjectId: c.id, now }), displayText: c.number };
  const alert = (l: Language): OutboundMessage => {
    const a = ALERTS[job.kind](c, { ...(source.data ?? {}), ...extra }, l, now);
    return {
      kind: 'card',
      card: { altText: a.line, title: `${a.title} · ${c.number}`, subtitle: c.typeName[l], tone: c.severity, fields: a.fields, body: a.line, actions: [{ ...view, label: W.view[l] }] },
    };
  };

  const sentTo: Recipient[] = [];
  if (!stale && toOwnerFirst && c.ownerStaffId) {
    const owner = await staffById(trx, c.orgId, c.ownerStaffId);
    if (owner?.lineUserId && (await postToStaffMember(trx, owner, [alert(owner.language)], { caseId: c.id }))) sentTo.push({ staffId: owner.id });
  }
  if (!stale && sentTo.length === 0) {
    if (job.kind === 'escalated') sentTo.push(...(await postToManagers(trx, c.orgId, (l) => [alert(l)], { caseId: c.id })));
    else {
      for (const g of await groupsForCase(trx, c.id)) {
        if (await postToGroup(trx, g, [alert(g.language)], { caseId: c.id })) sentTo.push({ groupId: g.id });
      }
    }
  }
  await recordCaseEvent(trx, { orgId: c.orgId, caseId: c.id, type: 'staff_alerted', actor: { type: 'system', id: null }, isPublic: false, data: { caseEventId: String(job.caseEventId), kind: job.kind, to: sentTo } });
  return { posted: sentTo.length };
}

const SWITCH: Record<CaseAlertJob['kind'], keyof StaffAlerts> = { sla_warning: 'slaWarning', escalated: 'escalated', payment_alert: 'paymentAlert', provider_overdue: 'providerOverdue' };

/**
 * The wait a provider-overdue alert is about, while it still stands: the case still waits on its
 * provider since that very move, and nothing came from the provider since. Its provider's name and
 * time to answer, or undefined when it no longer stands.
 */
async function providerWait(trx: Knex.Transaction, caseId: string, wait: { id: string; created_at: Date }): Promise<{ provider: string; givenMinutes: number; since: Date } | undefined> {
  const row = await trx('cases').join('providers', 'providers.id', 'cases.provider_id').where('cases.id', caseId).first('cases.status', 'providers.name', 'providers.default_sla_minutes');
  if (!row || row.status !== 'waiting_provider') return undefined;
  const later = await trx('case_events')
    .where({ case_id: caseId })
    .andWhere('id', '>', wait.id)
    .whereIn('type', ['status_changed', 'provider_message'])
    .first('id');
  if (later) return undefined;
  return { provider: row.name, givenMinutes: row.default_sla_minutes ?? 0, since: new Date(wait.created_at) };
}

type AlertText = { title: string; line: string; fields: CardField[] };

const ALERTS: Record<CaseAlertJob['kind'], (c: AlertCase, data: Record<string, any>, l: Language, now: Date) => AlertText> = {
  sla_warning(c, _data, l, now) {
    const due = c.resolutionDueAt ?? now;
    const at = clockTime(due, c.timeZone);
    const left = formatDuration(due.getTime() - now.getTime(), l);
    return {
      title: W.slaTitle[l],
      line: l === 'th' ? `${c.number} จะเกิน SLA เวลา ${at} น. (เหลืออีก ${left}) ค่ะ` : `${c.number} will breach its SLA at ${at} (${left} left)`,
      fields: [
        { label: W.owner[l], value: c.ownerName ?? W.nobody[l] },
        { label: W.severity[l], value: SEVERITY_LABEL[c.severity][l] },
      ],
    };
  },
  escalated(c, data, l, now) {
    const clock = data.clock === 'first_response' ? W.firstResponse[l] : W.resolution[l];
    const parts = [l === 'th' ? `${c.number} เกิน SLA ${clock}แล้วค่ะ` : `${c.number} breached its ${clock} SLA.`];
    if (data.severity?.from && data.severity?.to) {
      const [from, to] = [SEVERITY_LABEL[data.severity.from as Severity]?.[l] ?? data.severity.from, SEVERITY_LABEL[data.severity.to as Severity]?.[l] ?? data.severity.to];
      parts.push(l === 'th' ? `ปรับความรุนแรง ${from} → ${to}` : `Severity raised: ${from} → ${to}.`);
    }
    if (data.owner?.to) parts.push(l === 'th' ? `มอบหมายให้ ${c.ownerName ?? '-'}` : `Reassigned to ${c.ownerName ?? '-'}.`);
    return {
      title: W.escalatedTitle[l],
      line: parts.join(' '),
      fields: [
        { label: W.owner[l], value: c.ownerName ?? W.nobody[l] },
        { label: W.severity[l], value: SEVERITY_LABEL[c.severity][l] },
        { label: W.elapsed[l], value: formatDuration(now.getTime() - c.createdAt.getTime(), l) },
        { label: W.customer[l], value: c.customer ?? '-' },
      ],
    };
  },
  provider_overdue(c, data, l, now) {
    const waited = formatDuration(now.getTime() - new Date(data.since).getTime(), l);
    const given = formatDuration(Number(data.givenMinutes) * 60_000, l);
    return {
      title: W.providerTitle[l],
      line:
        l === 'th'
          ? `${c.number}: ${data.provider} ยังไม่ตอบ รอมาแล้ว ${waited} (ให้เวลา ${given}) ค่ะ`
          : `${c.number}: ${data.provider} has not answered in ${waited} (given ${given})`,
      fields: [
        { label: W.provider[l], value: String(data.provider) },
        { label: W.waiting[l], value: waited },
        { label: W.owner[l], value: c.ownerName ?? W.nobody[l] },
      ],
    };
  },
  payment_alert(c, data, l) {
    const reason = PAYMENT_REASONS[data.reason]?.[l] ?? String(data.reason ?? '-');
    const money = formatMoney(data.amount, data.currency);
    const customer = c.customer ?? data.username ?? '-';
    return {
      title: W.paymentTitle[l],
      line:
        l === 'th'
          ? `${c.number}: ${reason} · ออเดอร์ ${data.orderId ?? '-'} · ${money} · ลูกค้า ${customer}`
          : `${c.number}: ${reason} · order ${data.orderId ?? '-'} · ${money} · customer ${customer}`,
      fields: [
        { label: W.reason[l], value: reason },
        { label: W.order[l], value: String(data.orderId ?? '-') },
        { label: W.amount[l], value: money },
        { label: W.customer[l], value: customer },
      ],
    };
  },
};
