import type { Knex } from 'knex';
import { allowedCaseActions, staffActor } from '../cases/case-commands.ts';
import { caseTime } from '../cases/case-clock.ts';
import { caseFilesById } from '../cases/case-files.ts';
import { casesWithType } from '../cases/case-queries.ts';
import { CASE_STATUS, OPEN_CASE_STATUSES } from '../cases/case-status.ts';
import { rootCausesOf } from '../cases/transition.ts';
import { notFound } from '../errors/index.ts';
import { mediaUrl } from '../media/media-links.ts';
import { iso } from '../time/iso.ts';
import type { CaseStatus, StaffRole } from '../vocabulary.ts';
import { ATTACHMENT_KINDS } from '../media/attachment-messages.ts';
import { staffWhoWork, type StaffDeps } from './staff-desk.ts';

/**
 * What the staff desk (the LIFF app) reads of cases: a queue by due time and one case whole, with
 * the names a person reads instead of ids, and what the viewer's role may do to it now, by the
 * same rules the LINE buttons and the desk's actions apply (core/cases/case-commands.ts).
 */
type Db = Knex;

export interface DeskViewer {
  id: string;
  orgId: string;
  role: StaffRole;
}

export type DeskQueueView = 'mine' | 'open' | 'unassigned';

/**
 * Which SLA clock an open case has missed, the first response first: a case nobody answered past
 * its first-response time was escalated without its resolution clock being over, and the queue
 * did not mark it.
 */
function breachOf(r: Record<string, any>, now: Date): 'first_response' | 'resolution' | null {
  const open = CASE_STATUS[r.status as CaseStatus].isOpen;
  if (open && !r.first_responded_at && r.first_response_due_at && new Date(r.first_response_due_at) < now) return 'first_response';
  if (r.sla_breached_at || (open && r.resolution_due_at && new Date(r.resolution_due_at) < now)) return 'resolution';
  return null;
}

const rowOf = (r: Record<string, any>, now: Date) => ({
  number: r.number as string,
  type: { th: r.type_name_th as string, en: r.type_name_en as string },
  status: r.status as CaseStatus,
  severity: r.severity as string,
  version: r.version as number,
  ownerStaffId: (r.owner_staff_id ?? null) as string | null,
  ownerName: (r.owner_name ?? null) as string | null,
  customerName: (r.customer_name ?? null) as string | null,
  openedAt: iso(r.created_at as Date)!,
  firstResponseDueAt: r.first_responded_at ? null : iso(r.first_response_due_at),
  resolutionDueAt: iso(r.resolution_due_at),
  breached: breachOf(r, now) !== null,
  breach: breachOf(r, now),
});

const withNames = (db: Db, orgId: string) =>
  casesWithType(db, orgId)
    .leftJoin('staff as owner', 'owner.id', 'cases.owner_staff_id')
    .leftJoin('contacts as customer', 'customer.id', 'cases.contact_id')
    .select('owner.display_name as owner_name', 'customer.display_name as customer_name');

/** Open cases, the most urgent first (by resolution due time): mine, everyone's, or nobody's. */
export async function deskQueue(db: Db, viewer: DeskViewer, view: DeskQueueView, now = new Date()) {
  const q = withNames(db, viewer.orgId).whereIn('cases.status', OPEN_CASE_STATUSES).orderByRaw('cases.resolution_due_at NULLS LAST').orderBy('cases.created_at').limit(200);
  if (view === 'mine') q.where('cases.owner_staff_id', viewer.id);
  if (view === 'unassigned') q.whereNull('cases.owner_staff_id');
  return { view, cases: (await q).map((r) => rowOf(r, now)) };
}

/** One case with its customer, orders, provider, clocks, whole timeline and the viewer's choices; not found when it is not the org's. */
export async function deskCase(db: Db, deps: Pick<StaffDeps, 'publicBaseUrl' | 'mediaLinkKey'>, viewer: DeskViewer, number: string, now = new Date()) {
  const r = await withNames(db, viewer.orgId)
    .leftJoin('providers as provider', 'provider.id', 'cases.provider_id')
    .leftJoin('conversations as chat', 'chat.id', 'cases.conversation_id')
    .leftJoin('channels as channel', 'channel.id', 'chat.channel_id')
    .select(
      'customer.phone as customer_phone',
      'customer.email as customer_email',
      'customer.is_vip as customer_vip',
      'provider.key as provider_key',
      'provider.name as provider_name',
      'channel.kind as channel_kind',
      'case_types.sop as type_sop',
    )
    .where('cases.number', number)
    .first();
  if (!r) throw notFound('Case', { number });
  const status = r.status as CaseStatus;

  const [events, clock, rootCauses, providers, assignees] = await Promise.all([
    db('case_events as e')
      // actor_id is text (it may name an API key or a contact): compared as text.
      .leftJoin('staff as s', (j) => j.on(db.raw(`s.id::text = e.actor_id AND e.actor_type = 'staff'`)))
      .select('e.*', 's.display_name as actor_name')
      .where('e.case_id', r.id)
      .orderBy('e.id'),
    caseTime(db, r.id, now).then((t) => t.clock),
    rootCausesOf(db, viewer.orgId),
    db('providers').select('key', 'name').where({ org_id: viewer.orgId, is_active: true }).whereNull('paused_at').orderBy('name'),
    staffWhoWork(db, viewer.orgId),
  ]);

  // Files on the timeline's messages, as signed links to our copy (the media worker stores them).
  const messageIds = events.flatMap((e) => {
    const d = (e.data ?? {}) as Record<string, any>;
    return [d.messageId, d.attachment?.messageId].filter((id): id is string => typeof id === 'string');
  });
  const files = messageIds.length ? await db('messages').select('id', 'kind').whereIn('id', messageIds).whereIn('kind', ATTACHMENT_KINDS as string[]) : [];
  const fileKind = new Map(files.map((f) => [f.id as string, f.kind as string]));
  // From the desk's own origin, as the Inbox's thread links them (PUBLIC_BASE_URL may be another door to the same server).
  const url = (id: string) => {
    const signed = mediaUrl(deps.publicBaseUrl(), deps.mediaLinkKey, id, { now });
    return signed.slice(signed.indexOf('/media/'));
  };
  const link = (id: unknown) => (typeof id === 'string' && fileKind.has(id) ? [{ kind: fileKind.get(id)!, url: url(id) }] : []);
  // A note's files (core/cases/case-files.ts), by their names, through the same signed link.
  const noteFilesOf = (d: Record<string, any>) => (Array.isArray(d.files) ? (d.files as { id?: unknown }[]).map((f) => f.id).filter((id): id is string => typeof id === 'string') : []);
  const caseFiles = await caseFilesById(db, viewer.orgId, events.filter((e) => e.type === 'note').flatMap((e) => noteFilesOf(e.data ?? {})));
  const noteFiles = (d: Record<string, any>) =>
    noteFilesOf(d).flatMap((id) => {
      const f = caseFiles.get(id);
      return f ? [{ kind: f.kind, url: url(id), name: f.name }] : [];
    });

  // Owner changes name people: "to" is the new owner's name.
  const ownerIds = events.filter((e) => e.type === 'owner_changed').map((e) => (e.data as { to?: unknown })?.to).filter((id): id is string => typeof id === 'string');
  const names = new Map<string, string>(
    ownerIds.length ? (await db('staff').select('id', 'display_name').whereIn('id', ownerIds)).map((s) => [s.id as string, s.display_name as string]) : [],
  );
  const providerKeys = events.filter((e) => e.type === 'provider_changed').map((e) => (e.data as { key?: unknown })?.key).filter((k): k is string => typeof k === 'string');
  const providerNames = new Map<string, string>(
    providerKeys.length ? (await db('providers').select('key', 'name').where({ org_id: viewer.orgId }).whereIn('key', providerKeys)).map((p) => [p.key as string, p.name as string]) : [],
  );
  const movedTo = (type: string, d: Record<string, any>): string | null => {
    if (type === 'owner_changed') return names.get(d.to) ?? null;
    if (type === 'provider_changed') return typeof d.key === 'string' ? (providerNames.get(d.key) ?? d.key) : null;
    // A correction: the new type (or, alone, the new severity); the reason is its text.
    if (type === 'corrected') return (d.caseType ?? d.severity)?.to ?? null;
    return typeof d.to === 'string' ? d.to : null;
  };

  const { allowed, refusals } = allowedCaseActions(staffActor(viewer), { ownerStaffId: r.owner_staff_id ?? null, ownerName: r.owner_name ?? null });

  return {
    ...rowOf(r, now),
    summary: (r.summary ?? null) as string | null,
    sop: (r.type_sop?.trim() || null) as string | null,
    rootCause: (r.root_cause ?? null) as string | null,
    orderIds: (r.order_ids ?? []) as string[],
    fields: (r.fields ?? {}) as Record<string, unknown>,
    customer: r.contact_id
      ? { id: r.contact_id as string, name: r.customer_name ?? null, phone: r.customer_phone ?? null, email: r.customer_email ?? null, channel: r.channel_kind ?? null, vip: Boolean(r.customer_vip) }
      : null,
    provider: r.provider_key ? { key: r.provider_key as string, name: r.provider_name as string } : null,
    clocks: {
      firstResponseDueAt: iso(r.first_response_due_at),
      firstRespondedAt: iso(r.first_responded_at),
      resolution: { state: clock.state, dueAt: iso(clock.dueAt), remainingMinutes: clock.remainingMinutes, breached: clock.breached },
    },
    canWriteToCustomer: Boolean(r.conversation_id) && status !== 'closed',
    // A note sent to the customer too says so itself: the replies that carried it are not shown twice.
    timeline: events.filter((e) => !(e.type === 'message_out' && e.data?.fromNoteEventId)).map((e) => {
      const d = (e.data ?? {}) as Record<string, any>;
      return {
        at: iso(e.created_at as Date)!,
        type: e.type as string,
        public: e.is_public as boolean,
        actor: { type: e.actor_type as string, name: (e.actor_name ?? null) as string | null },
        text: typeof d.text === 'string' ? d.text : e.type === 'corrected' && typeof d.reason === 'string' ? d.reason : null,
        from: e.type === 'status_changed' || e.type === 'reopened' ? (d.from ?? null) : null,
        to: movedTo(e.type, d),
        rootCause: typeof d.rootCause === 'string' ? d.rootCause : null,
        attachments: [...link(d.messageId), ...link(d.attachment?.messageId), ...(e.type === 'note' ? noteFiles(d) : [])],
        ...(e.type === 'note' && d.sentToCustomer === true ? { sentToCustomer: true } : {}),
      };
    }),
    allowed,
    refusals,
    nextStatuses: [...CASE_STATUS[status].next],
    rootCauses,
    providers,
    assignees,
  };
}
