import type { Knex } from 'knex';
import { casesJoinedToTypes } from '../cases/case-queries.ts';
import { takeOnce } from '../org-counters.ts';
import { localMoment } from '../time/org-time.ts';
import type { Action, OutboundMessage } from '../messaging/outbound-message.ts';
import { SEVERITIES, type Language, type Severity } from '../vocabulary.ts';
import { managersGroups } from './routing.ts';
import { staffActionData } from './staff-buttons.ts';
import { postToGroup, type StaffDeps } from './staff-desk.ts';
import { formatDuration } from './staff-alerts.ts';
import { SEVERITY_LABEL } from './staff-phrases.ts';

/**
 * The managers' daily digest: open cases by severity, SLA breaches in the last 24 hours, the three
 * oldest open cases (each with a button to open it) and the top case types of the last 7 days,
 * posted to every managers' group of the org.
 *
 * When: `orgs.settings.digestTime`, "HH:MM" in the org's time zone (`orgs.time_zone`), default
 * 09:00. The staff worker looks every minute; the first look at or after that time on a local day
 * sends it. Once per org and local date, however many workers look: an `org_counters` row named
 * `digest:<YYYY-MM-DD>` is claimed in the transaction that posts, and a second claim finds it taken.
 * An org without an active managers' group is skipped (and gets that day's digest as soon as
 * one is set up, if the time has passed).
 */
export const DEFAULT_DIGEST_TIME = '09:00';
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;

export function digestTimeOf(settings: Record<string, unknown> | null | undefined): string {
  const t = settings?.digestTime;
  return typeof t === 'string' && HHMM.test(t) ? t : DEFAULT_DIGEST_TIME;
}

/** Every org whose digest time has come today (its own time zone) and has not had it: the managers' digest. */
export async function sendDueDigests(deps: StaffDeps, now: Date): Promise<{ sent: number }> {
  const orgs = await deps.knex('orgs')
    .select('id', 'time_zone', 'settings')
    .whereExists((q) => q.select(deps.knex.raw('1')).from('staff_groups').whereRaw('staff_groups.org_id = orgs.id').where({ purpose: 'managers', is_active: true }));
  let sent = 0;
  let failure: unknown;
  for (const org of orgs) {
    const local = localMoment(org.time_zone, now);
    if (local.time < digestTimeOf(org.settings)) continue;
    // One org's trouble must not keep the others' digests back.
    try {
      if (await sendDigest(deps, org.id, org.time_zone, local.date, now)) sent++;
    } catch (err) {
      failure ??= err;
    }
  }
  if (failure) throw failure;
  return { sent };
}

async function sendDigest(deps: StaffDeps, orgId: string, timeZone: string, date: string, now: Date): Promise<boolean> {
  return deps.knex.transaction(async (trx) => {
    if (!(await takeOnce(trx, orgId, `digest:${date}`))) return false;
    const facts = await digestFacts(trx, orgId, now);
    for (const g of await managersGroups(trx, orgId)) {
      // Not `now` for the push: the digest goes out when it is made, whatever instant it is about.
      await postToGroup(trx, g, [digestCard(deps, facts, { orgId, date, timeZone, language: g.language, now })]);
    }
    return true;
  });
}

interface DigestFacts {
  open: Record<Severity, number>;
  breaches: { count: number; numbers: string[] };
  oldest: { id: string; number: string; severity: Severity; createdAt: Date; typeName: Record<Language, string>; owner: string | null }[];
  topTypes: { name: Record<Language, string>; count: number }[];
}

const OPEN = ['resolved', 'closed'];

async function digestFacts(trx: Knex.Transaction, orgId: string, now: Date): Promise<DigestFacts> {
  const dayAgo = new Date(now.getTime() - 86_400_000);
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  type Row = Record<string, any>;
  // One after the other: a transaction is one connection, which runs one query at a time (four at
  // once were queued by node-postgres, which pg@9 will refuse; test/support/one-query-at-a-time.ts).
  const bySeverity: Row[] = await trx('cases').select('severity').count({ n: '*' }).where({ org_id: orgId }).whereNotIn('status', OPEN).groupBy('severity');
  const breached: Row[] = await trx('case_events as e')
    .join('cases as c', 'c.id', 'e.case_id')
    .where({ 'e.org_id': orgId, 'e.type': 'sla_breach' })
    .andWhere('e.created_at', '>', dayAgo)
    .andWhere('e.created_at', '<=', now)
    .groupBy('c.id', 'c.number')
    .select('c.number')
    .min({ first: 'e.created_at' })
    .orderBy('first');
  const oldest: Row[] = await casesJoinedToTypes(trx)
    .leftJoin('staff as s', 's.id', 'cases.owner_staff_id')
    .where({ 'cases.org_id': orgId })
    .whereNotIn('cases.status', OPEN)
    .orderBy('cases.created_at')
    .limit(3)
    .select('cases.id', 'cases.number', 'cases.severity', 'cases.created_at', 'case_types.name_th', 'case_types.name_en', 's.display_name as owner');
  const topTypes: Row[] = await casesJoinedToTypes(trx)
    .where({ 'cases.org_id': orgId })
    .andWhere('cases.created_at', '>', weekAgo)
    .andWhere('cases.created_at', '<=', now)
    .groupBy('case_types.id', 'case_types.name_th', 'case_types.name_en')
    .select('case_types.name_th', 'case_types.name_en')
    .count({ n: '*' })
    .orderBy([{ column: 'n', order: 'desc' }, { column: 'case_types.name_en' }])
    .limit(3);
  const open = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const r of bySeverity) open[r.severity as Severity] = Number(r.n);
  return {
    open,
    breaches: { count: breached.length, numbers: breached.map((r) => r.number) },
    oldest: oldest.map((r) => ({ id: r.id, number: r.number, severity: r.severity, createdAt: new Date(r.created_at), typeName: { th: r.name_th, en: r.name_en }, owner: r.owner })),
    topTypes: topTypes.map((r) => ({ name: { th: String(r.name_th), en: String(r.name_en) }, count: Number(r.n) })),
  };
}

const W = {
  title: { th: 'สรุปประจำวัน', en: 'Daily digest' },
  open: { th: 'เคสที่เปิดอยู่', en: 'Open cases' },
  breaches: { th: 'เกิน SLA (24 ชม.)', en: 'SLA breaches (24 h)' },
  oldest: { th: 'เคสที่ค้างนานที่สุด', en: 'Oldest open cases' },
  topTypes: { th: 'ประเภทเคสที่พบบ่อย (7 วัน)', en: 'Top case types (7 days)' },
  none: { th: 'ไม่มี', en: 'none' },
  nobody: { th: 'ยังไม่มีผู้รับเรื่อง', en: 'nobody' },
} as const satisfies Record<string, Record<Language, string>>;

/** "Thu 15 Jan 2026" / "พฤ. 15 ม.ค. 2569": the local date the digest is for. */
export function digestDateLabel(date: string, l: Language): string {
  return new Intl.DateTimeFormat(l === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' }).format(new Date(`${date}T00:00:00Z`));
}

function digestCard(deps: StaffDeps, f: DigestFacts, o: { orgId: string; date: string; timeZone: string; language: Language; now: Date }): OutboundMessage {
  const l = o.language;
  const total = SEVERITIES.reduce((n, s) => n + f.open[s], 0);
  const bySeverity = SEVERITIES.map((s) => `${SEVERITY_LABEL[s][l]} ${f.open[s]}`).join(' · ');
  const breaches = f.breaches.count ? `${f.breaches.count} · ${f.breaches.numbers.slice(0, 5).join(', ')}${f.breaches.count > 5 ? '…' : ''}` : `0`;
  const oldest = f.oldest.length
    ? f.oldest.map((c) => `• ${c.number} ${c.typeName[l]} · ${SEVERITY_LABEL[c.severity][l]} · ${formatDuration(o.now.getTime() - c.createdAt.getTime(), l)} · ${c.owner ?? W.nobody[l]}`).join('\n')
    : `• ${W.none[l]}`;
  const top = f.topTypes.length ? f.topTypes.map((t) => `• ${t.name[l]} ${t.count}`).join('\n') : `• ${W.none[l]}`;
  const title = `${W.title[l]} · ${digestDateLabel(o.date, l)}`;
  const actions: Action[] = f.oldest.map((c) => ({
    type: 'postback',
    label: c.number,
    displayText: c.number,
    data: staffActionData(deps.actionKey, { orgId: o.orgId, name: 'case.view', subjectId: c.id, now: o.now }),
  }));
  return {
    kind: 'card',
    card: {
      altText: `${title}: ${W.open[l]} ${total}, ${W.breaches[l]} ${f.breaches.count}`,
      title,
      tone: 'neutral',
      fields: [
        { label: W.open[l], value: `${total} (${bySeverity})` },
        { label: W.breaches[l], value: breaches },
      ],
      body: `${W.oldest[l]}\n${oldest}\n\n${W.topTypes[l]}\n${top}`,
      actions,
    },
  };
}
