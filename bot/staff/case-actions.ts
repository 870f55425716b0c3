import * as caseCommands from '../../core/cases/case-commands.ts';
import { staffActor, type CaseRefusal } from '../../core/cases/case-commands.ts';
import { caseState, type LockedCase } from '../../core/cases/case-queries.ts';
import { CASE_STATUS } from '../../core/cases/case-status.ts';
import type { CaseStatus, Language } from '../../core/vocabulary.ts';
import { activeProviders, providerIdOfKey } from '../../core/providers/provider-directory.ts';
import { rootCausesOf } from '../../core/cases/transition.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { canStaff } from '../../core/access/roles.ts';
import { BUTTON_STATUSES, buildCaseCard, caseButtons, type ButtonStatus } from '../../core/staff/case-card.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { staffById, staffToAssign } from '../../core/staff/staff-desk.ts';
import { BUTTON_USED, say, type Phrase } from '../../core/staff/staff-phrases.ts';
import type { ActionContext, ActionTable } from './action-context.ts';
import { answer } from './staff-scene.ts';

/**
 * Card buttons on a case: Take, the working statuses, Resolve with a root cause, Reassign, View.
 *
 * Every button is a case command (core/cases/case-commands.ts), which acts on the case as it is
 * now, not as the card showed it: the case row is locked first, so taps on the same case take
 * turns and each sees what the one before did (two people tapping Take on the same card: the
 * second is told who has it). The command checks the role against the current owner; the token's
 * nonce is spent as its last check, and only then does anything change. Here a refusal is only
 * put into words.
 */

const PHRASES = {
  took: { th: '{who} รับเคส {n} แล้วค่ะ', en: '{who} took {n}' },
  tookOver: { th: '{who} รับเคส {n} ต่อจาก {owner} แล้วค่ะ', en: '{who} took over {n} from {owner}' },
  alreadyHas: { th: '{owner} รับเคส {n} ไปแล้วค่ะ', en: '{owner} already has {n}' },
  alreadyYours: { th: 'คุณรับเคส {n} อยู่แล้วค่ะ', en: 'You already have {n}' },
  providerFirst: {
    th: 'เคส {n} ต้องระบุผู้ให้บริการก่อนปิดเคสค่ะ (ตั้งสถานะ "รอผู้ให้บริการ" พร้อมเลือกผู้ให้บริการ หรือระบุในเดสก์)',
    en: '{n} needs its provider named before it is resolved: move it to "waiting on provider" with the provider, or name it on the desk.',
  },
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

/** The case this button is about: in the token's org, by the id it carries. */
const thisCase = (ctx: ActionContext) => ({ orgId: ctx.token.orgId, caseId: ctx.token.subjectId });
const actor = (ctx: ActionContext) => staffActor(ctx.staff);

/**
 * A refusal of a case command in words, answered in the chat; returns the outcome for the logs.
 * `withdrawn` was answered by the handler's own last check (`lastCheck`).
 */
async function sayRefusal(ctx: ActionContext, r: CaseRefusal, withdrawnAs: string): Promise<string> {
  const lang = ctx.scene.language;
  if (r.refusal === 'no_such_case') return noCase(ctx);
  const c = r.case;
  switch (r.refusal) {
    case 'role_forbids': {
      const readOnly = canStaff(ctx.staff.role, 'case.view') && r.action !== 'case.reassign';
      await reply(ctx, say(lang, readOnly ? PHRASES.viewOnly : PHRASES.roleForbids), c.id);
      return 'refused: role';
    }
    case 'owned_by':
      if (r.action === 'case.take') {
        await reply(ctx, say(lang, PHRASES.alreadyHas, { owner: c.ownerName ?? '', n: c.number }), c.id);
        return 'refused: taken';
      }
      await reply(ctx, say(lang, PHRASES.notYours, { owner: c.ownerName ?? '', n: c.number }), c.id);
      return 'refused: owned by someone else';
    case 'not_open':
      if (r.action === 'case.take') {
        await reply(ctx, say(lang, PHRASES.nothingToTake, { n: c.number, status: statusLabel(c.status, lang) }), c.id);
        return `refused: ${c.status}`;
      }
      return cannotAssign(ctx, c);
    case 'no_such_assignee':
      return cannotAssign(ctx, c);
    case 'cannot_move':
      if (c.status === r.to) {
        await reply(ctx, say(lang, PHRASES.alreadyIn, { n: c.number, status: statusLabel(r.to, lang) }), c.id, await nextMoves(ctx, c.id));
        return `unchanged: already ${r.to}`;
      } else {
        const allowed = r.allowed.map((s) => statusLabel(s, lang)).join(', ') || PHRASES.nobody[lang];
        await reply(ctx, say(lang, PHRASES.notAllowed, { n: c.number, status: statusLabel(c.status, lang), target: statusLabel(r.to, lang), allowed }), c.id);
        return `refused: ${c.status} -> ${r.to}`;
      }
    case 'provider_required':
      await reply(ctx, say(lang, PHRASES.providerFirst, { n: c.number }), c.id);
      return 'refused: provider not named';
    case 'stale_version':
      // The owner changed between the lock and the write: whoever has it now.
      if (ctx.name === 'case.take') {
        await reply(ctx, say(lang, PHRASES.alreadyHas, { owner: c.ownerName ?? '', n: c.number }), c.id);
        return 'refused: taken';
      }
      await reply(ctx, say(lang, PHRASES.changed, { n: c.number, status: statusLabel(c.status, lang) }), c.id);
      return 'refused: changed meanwhile';
    case 'rejected':
      await reply(ctx, say(lang, PHRASES.changed, { n: c.number, status: statusLabel(c.status, lang) }), c.id);
      return `refused: ${r.error.code}`;
    case 'withdrawn':
      return withdrawnAs;
  }
}

const cannotAssign = async (ctx: ActionContext, c: CaseNow) => {
  await reply(ctx, say(ctx.scene.language, PHRASES.cannotAssign, { n: c.number }), c.id);
  return 'refused: no such assignee or case closed';
};

/**
 * The handler's last check before a command changes anything: `check` may still answer instead
 * (a question to ask, an unknown choice: its outcome), then the button's nonce is spent (a button
 * used before changes nothing). `outcome` holds what was answered when it withdrew.
 */
function lastCheck(ctx: ActionContext, check?: (c: CaseNow) => Promise<string | undefined>) {
  const said = { outcome: 'refused: replayed' };
  const before = async (c: CaseNow) => {
    const answered = check && (await check(c));
    if (answered) {
      said.outcome = answered;
      return false;
    }
    if (await ctx.spend()) return true;
    await reply(ctx, say(ctx.scene.language, BUTTON_USED), c.id);
    return false;
  };
  return { said, before };
}

/** A moved case, answered in the chat with what can be done next. */
async function sayMoved(ctx: ActionContext, r: { id: string; number: string; from: CaseStatus; to: CaseStatus }, rootCause?: string): Promise<string> {
  const lang = ctx.scene.language;
  const text = rootCause
    ? say(lang, PHRASES.resolved, { who: ctx.staff.displayName, n: r.number, status: statusLabel(r.to, lang), cause: rootCauseLabel(rootCause, lang) })
    : say(lang, PHRASES.moved, { who: ctx.staff.displayName, n: r.number, status: statusLabel(r.to, lang) });
  await reply(ctx, text, r.id, await nextMoves(ctx, r.id));
  return `moved: ${r.from} -> ${r.to}`;
}

/** Moves the case (core/cases/case-commands.ts) and answers in the chat; every refusal is answered, not thrown. */
async function move(ctx: ActionContext, to: CaseStatus, o: { rootCause?: string; providerKey?: string; check?: (c: CaseNow) => Promise<string | undefined> } = {}): Promise<string> {
  const last = lastCheck(ctx, o.check);
  const r = await caseCommands.move(ctx.trx, actor(ctx), { ...thisCase(ctx), to, rootCause: o.rootCause, providerKey: o.providerKey, now: ctx.scene.now, beforeChange: last.before });
  if (!r.ok) return sayRefusal(ctx, r, last.said.outcome);
  return sayMoved(ctx, r, o.rootCause);
}

/** A quick reply that answers the bot's question about this case: a short-lived signed action. */
const choice = (ctx: ActionContext, c: CaseNow, name: string, arg: string, label: string): Action => ({
  type: 'postback',
  label,
  displayText: label,
  data: staffActionData(ctx.deps.actionKey, { orgId: c.orgId, name, arg, subjectId: c.id, now: ctx.scene.now, ttlMs: QUICK_REPLY_TTL_MS }),
});

const noCase = async (ctx: ActionContext) => {
  await reply(ctx, say(ctx.scene.language, PHRASES.noCase));
  return 'refused: no such case';
};

async function take(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const last = lastCheck(ctx);
  const r = await caseCommands.take(ctx.trx, actor(ctx), { ...thisCase(ctx), now: ctx.scene.now, beforeChange: last.before });
  if (!r.ok) return sayRefusal(ctx, r, last.said.outcome);
  const was = r.before;
  if (!r.changed) {
    await reply(ctx, say(lang, PHRASES.alreadyYours, { n: was.number }), was.id);
    return 'unchanged: already theirs';
  }
  const text = was.ownerStaffId
    ? say(lang, PHRASES.tookOver, { who: ctx.staff.displayName, n: was.number, owner: was.ownerName ?? '' })
    : say(lang, PHRASES.took, { who: ctx.staff.displayName, n: was.number });
  await reply(ctx, text, was.id, await nextMoves(ctx, was.id));
  return was.ownerStaffId ? 'taken over' : 'taken';
}

async function setStatus(ctx: ActionContext): Promise<string> {
  const to = ctx.arg as ButtonStatus;
  if (!(BUTTON_STATUSES as readonly string[]).includes(to)) {
    await reply(ctx, say(ctx.scene.language, PHRASES.unknown));
    return `refused: unknown status ${ctx.arg}`;
  }
  // Waiting on a provider, but which one? Asked before anything changes.
  return move(ctx, to, { check: async (c) => (to === 'waiting_provider' && !c.providerId ? askProvider(ctx, c) : undefined) });
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
  return move(ctx, 'waiting_provider', {
    providerKey: ctx.arg,
    check: async (c) => {
      if (await providerIdOfKey(ctx.trx, c.orgId, ctx.arg ?? '', { activeOnly: true })) return undefined;
      await reply(ctx, say(ctx.scene.language, PHRASES.unknown), c.id);
      return `refused: unknown provider ${ctx.arg}`;
    },
  });
}

/** Resolve asks first: the root cause, as quick replies. Nothing changes yet, so nothing is spent. */
async function askRootCause(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const checked = await caseCommands.checkMove(ctx.trx, actor(ctx), { ...thisCase(ctx), to: 'resolved' });
  if (!checked.ok) return sayRefusal(ctx, checked, '');
  const c = checked.case;
  const causes = (await rootCausesOf(ctx.trx, c.orgId))
    // The cause rides in the signed action (at most 64 bytes); a longer word of the org's own cannot be offered.
    .filter((cause) => Buffer.byteLength(`case.resolve_with:${cause}`) <= 64)
    .slice(0, 13);
  const quickReplies = causes.map((cause) => choice(ctx, c, 'case.resolve_with', cause, rootCauseLabel(cause, lang)));
  await reply(ctx, say(lang, PHRASES.askRootCause, { n: c.number }), c.id, quickReplies);
  return 'asked for the root cause';
}

async function resolveWith(ctx: ActionContext): Promise<string> {
  const cause = ctx.arg ?? '';
  return move(ctx, 'resolved', {
    rootCause: cause,
    check: async (c) => {
      if ((await rootCausesOf(ctx.trx, c.orgId)).includes(cause)) return undefined;
      await reply(ctx, say(ctx.scene.language, PHRASES.unknownCause), c.id);
      return `refused: unknown root cause ${cause}`;
    },
  });
}

/** A manager hands the case to someone: who, as quick replies of the org's linked staff. Nothing is spent yet. */
async function askAssignee(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const c = await caseCommands.lockCaseByRef(ctx.trx, thisCase(ctx));
  if (!c) return noCase(ctx);
  const refused = caseCommands.refuseActor(actor(ctx), 'reassign', c, undefined);
  if (refused) return sayRefusal(ctx, refused, '');
  const people = await staffToAssign(ctx.trx, c.orgId, { except: c.ownerStaffId, limit: 13 });
  const quickReplies = people.map((p) => choice(ctx, c, 'case.assign_to', p.id, p.name));
  await reply(ctx, say(lang, quickReplies.length ? PHRASES.askAssignee : PHRASES.nobodyToAssign, { n: c.number }), c.id, quickReplies);
  return 'asked whom to assign';
}

/** The case goes to the staff member picked; they are told 1:1, with its card (core/staff/case-handover-notice.ts). */
async function assignTo(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  // Only someone the bot can tell in LINE can be given a case from LINE.
  const assignee = ctx.arg ? await staffById(ctx.trx, ctx.token.orgId, ctx.arg) : undefined;
  const last = lastCheck(ctx);
  const r = await caseCommands.reassign(ctx.trx, actor(ctx), {
    ...thisCase(ctx),
    assigneeId: assignee?.lineUserId ? assignee.id : null,
    now: ctx.scene.now,
    via: 'line',
    beforeChange: last.before,
  });
  if (!r.ok) return sayRefusal(ctx, r, last.said.outcome);
  const c = r.before;
  if (!r.changed) {
    await reply(ctx, say(lang, PHRASES.alreadyHas, { owner: r.assignee.displayName, n: c.number }), c.id);
    return 'unchanged: already theirs';
  }
  await reply(ctx, say(lang, PHRASES.assigned, { who: ctx.staff.displayName, n: c.number, to: r.assignee.displayName }), c.id, await nextMoves(ctx, c.id));
  return 'reassigned';
}

/** A fresh card of the case as it is now; reading changes nothing, so nothing is spent. */
async function view(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  if (!canStaff(ctx.staff.role, 'case.view')) {
    await reply(ctx, say(lang, PHRASES.roleForbids));
    return 'refused: role';
  }
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
