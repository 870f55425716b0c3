import { caseIdOfNumber, staffQueue } from '../../core/cases/case-queries.ts';
import { claimMessage } from '../../core/conversations/conversation-log.ts';
import type { Knex } from 'knex';
import { canStaff } from '../../core/access/roles.ts';
import { CASE_STATUS } from '../../core/cases/case-status.ts';
import type { Language } from '../../core/vocabulary.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { formatNumber } from '../../core/org-counters.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import { buildCaseCard } from '../../core/staff/case-card.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { formatDue } from '../../core/templates/format-due.ts';
import { handleNewCaseCommand } from './new-case-command.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * A staff member's 1:1 chat with the bot:
 *
 * - "my queue" / "queue" / "คิวของฉัน" / "งานของฉัน": their open cases, most urgent first (resolution
 *   due time, then severity), one line each, and a quick reply per case (at most 13, LINE's
 *   limit) that opens it (`case.view`, signed, valid a day);
 * - a case number alone, "C-000123" or "#C-000123" (any case, "c-123" too): the case card, or
 *   "No case C-000123" when this org has no such case;
 * - "/case 0812345678 what happened": a case opened for a customer (new-case-command.ts), as in a group;
 * - anything else: a short help.
 */
const QUEUE_WORDS = new Set(['my queue', 'queue', 'คิวของฉัน', 'งานของฉัน', 'คิว']);
const CASE_NUMBER = /^\s*#?\s*C-?(\d{1,9})\s*$/i;
/** LINE shows at most 13 quick replies. */
const MAX_QUICK_REPLIES = 13;
/** More lines than this make a wall of text; the rest are counted. */
const MAX_QUEUE_LINES = 20;

const say = {
  queueHead: (n: number) => ({ th: `คิวของคุณ: ${n} เคสที่เปิดอยู่ค่ะ`, en: `Your queue: ${n} open case${n === 1 ? '' : 's'}` }),
  queueEmpty: () => ({ th: 'ไม่มีเคสที่เปิดอยู่ในคิวของคุณค่ะ', en: 'Your queue is empty: no open cases are yours.' }),
  more: (n: string) => ({ th: `และอีก ${n} เคส`, en: `and ${n} more` }),
  due: (at: string) => ({ th: `ครบกำหนด ${at}`, en: `due ${at}` }),
  noDue: () => ({ th: 'ไม่มีกำหนด', en: 'no due time' }),
  noCase: (n: string) => ({ th: `ไม่พบเคส ${n} ค่ะ`, en: `No case ${n}` }),
  notAllowed: () => ({ th: 'บทบาทของคุณดูรายการนี้ไม่ได้ค่ะ', en: 'Your role cannot see this.' }),
  help: () => ({
    th: 'คำสั่งที่ใช้ได้ค่ะ\n• คิวของฉัน: เคสที่เปิดอยู่ของคุณ เรียงตามความเร่งด่วน\n• C-000123: เปิดดูเคสตามหมายเลข\n• /case 0812345678 รายละเอียด (หรือ เปิดเคส ...): เปิดเคสใหม่ให้ลูกค้า ระบุลูกค้าด้วยเบอร์โทร อีเมล LINE user id หรือหมายเลขเคสของเขา แล้วเลือกประเภทเคส ใช้ในกลุ่มได้ด้วย\nในกลุ่ม: ตอบกลับ (quote) ข้อความของเคส หรือพิมพ์ #C-000123 ข้อความ เพื่อส่งถึงลูกค้า',
    en: "What I understand:\n• my queue: your open cases, most urgent first\n• C-000123: open a case by its number\n• /case 0812345678 what happened (or new case ...): open a case for a customer named by phone, e-mail, LINE user id or one of their case numbers, then pick its type; in a group too\nIn a group: quote-reply a case message, or write #C-000123 your text, to reach the customer.",
  }),
} satisfies Record<string, (...a: never[]) => Record<Language, string>>;

export async function handleStaffCommand(deps: StaffDeps, scene: StaffScene): Promise<string> {
  const opening = await handleNewCaseCommand(deps, scene);
  if (opening !== undefined) return opening;
  const staff = scene.staff!;
  const text = (scene.message.kind === 'text' ? (scene.message.text ?? '') : '').trim();
  const lang = scene.language;
  return deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, scene.message.id))) return 'already routed';
    const reply = async (messages: OutboundMessage[], caseId?: string): Promise<void> => answer(trx, scene, messages, { caseId });

    if (QUEUE_WORDS.has(text.toLowerCase().replace(/\s+/g, ' '))) {
      if (!canStaff(staff.role, 'queue.view')) {
        await reply([{ kind: 'text', text: say.notAllowed()[lang] }]);
        return 'refused: role';
      }
      const queue = await myQueue(deps, trx, scene);
      await reply([queue]);
      return 'queue';
    }

    const asked = CASE_NUMBER.exec(text);
    if (asked) {
      const number = formatNumber('case', Number(asked[1]));
      if (!canStaff(staff.role, 'case.view')) {
        await reply([{ kind: 'text', text: say.notAllowed()[lang] }]);
        return 'refused: role';
      }
      const caseId = await caseIdOfNumber(trx, scene.message.orgId, number);
      const card = caseId && (await buildCaseCard(deps, trx, { orgId: scene.message.orgId, caseId, language: lang, now: scene.now }));
      if (!card) {
        await reply([{ kind: 'text', text: say.noCase(number)[lang] }]);
        return 'refused: no such case';
      }
      await reply([card], caseId);
      return 'case card';
    }

    await reply([{ kind: 'text', text: say.help()[lang] }]);
    return 'help';
  });
}

/** The staff member's open cases, most urgent first, with a quick reply to open each. */
async function myQueue(deps: StaffDeps, trx: Knex.Transaction, scene: StaffScene): Promise<OutboundMessage> {
  const lang = scene.language;
  const { timeZone } = await getOrg(trx, scene.message.orgId);
  const { cases: shown, total } = await staffQueue(trx, { orgId: scene.message.orgId, staffId: scene.staff!.id, limit: MAX_QUEUE_LINES });
  if (total === 0) return { kind: 'text', text: say.queueEmpty()[lang] };
  const lines = shown.map((r) => {
    const due = r.resolutionDueAt ? say.due(formatDue(r.resolutionDueAt, lang, timeZone))[lang] : say.noDue()[lang];
    return `${r.number} · ${r.typeName[lang]} · ${CASE_STATUS[r.status].label[lang]} · ${due}`;
  });
  if (total > shown.length) lines.push(say.more(String(total - shown.length))[lang]);
  const quickReplies: Action[] = shown.slice(0, MAX_QUICK_REPLIES).map((r) => ({
    type: 'postback',
    label: r.number,
    displayText: r.number,
    data: staffActionData(deps.actionKey, { orgId: scene.message.orgId, name: 'case.view', subjectId: r.id, now: scene.now, ttlMs: QUICK_REPLY_TTL_MS }),
  }));
  return { kind: 'text', text: [say.queueHead(total)[lang], ...lines].join('\n'), quickReplies };
}
