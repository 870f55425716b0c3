import { reassignCase, takeCase } from '../../core/cases/case-assignment.ts';
import { caseState, lockCaseForAction, type LockedCase } from '../../core/cases/case-queries.ts';
import { CASE_STATUS, canTransitionCase } from '../../core/cases/case-status.ts';
import type { CaseStatus, Language } from '../../core/vocabulary.ts';
import { setCaseProvider } from '../../core/cases/case-provider.ts';
import { activeProviders, providerIdOfKey } from '../../core/providers/provider-directory.ts';
import { rootCausesOf, transitionCase } from '../../core/cases/transition.ts';
import { DomainError } from '../../core/errors/index.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { canStaff, type StaffAction } from '../../core/access/roles.ts';
import { BUTTON_STATUSES, buildCaseCard, caseButtons, type ButtonStatus } from '../../core/staff/case-card.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { postToStaffMember, staffById, staffToAssign } from '../../core/staff/staff-desk.ts';
import { BUTTON_USED, say, type Phrase } from '../../core/staff/staff-phrases.ts';
import type { ActionContext, ActionTable } from './staff-actions.ts';
import { answer } from './staff-scene.ts';

/**
 * Card buttons on a case: Take, the working statuses, Resolve with a root cause, View.
 *
 * Every button acts on the case as it is now, not as the card showed it: the case row is locked
 * first, so taps on the same case take turns and each sees what the one before did (two people
 * tapping Take on the same card: the second is told who has it). Then the role is checked against
 * the current owner, the token's nonce is spent, and only then does anything change.
 */

const PHRASES = {
  took: { th: '{who} รับเคส {n} แล้วค่ะ', en: '{who} took {n}' },
  tookOver: { th: '{who} รับเคส {n} ต่อจาก {owner} แล้วค่ะ', en: '{who} took over {n} from {owner}' },
  alreadyHas: { th: '{owner} รับเคส {n} ไปแล้วค่ะ', en: '{owner} already has {n}' },
  alreadyYours: { th: 'คุณรับเคส {n} อยู่แล้วค่ะ', en: 'You already have {n}' },
  nothingToTake: { th: 'เคส {n} อยู่ในสถานะ {status} แล้ว ไม่ต้องรับค่ะ', en: '{n} is {status}: there is nothing to take.' },
  moved: { th: '{who}: {n} -> {status}', en: '{who}: {n} -> {status}' },
  resolved: { th: '{who}: {n} -> {status} (สาเหตุ: {cause})', en: '{who}: {n} -> {status} (root cause: {cause})' },
  alreadyIn: { th: 'เคส {n} อยู่ในสถานะ {status} อยู่แล้วค่ะ', en: '{n} is already {status}.' },
  notAllowed: {
    th: 'เคส {n} อยู่ในสถานะ {status} จึงเปลี่ยนเป็น {target} ไม่ได้ค่ะ เปลี่ยนได้เป็น: {allowed}',
    en: '{n} is {status}, so it cannot go to {target}. It can go to: {allowed}.',
  },
  askAssignee: { th: 'มอบหมายเคส {n} ให้ใครคะ', en: 'Who should take {n}?' },
  nobodyToAssign: { th: 'ยังไม่มีเจ้าหน้าที่คนอื่นที่ลงทะเบียนไว้ค่ะ', en: 'There is nobody else enrolled to give it to.' },
  cannotAssign: { th: 'มอบหมายเคส {n} ให้คนนี้ไม่ได้ค่ะ', en: '{n} cannot be given to this person.' },
  assigned: { th: '{who} มอบหมายเคส {n} ให้ {to} แล้วค่ะ', en: '{who} gave {n} to {to}' },
  assignedToYou: { th: '{who} มอบหมายเคส {n} ให้คุณค่ะ', en: '{who} gave you {n}.' },
  askProvider: { th: 'เคส {n} รอผู้ให้บริการรายไหนคะ', en: 'Which provider is {n} waiting on?' },
  askRootCause: { th: 'สาเหตุของเคส {n} คืออะไรคะ เลือกด้านล่างได้เลยค่ะ', en: 'What was the root cause of {n}? Pick one below.' },
  unknownCause: { th: 'ไม่รู้จักสาเหตุนี้ค่ะ กด "แก้ไขแล้ว" บนการ์ดเพื่อเลือกใหม่ค่ะ', en: 'Unknown root cause. Tap Resolve on the card to pick again.' },
  viewOnly: { th: 'บทบาทของคุณดูเคสได้อย่างเดียว เปลี่ยนแปลงไม่ได้ค่ะ', en: 'Your role can view cases but not change them.' },
  notYours: { th: '{owner} ดูแลเคส {n} อยู่ค่ะ ให้ {owner} หรือผู้จัดการเป็นผู้เปลี่ยนนะคะ', en: '{owner} has {n}: only they or a manager can change it.' },
  noCase: { th: 'ไม่พบเคสนี้ค่ะ', en: 'This case was not found.' },
  changed: { th: 'เคส {n} เพิ่งถูกเปลี่ยน ตอนนี้อยู่ในสถานะ {status} ค่ะ ลองอีกครั้งนะคะ', en: '{n} was just changed and is now {status}. Please try again.' },
  nobody: { th: 'ไม่มี', en: 'none' },
  unknown: { th: 'ไม่รู้จักคำสั่งนี้ค่ะ', en: 'Unknown action.' },
  roleForbids: { th: 'บทบาทของคุณทำรายการนี้ไม่ได้ค่ะ', en: 'Your role cannot do this.' },
} satisfies Record<string, Phrase>;

const ROOT_CAUSE_LABEL: Record<string, Phrase> = {
  provider_issue: { th: 'ผู้ให้บริการขัดข้อง', en: 'Provider issue' },
  payment_gateway: { th: 'ระบบชำระเงิน', en: 'Payment gateway' },
  system_bug: { th: 'ระบบผิดพลาด', en: 'System bug' },
  user_error: { th: 'ผู้ใช้ทำผิดขั้นตอน', en: 'User error' },
  process_error: { th: 'ขั้นตอนงานผิดพลาด', en: 'Process error' },
};
const rootCauseLabel = (cause: string, lang: Language) => ROOT_CAUSE_LABEL[cause]?.[lang] ?? cause;

const statusLabel = (s: CaseStatus, lang: Language) => CASE_STATUS[s].label[lang];

type CaseNow = LockedCase;

/** The case as it is now, locked until this tap is done with it. */
const lockCase = (ctx: ActionContext) => lockCaseForAction(ctx.trx, ctx.token.orgId, ctx.token.subjectId);

const reply = (ctx: ActionContext, text: string, caseId?: string, quickReplies?: Action[]) =>
  answer(ctx.trx, ctx.scene, [{ kind: 'text', text, ...(quickReplies?.length ? { quickReplies } : {}) } satisfies OutboundMessage], { caseId });

/** What can be done next, as quick replies under an answer: the card's buttons, fresh. */
async function nextMoves(ctx: ActionContext, caseId: string): Promise<Action[]> {
  const c = (await caseState(ctx.trx, caseId))!;
  const { footer, more } = caseButtons(
    ctx.deps,
    {
      orgId: ctx.token.orgId,
      caseId,
      number: c.number,
      status: c.status,
      ownerStaffId: c.ownerStaffId,
      language: ctx.scene.language,
      now: ctx.scene.now,
      viewer: ctx.staff,
    },
    QUICK_REPLY_TTL_MS,
  );
  return [...footer, ...more];
}

/** Refuses a change the staff member's role or the case's owner does not allow; undefined when allowed. */
async function refuseChange(ctx: ActionContext, c: CaseNow, action: 'case.set_status' | 'case.resolve'): Promise<string | undefined> {
  const lang = ctx.scene.language;
  const role = await refuseRole(ctx, action, c);
  if (role) return role;
  if (!canStaff(ctx.staff.role, action, { ownerStaffId: c.ownerStaffId, actorStaffId: ctx.staff.id })) {
    await reply(ctx, say(lang, PHRASES.notYours, { owner: c.ownerName ?? '', n: c.number }), c.id);
    return 'refused: owned by someone else';
  }
  return undefined;
}

/** Refuses a move the state machine does not allow from where the case is now; undefined when allowed. */
async function refuseMove(ctx: ActionContext, c: CaseNow, to: CaseStatus): Promise<string | undefined> {
  const lang = ctx.scene.language;
  if (c.status === to) {
    await reply(ctx, say(lang, PHRASES.alreadyIn, { n: c.number, status: statusLabel(to, lang) }), c.id, await nextMoves(ctx, c.id));
    return `unchanged: already ${to}`;
  }
  if (!canTransitionCase(c.status, to)) {
    const allowed = CASE_STATUS[c.status].next.map((s) => statusLabel(s, lang)).join(', ') || PHRASES.nobody[lang];
    await reply(ctx, say(lang, PHRASES.notAllowed, { n: c.number, status: statusLabel(c.status, lang), target: statusLabel(to, lang), allowed }), c.id);
    return `refused: ${c.status} -> ${to}`;
  }
  return undefined;
}

/** Moves the case, tells the customer and answers in the chat; a concurrent change is answered, not thrown. */
async function move(ctx: ActionContext, c: CaseNow, to: CaseStatus, rootCause?: string): Promise<string> {
  const lang = ctx.scene.language;
  try {
    await transitionCase(ctx.trx, { orgId: c.orgId, caseId: c.id, to, actor: { type: 'staff', id: ctx.staff.id }, rootCause, now: ctx.scene.now });
  } catch (err) {
    if (!(err instanceof DomainError) || !['conflict', 'stale_version', 'validation_failed'].includes(err.code)) throw err;
    const now = (await caseState(ctx.trx, c.id))!;
    await reply(ctx, say(lang, PHRASES.changed, { n: c.number, status: statusLabel(now.status, lang) }), c.id);
    return `refused: ${err.code}`;
  }
  const text = rootCause
    ? say(lang, PHRASES.resolved, { who: ctx.staff.displayName, n: c.number, status: statusLabel(to, lang), cause: rootCauseLabel(rootCause, lang) })
    : say(lang, PHRASES.moved, { who: ctx.staff.displayName, n: c.number, status: statusLabel(to, lang) });
  await reply(ctx, text, c.id, await nextMoves(ctx, c.id));
  return `moved: ${c.status} -> ${to}`;
}

/** A quick reply that answers the bot's question about this case: a short-lived signed action. */
const choice = (ctx: ActionContext, c: CaseNow, name: string, arg: string, label: string): Action => ({
  type: 'postback',
  label,
  displayText: label,
  data: staffActionData(ctx.deps.actionKey, { orgId: c.orgId, name, arg, subjectId: c.id, now: ctx.scene.now, ttlMs: QUICK_REPLY_TTL_MS }),
});

/** Refuses a role the table does not allow this action; undefined when allowed. */
async function refuseRole(ctx: ActionContext, action: StaffAction, c?: CaseNow): Promise<string | undefined> {
  if (canStaff(ctx.staff.role, action)) return undefined;
  const readOnly = canStaff(ctx.staff.role, 'case.view') && action !== 'case.reassign';
  await reply(ctx, say(ctx.scene.language, readOnly ? PHRASES.viewOnly : PHRASES.roleForbids), c?.id);
  return 'refused: role';
}

const noCase = async (ctx: ActionContext) => {
  await reply(ctx, say(ctx.scene.language, PHRASES.noCase));
  return 'refused: no such case';
};
const replayed = async (ctx: ActionContext, c: CaseNow) => {
  await reply(ctx, say(ctx.scene.language, BUTTON_USED), c.id);
  return 'refused: replayed';
};

async function take(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const role = await refuseRole(ctx, 'case.take', c);
  if (role) return role;
  if (!CASE_STATUS[c.status].isOpen) {
    await reply(ctx, say(lang, PHRASES.nothingToTake, { n: c.number, status: statusLabel(c.status, lang) }), c.id);
    return `refused: ${c.status}`;
  }
  if (c.ownerStaffId === ctx.staff.id) {
    await reply(ctx, say(lang, PHRASES.alreadyYours, { n: c.number }), c.id);
    return 'unchanged: already theirs';
  }
  // Support takes only a case nobody has; a manager or an admin may take it over.
  if (c.ownerStaffId && !canStaff(ctx.staff.role, 'case.reassign')) {
    await reply(ctx, say(lang, PHRASES.alreadyHas, { owner: c.ownerName ?? '', n: c.number }), c.id);
    return 'refused: taken';
  }
  if (!(await ctx.spend())) return replayed(ctx, c);

  const seen = { orgId: c.orgId, caseId: c.id, version: c.version, ownerStaffId: c.ownerStaffId, status: c.status };
  if (!(await takeCase(ctx.trx, seen, ctx.staff.id, ctx.scene.now)).taken) {
    const now = await lockCase(ctx);
    await reply(ctx, say(lang, PHRASES.alreadyHas, { owner: now?.ownerName ?? '', n: c.number }), c.id);
    return 'refused: taken';
  }
  const text = c.ownerStaffId
    ? say(lang, PHRASES.tookOver, { who: ctx.staff.displayName, n: c.number, owner: c.ownerName ?? '' })
    : say(lang, PHRASES.took, { who: ctx.staff.displayName, n: c.number });
  await reply(ctx, text, c.id, await nextMoves(ctx, c.id));
  return c.ownerStaffId ? 'taken over' : 'taken';
}

async function setStatus(ctx: ActionContext): Promise<string> {
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const to = ctx.arg as ButtonStatus;
  if (!(BUTTON_STATUSES as readonly string[]).includes(to)) {
    await reply(ctx, say(ctx.scene.language, PHRASES.unknown), c.id);
    return `refused: unknown status ${ctx.arg}`;
  }
  const refused = (await refuseChange(ctx, c, 'case.set_status')) ?? (await refuseMove(ctx, c, to));
  if (refused) return refused;
  if (to === 'waiting_provider' && !c.providerId) {
    const asked = await askProvider(ctx, c);
    if (asked) return asked;
  }
  if (!(await ctx.spend())) return replayed(ctx, c);
  return move(ctx, c, to);
}

/**
 * Waiting on a provider, but which one? The provider's group is told (core/staff/provider-handoff.ts),
 * so the bot asks first, with the org's active providers as quick replies; nothing is spent yet.
 * Undefined when the org has no providers: the case just waits.
 */
async function askProvider(ctx: ActionContext, c: CaseNow): Promise<string | undefined> {
  // A paused provider (core/providers/provider-pause.ts) takes no new case: it is not offered.
  const providers = await activeProviders(ctx.trx, c.orgId, { takingNewCases: true, limit: 13 });
  if (providers.length === 0) return undefined;
  const quickReplies: Action[] = providers
    .filter((p) => Buffer.byteLength(`case.wait_on:${p.key}`) <= 64)
    .map((p) => choice(ctx, c, 'case.wait_on', p.key, p.name));
  await reply(ctx, say(ctx.scene.language, PHRASES.askProvider, { n: c.number }), c.id, quickReplies);
  return 'asked for the provider';
}

/** The provider picked: it goes on the case, and the case waits on it. */
async function waitOnProvider(ctx: ActionContext): Promise<string> {
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const refused = (await refuseChange(ctx, c, 'case.set_status')) ?? (await refuseMove(ctx, c, 'waiting_provider'));
  if (refused) return refused;
  const provider = await providerIdOfKey(ctx.trx, c.orgId, ctx.arg ?? '', { activeOnly: true });
  if (!provider) {
    await reply(ctx, say(ctx.scene.language, PHRASES.unknown), c.id);
    return `refused: unknown provider ${ctx.arg}`;
  }
  if (!(await ctx.spend())) return replayed(ctx, c);
  await setCaseProvider(ctx.trx, { orgId: c.orgId, caseId: c.id, providerKey: ctx.arg!, actor: { type: 'staff', id: ctx.staff.id } });
  return move(ctx, c, 'waiting_provider');
}

/** Resolve asks first: the root cause, as quick replies. Nothing changes yet, so nothing is spent. */
async function askRootCause(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const refused = (await refuseChange(ctx, c, 'case.resolve')) ?? (await refuseMove(ctx, c, 'resolved'));
  if (refused) return refused;
  const causes = (await rootCausesOf(ctx.trx, c.orgId))
    // The cause rides in the signed action (at most 64 bytes); a longer word of the org's own cannot be offered.
    .filter((cause) => Buffer.byteLength(`case.resolve_with:${cause}`) <= 64)
    .slice(0, 13);
  const quickReplies = causes.map((cause) => choice(ctx, c, 'case.resolve_with', cause, rootCauseLabel(cause, lang)));
  await reply(ctx, say(lang, PHRASES.askRootCause, { n: c.number }), c.id, quickReplies);
  return 'asked for the root cause';
}

async function resolveWith(ctx: ActionContext): Promise<string> {
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const refused = (await refuseChange(ctx, c, 'case.resolve')) ?? (await refuseMove(ctx, c, 'resolved'));
  if (refused) return refused;
  const cause = ctx.arg ?? '';
  if (!(await rootCausesOf(ctx.trx, c.orgId)).includes(cause)) {
    await reply(ctx, say(ctx.scene.language, PHRASES.unknownCause), c.id);
    return `refused: unknown root cause ${cause}`;
  }
  if (!(await ctx.spend())) return replayed(ctx, c);
  return move(ctx, c, 'resolved', cause);
}

/** A manager hands the case to someone: who, as quick replies of the org's linked staff. Nothing is spent yet. */
async function askAssignee(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const role = await refuseRole(ctx, 'case.reassign', c);
  if (role) return role;
  const people = await staffToAssign(ctx.trx, c.orgId, { except: c.ownerStaffId, limit: 13 });
  const quickReplies = people.map((p) => choice(ctx, c, 'case.assign_to', p.id, p.name));
  await reply(ctx, say(lang, quickReplies.length ? PHRASES.askAssignee : PHRASES.nobodyToAssign, { n: c.number }), c.id, quickReplies);
  return 'asked whom to assign';
}

/** The case goes to the staff member picked; they are told 1:1, with its card. */
async function assignTo(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const c = await lockCase(ctx);
  if (!c) return noCase(ctx);
  const role = await refuseRole(ctx, 'case.reassign', c);
  if (role) return role;
  const assignee = ctx.arg ? await staffById(ctx.trx, c.orgId, ctx.arg) : undefined;
  if (!assignee?.lineUserId || !CASE_STATUS[c.status].isOpen) {
    await reply(ctx, say(lang, PHRASES.cannotAssign, { n: c.number }), c.id);
    return 'refused: no such assignee or case closed';
  }
  if (assignee.id === c.ownerStaffId) {
    await reply(ctx, say(lang, PHRASES.alreadyHas, { owner: assignee.displayName, n: c.number }), c.id);
    return 'unchanged: already theirs';
  }
  if (!(await ctx.spend())) return replayed(ctx, c);
  const seen = { orgId: c.orgId, caseId: c.id, version: c.version, ownerStaffId: c.ownerStaffId, status: c.status };
  if (!(await reassignCase(ctx.trx, seen, assignee.id, ctx.staff.id)).reassigned) {
    const now = (await caseState(ctx.trx, c.id))!;
    await reply(ctx, say(lang, PHRASES.changed, { n: c.number, status: statusLabel(now.status, lang) }), c.id);
    return 'refused: changed meanwhile';
  }
  const card = await buildCaseCard(ctx.deps, ctx.trx, { orgId: c.orgId, caseId: c.id, language: assignee.language, now: ctx.scene.now, viewer: assignee });
  if (card) await postToStaffMember(ctx.trx, assignee, [{ kind: 'text', text: say(assignee.language, PHRASES.assignedToYou, { who: ctx.staff.displayName, n: c.number }) }, card], { caseId: c.id });
  await reply(ctx, say(lang, PHRASES.assigned, { who: ctx.staff.displayName, n: c.number, to: assignee.displayName }), c.id, await nextMoves(ctx, c.id));
  return 'reassigned';
}

/** A fresh card of the case as it is now; reading changes nothing, so nothing is spent. */
async function view(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const role = await refuseRole(ctx, 'case.view');
  if (role) return role;
  const card = await buildCaseCard(ctx.deps, ctx.trx, { orgId: ctx.token.orgId, caseId: ctx.token.subjectId, language: lang, now: ctx.scene.now, viewer: ctx.staff });
  if (!card) return noCase(ctx);
  await answer(ctx.trx, ctx.scene, [card], { caseId: ctx.token.subjectId });
  return 'viewed';
}

export const caseActions: ActionTable = {
  'case.take': take,
  'case.status': setStatus,
  'case.resolve': askRootCause,
  'case.resolve_with': resolveWith,
  'case.wait_on': waitOnProvider,
  'case.view': view,
  'case.reassign': askAssignee,
  'case.assign_to': assignTo,
};
