import { claimMessage, lockDialogue, setDialogue } from '../../core/conversations/conversation-log.ts';
import type { Knex } from 'knex';
import { canStaff } from '../../core/access/roles.ts';
import { recordAudit } from '../../core/audit/audit-log.ts';
import type { Action } from '../../core/messaging/outbound-message.ts';
import { activeProviders, providerIdOfKey } from '../../core/providers/provider-directory.ts';
import { catalogChoices, keysInCatalog } from '../../core/understanding/taxonomy-admin.ts';
import type { StaffGroupRouting } from '../../core/staff/staff-desk.ts';
import type { Language } from '../../core/vocabulary.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { staffGroupOfConversation, type StaffGroupRef } from '../../core/staff/staff-desk.ts';
import { BUTTON_USED } from '../../core/staff/staff-phrases.ts';
import { applyGroupSettings, describeGroup, GROUP_PURPOSES, groupJoined, PURPOSE_NAMES, type GroupPurpose } from '../../core/staff/staff-groups.ts';
import type { ActionContext, ActionHandler, ActionTable } from './action-context.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * Setting a group up from inside it. An admin or manager sends "setup" (ตั้งค่า); the bot asks,
 * by signed quick replies whose subject is the group: what the group is for, then what is routed
 * to it (case types for a support team, services for sales, which provider for a provider's
 * group), then the language it speaks there. Nothing is written to the group until the last
 * answer, so a half-finished set-up routes nothing new; the draft lives in the group
 * conversation's `dialogue` for SETUP_MINUTES. Until a group is set up, the set-up command is
 * the only thing the bot listens to there.
 */
export const SETUP_MINUTES = 30;

type Step = 'purpose' | 'case_types' | 'services' | 'provider' | 'language';

export interface GroupSetupDraft {
  kind: 'group_setup';
  groupId: string;
  step: Step;
  purpose?: GroupPurpose;
  caseTypes: string[];
  services: string[];
  providerKey?: string;
  expiresAt: string;
}

/** Case types or services offered at once: with All, Done and Cancel, LINE's 13 quick replies. */
const CHOICES_SHOWN = 10;

const SETUP_COMMAND = /^(?:@.+\s)?\/?(?:setup|set up|ตั้งค่า)$/i;

const SAY = {
  askPurpose: { th: 'ตั้งค่ากลุ่ม: กลุ่มนี้ใช้ทำอะไรคะ', en: 'Group set-up: what is this group for?' },
  now: { th: 'ตอนนี้', en: 'Now' },
  askCaseTypes: {
    th: "เคสประเภทไหนส่งมาที่กลุ่มนี้คะ แตะเลือกได้หลายประเภท แล้วกด 'เสร็จ' (หรือ 'ทั้งหมด')",
    en: "Which case types come to this group? Tap several, then Done (or All).",
  },
  askServices: {
    th: "คำขอจองบริการไหนส่งมาที่กลุ่มนี้คะ แตะเลือกได้หลายบริการ แล้วกด 'เสร็จ' (หรือ 'ทั้งหมด')",
    en: 'Which services’ booking requests come to this group? Tap several, then Done (or All).',
  },
  chosen: { th: 'เลือกแล้ว: ', en: 'Chosen: ' },
  noneChosen: { th: 'ยังไม่ได้เลือก (เสร็จ = ทั้งหมด)', en: 'none yet (Done = all)' },
  askProvider: { th: 'กลุ่มนี้เป็นของผู้ให้บริการรายไหนคะ', en: 'Which provider is this group for?' },
  noProviders: { th: 'ยังไม่มีผู้ให้บริการในระบบ เพิ่มผู้ให้บริการก่อนแล้วตั้งค่าใหม่ค่ะ', en: 'There are no providers yet: add one, then set up again.' },
  askLanguage: { th: 'ให้บอทใช้ภาษาอะไรในกลุ่มนี้คะ', en: 'Which language should I write in here?' },
  done: { th: 'ตั้งค่าเรียบร้อยแล้วค่ะ', en: 'This group is set up.' },
  cancelled: { th: 'ยกเลิกการตั้งค่าแล้ว ไม่มีอะไรเปลี่ยนค่ะ', en: 'Set-up cancelled; nothing changed.' },
  notAllowed: { th: 'เฉพาะผู้ดูแลระบบหรือผู้จัดการเท่านั้นที่ตั้งค่ากลุ่มนี้ได้ค่ะ', en: 'Only an admin or a manager can set up this group.' },
  notStaff: {
    th: 'เฉพาะผู้ดูแลระบบหรือผู้จัดการที่ลงทะเบียนแล้วเท่านั้นที่ตั้งค่ากลุ่มนี้ได้ค่ะ',
    en: 'Only an enrolled admin or manager can set up this group.',
  },
  notOpen: { th: "การตั้งค่านี้ปิดไปแล้ว ส่ง 'ตั้งค่า' เพื่อเริ่มใหม่ค่ะ", en: "This set-up is no longer open. Send 'setup' to start again." },
  otherGroup: { th: 'ปุ่มนี้เป็นของกลุ่มอื่นค่ะ', en: 'This button belongs to another group.' },
  all: { th: 'ทั้งหมด', en: 'All' },
  finish: { th: 'เสร็จ', en: 'Done' },
  cancel: { th: 'ยกเลิก', en: 'Cancel' },
} satisfies Record<string, Record<Language, string>>;

const LANGUAGE_NAMES: Record<Language, string> = { th: 'ไทย', en: 'English' };

// ---------------------------------------------------------------- the command

/** A set-up command in a group; undefined when the message is not one and the group is set up. */
export async function handleGroupSetup(deps: StaffDeps, scene: StaffScene): Promise<string | undefined> {
  if (scene.conversation.kind !== 'group') return undefined;
  const group = scene.group;
  if (!SETUP_COMMAND.test((scene.message.text ?? '').trim())) {
    if (group?.isActive && group.purpose !== 'unassigned') return undefined;
    // Not set up (or left): nothing is routed here, so nothing said here is acted on.
    await deps.knex.transaction((trx) => claimMessage(trx, scene.message.id));
    return group?.isActive ? 'group not set up' : 'group unknown or left';
  }
  return deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, scene.message.id))) return 'already routed';
    const say = (text: string, quickReplies?: Action[]) => answer(trx, scene, [{ kind: 'text', text, ...(quickReplies ? { quickReplies } : {}) }]);
    if (!scene.staff) {
      await say(SAY.notStaff[scene.language]);
      return 'refused: not staff';
    }
    if (!canStaff(scene.staff.role, 'group.setup')) {
      await say(SAY.notAllowed[scene.language]);
      return 'refused: role';
    }
    let g = group;
    if (!g) {
      // The join event never reached us; the group is known from now on.
      await groupJoined(trx, { orgId: scene.message.orgId, channelId: scene.conversation.channelId, groupId: scene.conversation.externalId, at: scene.now });
      g = await staffGroupOfConversation(trx, scene.conversation.id);
    }
    if (!g?.isActive) return 'refused: group left';
    const draft: GroupSetupDraft = { kind: 'group_setup', groupId: g.id, step: 'purpose', caseTypes: [], services: [], expiresAt: draftExpiry(scene.now) };
    await saveDraft(trx, scene, draft);
    const lang = scene.language;
    const current = g.purpose === 'unassigned' ? '' : `${SAY.now[lang]}:\n${await describeGroup(trx, g, lang)}\n\n`;
    await say(current + SAY.askPurpose[lang], [
      ...GROUP_PURPOSES.map((p) => button(deps, scene, g, 'group.purpose', p, PURPOSE_NAMES[p][lang])),
      button(deps, scene, g, 'group.cancel', undefined, SAY.cancel[lang]),
    ]);
    return 'setup started';
  });
}

// ---------------------------------------------------------------- the quick replies

export const groupSetupActions: ActionTable = {
  'group.purpose': step(['purpose'], async (ctx, group, draft) => {
    const purpose = GROUP_PURPOSES.find((p) => p === ctx.arg);
    if (!purpose) return refuse(ctx, SAY.notOpen, 'refused: unknown purpose');
    draft.purpose = purpose;
    const next: Record<GroupPurpose, Step> = { support: 'case_types', sales: 'services', provider: 'provider', vip_customer: 'language', managers: 'language' };
    draft.step = next[purpose];
    return ask(ctx, group, draft);
  }),
  'group.type': step(['case_types'], async (ctx, group, draft) => {
    if (ctx.arg) draft.caseTypes = toggle(draft.caseTypes, ctx.arg);
    return ask(ctx, group, draft);
  }),
  'group.service': step(['services'], async (ctx, group, draft) => {
    if (ctx.arg) draft.services = toggle(draft.services, ctx.arg);
    return ask(ctx, group, draft);
  }),
  'group.all': step(['case_types', 'services'], async (ctx, group, draft) => {
    // An empty list in the routing means "all".
    if (draft.step === 'case_types') draft.caseTypes = [];
    else draft.services = [];
    draft.step = 'language';
    return ask(ctx, group, draft);
  }),
  'group.done': step(['case_types', 'services'], async (ctx, group, draft) => {
    draft.step = 'language';
    return ask(ctx, group, draft);
  }),
  'group.provider': step(['provider'], async (ctx, group, draft) => {
    const provider = await providerIdOfKey(ctx.trx, group.orgId, ctx.arg ?? '', { activeOnly: true });
    if (!provider) return refuse(ctx, SAY.notOpen, 'refused: unknown provider');
    draft.providerKey = ctx.arg;
    draft.step = 'language';
    return ask(ctx, group, draft);
  }),
  'group.lang': step(['language'], async (ctx, group, draft) => {
    const language = ctx.arg === 'en' ? 'en' : 'th';
    const purpose = draft.purpose!;
    const routing: StaffGroupRouting =
      purpose === 'support' && draft.caseTypes.length ? { caseTypes: draft.caseTypes } : purpose === 'sales' && draft.services.length ? { services: draft.services } : {};
    let providerId: string | undefined;
    if (purpose === 'provider') {
      providerId = await providerIdOfKey(ctx.trx, group.orgId, draft.providerKey ?? '', { activeOnly: false });
      if (!providerId) return refuse(ctx, SAY.notOpen, 'refused: provider gone');
    }
    // Keys chosen from the org's own lists; one removed meanwhile is dropped rather than refused.
    if (routing.caseTypes) routing.caseTypes = await keysInCatalog(ctx.trx, group.orgId, 'case_types', routing.caseTypes);
    if (routing.services) routing.services = await keysInCatalog(ctx.trx, group.orgId, 'services', routing.services);
    const updated = await applyGroupSettings(ctx.trx, group.orgId, group.id, { purpose, routing, language, providerId });
    await saveDraft(ctx.trx, ctx.scene, null);
    await recordAudit(ctx.trx, {
      orgId: group.orgId,
      actorType: 'staff',
      actorId: ctx.staff.id,
      action: 'staff_group.set_up',
      subjectType: 'staff_group',
      subjectId: group.id,
      details: { purpose, routing, language, providerId: updated.providerId, contactId: updated.contactId },
    });
    await answer(ctx.trx, ctx.scene, [{ kind: 'text', text: `${SAY.done[language]}\n${await describeGroup(ctx.trx, updated, language)}` }]);
    return `set up: ${purpose}`;
  }),
  'group.cancel': step(['purpose', 'case_types', 'services', 'provider', 'language'], async (ctx) => {
    await saveDraft(ctx.trx, ctx.scene, null);
    await answer(ctx.trx, ctx.scene, [{ kind: 'text', text: SAY.cancelled[ctx.scene.language] }]);
    return 'setup cancelled';
  }),
};

/**
 * Every set-up tap: in the group the button was made for, by a manager or admin, while that
 * group's set-up is open at one of `steps`; the token is spent right before the draft moves on.
 */
function step(steps: Step[], fn: (ctx: ActionContext, group: StaffGroupRef, draft: GroupSetupDraft) => Promise<string>): ActionHandler {
  return async (ctx) => {
    const group = ctx.scene.group;
    if (!group?.isActive || group.id !== ctx.token.subjectId) return refuse(ctx, SAY.otherGroup, 'refused: another group');
    if (!canStaff(ctx.staff.role, 'group.setup')) return refuse(ctx, SAY.notAllowed, 'refused: role');
    // Locked: two managers tapping at once take turns on the same draft.
    const draft = (await lockDialogue(ctx.trx, ctx.scene.conversation.id)) as GroupSetupDraft | null;
    const open = draft?.kind === 'group_setup' && draft.groupId === group.id && Date.parse(draft.expiresAt) > ctx.scene.now.getTime() && steps.includes(draft.step);
    if (!open) return refuse(ctx, SAY.notOpen, 'refused: no set-up at this step');
    if (!(await ctx.spend())) return refuse(ctx, BUTTON_USED, 'refused: replayed');
    draft.expiresAt = draftExpiry(ctx.scene.now);
    return fn(ctx, group, draft);
  };
}

/** Saves the draft and asks its current step's question. */
async function ask(ctx: ActionContext, group: StaffGroupRef, draft: GroupSetupDraft): Promise<string> {
  const { trx, deps, scene } = ctx;
  const lang = scene.language;
  await saveDraft(trx, scene, draft);
  const cancel = button(deps, scene, group, 'group.cancel', undefined, SAY.cancel[lang]);
  let text: string;
  let quickReplies: Action[];
  switch (draft.step) {
    case 'case_types':
    case 'services': {
      const types = draft.step === 'case_types';
      const [list, chosen, name] = types ? (['case_types', draft.caseTypes, 'group.type'] as const) : (['services', draft.services, 'group.service'] as const);
      const rows = await catalogChoices(trx, group.orgId, list, CHOICES_SHOWN);
      const label = (r: { name: Record<Language, string> }) => r.name[lang];
      const names = rows.filter((r) => chosen.includes(r.key)).map(label);
      text = `${(types ? SAY.askCaseTypes : SAY.askServices)[lang]}\n${SAY.chosen[lang]}${names.length ? names.join(', ') : SAY.noneChosen[lang]}`;
      quickReplies = [
        ...rows.map((r) => button(deps, scene, group, name, r.key, `${chosen.includes(r.key) ? '✓ ' : ''}${label(r)}`)),
        button(deps, scene, group, 'group.all', undefined, SAY.all[lang]),
        button(deps, scene, group, 'group.done', undefined, SAY.finish[lang]),
        cancel,
      ];
      break;
    }
    case 'provider': {
      const providers = await activeProviders(trx, group.orgId, { limit: 12 });
      if (providers.length === 0) {
        await saveDraft(trx, scene, null);
        await answer(trx, scene, [{ kind: 'text', text: SAY.noProviders[lang] }]);
        return 'setup stopped: no providers';
      }
      text = SAY.askProvider[lang];
      quickReplies = [...providers.map((p) => button(deps, scene, group, 'group.provider', p.key, p.name)), cancel];
      break;
    }
    case 'language':
      text = SAY.askLanguage[lang];
      quickReplies = [
        ...(['th', 'en'] as const).map((l) => button(deps, scene, group, 'group.lang', l, LANGUAGE_NAMES[l])),
        cancel,
      ];
      break;
    case 'purpose':
      text = SAY.askPurpose[lang];
      quickReplies = [...GROUP_PURPOSES.map((p) => button(deps, scene, group, 'group.purpose', p, PURPOSE_NAMES[p][lang])), cancel];
      break;
  }
  await answer(trx, scene, [{ kind: 'text', text, quickReplies }]);
  return `setup: ${draft.step}`;
}

async function refuse(ctx: ActionContext, phrase: Record<Language, string>, outcome: string): Promise<string> {
  await answer(ctx.trx, ctx.scene, [{ kind: 'text', text: phrase[ctx.scene.language] }]);
  return outcome;
}

function button(deps: StaffDeps, scene: StaffScene, group: StaffGroupRef, name: string, arg: string | undefined, label: string): Action {
  const data = staffActionData(deps.actionKey, { orgId: group.orgId, name, arg, subjectId: group.id, now: scene.now, ttlMs: QUICK_REPLY_TTL_MS });
  return { type: 'postback', label, data, displayText: label };
}

const saveDraft = (trx: Knex.Transaction, scene: StaffScene, draft: GroupSetupDraft | null) => setDialogue(trx, scene.conversation.id, draft);

const toggle = (list: string[], key: string) => (list.includes(key) ? list.filter((k) => k !== key) : [...list, key]);
const draftExpiry = (now: Date) => new Date(now.getTime() + SETUP_MINUTES * 60_000).toISOString();
