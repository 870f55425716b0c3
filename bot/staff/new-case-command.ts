import { can } from '../../core/access/roles.ts';
import { caseOfIdempotencyKey, customerOfCaseNumber } from '../../core/cases/case-queries.ts';
import { openRequestedCase, type CaseRequestBody } from '../../core/cases/case-requests.ts';
import { claimMessage, saidMessage } from '../../core/conversations/conversation-log.ts';
import { DomainError } from '../../core/errors/index.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import { readOrgSettings } from '../../core/orgs/org-settings.ts';
import { buildCaseCard } from '../../core/staff/case-card.ts';
import { QUICK_REPLY_TTL_MS, staffActionData } from '../../core/staff/staff-buttons.ts';
import { BUTTON_USED, fill, SEVERITY_LABEL, type Phrase } from '../../core/staff/staff-phrases.ts';
import { extractFields } from '../../core/understanding/extract-fields.ts';
import { likelyCaseTypes } from '../../core/understanding/offline-classifier.ts';
import { loadOrgTaxonomy } from '../../core/understanding/org-taxonomy.ts';
import { activeCaseTypeKey, catalogChoices } from '../../core/understanding/taxonomy-admin.ts';
import type { Knex } from 'knex';
import type { Language, Severity } from '../../core/vocabulary.ts';
import type { ActionContext, ActionTable } from './action-context.ts';
import { readNewCaseCommand, type NamedCustomer, type NewCaseCommand } from './new-case-words.ts';
import { answer, type StaffDeps, type StaffScene } from './staff-scene.ts';

/**
 * A staff member opens a case for a customer from LINE (a staff group, or 1:1 with the bot):
 * `/case 0812345678 what happened` (the words: new-case-words.ts). Two steps:
 *
 * 1. The command: the sender must be enrolled staff whose role may open cases (`cases.create`, as
 *    for `POST /api/v1/cases` and the desk's New case form); the customer and the description are
 *    read, and the bot asks for the case type with one quick reply per type in use, the types the
 *    description reads most like first (the offline classifier's ranking, whatever classifier is
 *    configured: it answers at once and is the one a chat case's "which type?" uses). Nothing is
 *    written but the bot's question.
 * 2. The tap (`case.new`, its subject the command's message, its argument the type's id) opens the
 *    case through `openRequestedCase`, the one path of `POST /api/v1/cases`: source `manual`, the
 *    staff member as the actor, the same SLA clocks, timeline, staff cards and customer notice.
 *    Order ids and an amount in the description are read with the org's patterns and linked, as
 *    in a customer's message.
 *
 * The command's LINE message id is the case's `Idempotency-Key` (`line-message:<id>`): one
 * message opens at most one case, whatever is tapped, however often, and by a webhook LINE
 * delivers twice. Only the one who wrote the command chooses the type.
 */

/** Twelve types and no more: LINE shows 13 quick replies, and one more would hide none usefully. */
const MAX_TYPES_SHOWN = 12;
/** How much of the description the question quotes. */
const QUOTED_CHARS = 120;

const SAY = {
  askType: { th: 'เปิดเคสใหม่ให้{customer}\n“{summary}”\n{which}', en: 'New case for {customer}:\n“{summary}”\n{which}' },
  whichType: { th: 'เลือกประเภทเคสค่ะ', en: 'Which type is it?' },
  whichTypeGuessed: { th: 'เลือกประเภทเคสค่ะ ตัวแรกคือประเภทที่น่าจะใช่ที่สุด', en: 'Which type is it? The first is my best guess.' },
  opened: { th: 'เปิดเคส {number} แล้วค่ะ · {type} · {severity}\nลูกค้า: {customer}{created}\n{told}', en: 'Opened {number} · {type} · {severity}\nCustomer: {customer}{created}\n{told}' },
  newContact: { th: ' (ลูกค้าใหม่)', en: ' (new contact)' },
  told: { th: 'แจ้งลูกค้าในแชทแล้วค่ะ', en: 'The customer was told on their chat.' },
  notTold: { th: 'ลูกค้ายังไม่มีแชทกับเรา จึงไม่ได้แจ้งลูกค้าค่ะ', en: 'The customer has no chat with us, so they were not told.' },
  already: {
    th: 'ข้อความนี้เปิดเคส {number} ({type}) ไปแล้วค่ะ ไม่ได้เปิดเคสใหม่ ถ้าประเภทไม่ถูกต้อง แก้ไขได้ที่เคสค่ะ',
    en: 'This message already opened {number} ({type}); no new case was opened. If the type is wrong, correct it on the case.',
  },
  notAsker: { th: 'เฉพาะผู้ที่สั่งเปิดเคสนี้เท่านั้นที่เลือกประเภทได้ค่ะ', en: 'Only the person who asked to open this case can choose its type.' },
  typeGone: { th: 'ประเภทเคสนี้ไม่ได้ใช้งานแล้วค่ะ ส่งคำสั่งเปิดเคสอีกครั้งนะคะ', en: 'This case type is no longer in use. Send the command again.' },
  badButton: { th: 'ปุ่มนี้ใช้ไม่ได้ค่ะ', en: 'This button cannot be used.' },
  notStaff: {
    th: 'เฉพาะเจ้าหน้าที่ที่ลงทะเบียนแล้วเท่านั้นที่เปิดเคสได้ ส่งรหัสลงทะเบียนให้บอทก่อนค่ะ',
    en: 'Only enrolled staff can open cases. Send your enrolment code to the bot first.',
  },
  role: { th: 'บทบาทของคุณเปิดเคสไม่ได้ค่ะ ไม่ได้เปิดเคส', en: 'Your role cannot open cases; nothing was opened.' },
  noCustomer: {
    th: 'ระบุลูกค้าก่อนค่ะ: เบอร์โทร อีเมล LINE user id หรือหมายเลขเคส แล้วตามด้วยสิ่งที่เกิดขึ้น ยังไม่ได้เปิดเคส\nเช่น: /case 0812345678 ลูกค้าเติมเงิน 500 บาทแล้วยอดไม่เข้า',
    en: 'Name the customer first: a phone number, an e-mail, a LINE user id or a case number, then what happened. Nothing was opened.\nFor example: /case 0812345678 topped up 500 baht, no credit',
  },
  badPhone: {
    th: '“{word}” ไม่ใช่เบอร์โทรที่อ่านได้ค่ะ พิมพ์ติดกันเป็นคำเดียว เช่น 0812345678, 081-234-5678 หรือ +66812345678 ยังไม่ได้เปิดเคส',
    en: '“{word}” is not a phone number I can read. Write it as one word: 0812345678, 081-234-5678 or +66812345678. Nothing was opened.',
  },
  badEmail: { th: '“{word}” ไม่ใช่อีเมลที่อ่านได้ค่ะ ยังไม่ได้เปิดเคส', en: '“{word}” is not an e-mail address I can read. Nothing was opened.' },
  noDescription: {
    th: 'พิมพ์สิ่งที่เกิดขึ้นต่อจากลูกค้าด้วยค่ะ เช่น /case {word} ยอดเงินไม่เข้า ยังไม่ได้เปิดเคส',
    en: 'Say what happened after the customer, e.g. /case {word} topped up, no credit. Nothing was opened.',
  },
  tooLong: {
    th: 'รายละเอียดยาว {length} ตัวอักษร เคสรับได้ไม่เกิน 1000 ตัวอักษรค่ะ ย่อแล้วส่งใหม่นะคะ ยังไม่ได้เปิดเคส',
    en: 'The description is {length} characters; a case takes at most 1000. Shorten it and send it again. Nothing was opened.',
  },
  noCase: { th: 'ไม่พบเคส {number} ค่ะ ยังไม่ได้เปิดเคส', en: 'No case {number}; nothing was opened.' },
  noCaseCustomer: {
    th: 'เคส {number} ไม่มีข้อมูลลูกค้า ระบุลูกค้าด้วยเบอร์โทร อีเมล หรือ LINE user id แทนนะคะ ยังไม่ได้เปิดเคส',
    en: '{number} has no customer: name them by phone, e-mail or LINE user id instead. Nothing was opened.',
  },
  erased: {
    th: 'ข้อมูลลูกค้าของเคส {number} ถูกลบแล้ว (PDPA) ระบุลูกค้าด้วยเบอร์โทร อีเมล หรือ LINE user id แทนนะคะ ยังไม่ได้เปิดเคส',
    en: 'The customer of {number} was erased (PDPA): name them by phone, e-mail or LINE user id instead. Nothing was opened.',
  },
  noTypes: { th: 'ยังไม่มีประเภทเคสที่ใช้งานอยู่ เพิ่มในหน้าตั้งค่าก่อนนะคะ', en: 'There are no case types in use: add one in Settings first.' },
  refused: { th: 'เปิดเคสไม่ได้ค่ะ ยังไม่ได้เปิดเคส: {why}', en: 'The case could not be opened; nothing was opened: {why}' },
  customerOfCase: { th: 'ลูกค้าของเคส {number}', en: 'the customer of {number}' },
} satisfies Record<string, Phrase>;

const PROBLEM: Record<Exclude<NewCaseCommand, { ok: true }>['problem'], Phrase> = {
  no_customer: SAY.noCustomer,
  bad_phone: SAY.badPhone,
  bad_email: SAY.badEmail,
  no_description: SAY.noDescription,
  too_long: SAY.tooLong,
};

/** The command in a staff message, answered; undefined when the message is not the command. */
export async function handleNewCaseCommand(deps: StaffDeps, scene: StaffScene): Promise<string | undefined> {
  if (scene.message.kind !== 'text') return undefined;
  const command = readNewCaseCommand(scene.message.text);
  if (!command) return undefined;
  const { orgId } = scene.message;
  const lang = scene.language;
  const allowed = scene.staff && can(scene.staff.role, 'cases.create');
  // Read before the transaction: the taxonomy is master data, and its index is cached by content.
  const likely = allowed && command.ok ? likelyCaseTypes(await loadOrgTaxonomy(deps.knex, orgId), command.description) : [];

  return deps.knex.transaction(async (trx) => {
    if (!(await claimMessage(trx, scene.message.id))) return 'already routed';
    const say = (text: string, quickReplies?: Action[]) => answer(trx, scene, [{ kind: 'text', text, ...(quickReplies ? { quickReplies } : {}) }]);
    const refuse = (phrase: Phrase, outcome: string, vars?: Vars) => refusal(trx, scene, phrase, outcome, vars);
    if (!scene.staff) return refuse(SAY.notStaff, 'not staff');
    if (!allowed) return refuse(SAY.role, 'role');
    if (!command.ok) return refuse(PROBLEM[command.problem], command.problem, { word: command.word, length: String(command.length ?? '') });
    if ('caseNumber' in command.customer) {
      const number = command.customer.caseNumber;
      const of = await customerOfCaseNumber(trx, orgId, number);
      if (!of) return refuse(SAY.noCase, 'no such case', { number });
      if (!of.contactId) return refuse(SAY.noCaseCustomer, 'case without customer', { number });
      if (of.erased) return refuse(SAY.erased, 'customer erased', { number });
    }
    const types = await catalogChoices(trx, orgId, 'case_types', 100);
    if (!types.length) return refuse(SAY.noTypes, 'no case types');
    const guessed = likely.map((key) => types.find((t) => t.key === key)).filter((t) => t !== undefined);
    const shown = [...guessed, ...types.filter((t) => !likely.includes(t.key))].slice(0, MAX_TYPES_SHOWN);
    const quickReplies: Action[] = shown.map((t) => ({
      type: 'postback',
      label: t.name[lang],
      displayText: t.name[lang],
      data: staffActionData(deps.actionKey, { orgId, name: 'case.new', arg: t.id, subjectId: scene.message.id, now: scene.now, ttlMs: QUICK_REPLY_TTL_MS }),
    }));
    const summary = command.description.length > QUOTED_CHARS ? `${command.description.slice(0, QUOTED_CHARS - 1)}…` : command.description;
    await say(
      fill(SAY.askType[lang], { customer: customerLabel(command.customer, lang), summary, which: (guessed.length ? SAY.whichTypeGuessed : SAY.whichType)[lang] }),
      quickReplies,
    );
    return 'new case: type asked';
  });
}

export const newCaseActions: ActionTable = {
  /**
   * The type tapped: the case opens. Checked in this order, each refusal answered and nothing
   * written: the command message is this org's and this chat's; the tapper wrote it; their role
   * still may open cases; the message has not opened a case yet; the type is still in use. Then
   * the token is spent and the case opened in the tap's transaction.
   */
  'case.new': async (ctx) => {
    const { trx, scene, staff, token } = ctx;
    const { orgId } = scene.message;
    const lang = scene.language;
    const refuse = (phrase: Phrase, outcome: string, vars?: Vars) => refusal(trx, scene, phrase, outcome, vars);
    const said = await saidMessage(trx, orgId, token.subjectId);
    const command = said?.conversationId === scene.conversation.id ? readNewCaseCommand(said.text) : undefined;
    if (!said || !command?.ok || !ctx.arg) return refuse(SAY.badButton, 'not a command of this chat');
    if (!said.senderLineUserId || said.senderLineUserId !== scene.message.senderLineUserId) return refuse(SAY.notAsker, 'not the asker');
    if (!can(staff.role, 'cases.create')) return refuse(SAY.role, 'role');
    const key = `line-message:${said.platformMessageId ?? said.id}`;
    if (await caseOfIdempotencyKey(trx, orgId, key)) return alreadyOpened(ctx, key, 'already opened');
    const caseType = await activeCaseTypeKey(trx, orgId, ctx.arg);
    if (!caseType) return refuse(SAY.typeGone, 'case type not in use');
    if (!(await ctx.spend())) return refuse(BUTTON_USED, 'replayed');

    const customer = await handleOf(trx, orgId, command.customer);
    if (!customer) return refuse(SAY.noCase, 'no such case', { number: 'caseNumber' in command.customer ? command.customer.caseNumber : '' });
    const body: CaseRequestBody = {
      source: 'manual',
      caseType,
      summary: command.description,
      ...customer,
      ...(await fieldsOf(trx, orgId, command.description, scene.now)),
    };
    let opened;
    try {
      opened = await openRequestedCase(trx, { orgId, key, body, actor: { type: 'staff', id: staff.id }, now: scene.now });
    } catch (err) {
      if (!(err instanceof DomainError) || !['validation_failed', 'idempotency_key_reused'].includes(err.code)) throw err;
      // Another type of the same question tapped at the same moment: that tap opened the case.
      if (err.code === 'idempotency_key_reused') return alreadyOpened(ctx, key, 'already opened (at the same moment)');
      // The customer as named cannot be written about (erased since the command, no LINE channel in use).
      const why = (err.details as { message?: string }[] | undefined)?.map((d) => d.message).join('; ') || err.message;
      return refuse(SAY.refused, 'customer refused', { why });
    }
    if (opened.replayed) return alreadyOpened(ctx, key, 'already opened (at the same moment)');
    const c = (await caseOfIdempotencyKey(trx, orgId, key))!;
    const text = fill(SAY.opened[lang], {
      number: c.number,
      type: c.typeName[lang],
      severity: SEVERITY_LABEL[opened.case.severity as Severity]?.[lang] ?? opened.case.severity,
      customer: customerLabel(command.customer, lang),
      created: opened.case.contactCreated ? SAY.newContact[lang] : '',
      told: (opened.case.customerNotified ? SAY.told : SAY.notTold)[lang],
    });
    const messages: OutboundMessage[] = [{ kind: 'text', text }];
    // In a group routed for the case its card arrives with every routed group's; 1:1 nobody else
    // would show it to the one who opened it.
    if (scene.conversation.kind === 'direct') {
      const card = await buildCaseCard(ctx.deps, trx, { orgId, caseId: c.id, language: lang, now: scene.now, viewer: { id: staff.id, role: staff.role } });
      if (card) messages.push(card);
    }
    await answer(trx, scene, messages, { caseId: c.id });
    return 'new case: opened';
  },
};

type Vars = Record<string, string | undefined>;

/** A refusal, answered in the chat; the outcome for the logs. */
async function refusal(trx: Knex.Transaction, scene: StaffScene, phrase: Phrase, outcome: string, vars: Vars = {}): Promise<string> {
  await answer(trx, scene, [{ kind: 'text', text: fill(phrase[scene.language], vars) }]);
  return `refused: ${outcome}`;
}

/** The message opened its case already: which, and that nothing new was opened. */
async function alreadyOpened(ctx: ActionContext, key: string, outcome: string): Promise<string> {
  const c = (await caseOfIdempotencyKey(ctx.trx, ctx.scene.message.orgId, key))!;
  const lang = ctx.scene.language;
  await answer(ctx.trx, ctx.scene, [{ kind: 'text', text: fill(SAY.already[lang], { number: c.number, type: c.typeName[lang] }) }], { caseId: c.id });
  return `refused: ${outcome}`;
}

/** The customer as `POST /api/v1/cases` names them; a case number becomes that case's contact. */
async function handleOf(trx: Knex.Transaction, orgId: string, customer: NamedCustomer): Promise<Pick<CaseRequestBody, 'contactId' | 'phone' | 'email' | 'lineUserId'> | undefined> {
  if (!('caseNumber' in customer)) return customer;
  const of = await customerOfCaseNumber(trx, orgId, customer.caseNumber);
  return of?.contactId ? { contactId: of.contactId } : undefined;
}

/** Order ids and an amount in the description, read as in a customer's message (the org's order-id patterns). */
async function fieldsOf(trx: Knex.Transaction, orgId: string, description: string, now: Date): Promise<Pick<CaseRequestBody, 'fields'>> {
  const settings = await readOrgSettings(trx, orgId);
  const read = extractFields(description, { orderIdPatterns: settings.orderIdPatterns, now, timeZone: settings.timeZone });
  const fields = {
    ...(read.orderIds?.length ? { orderIds: read.orderIds.slice(0, 20) } : {}),
    ...(read.amount !== undefined ? { amount: read.amount } : {}),
    ...(read.currency ? { currency: read.currency } : {}),
  };
  return Object.keys(fields).length ? { fields } : {};
}

function customerLabel(customer: NamedCustomer, lang: Language): string {
  if ('phone' in customer) return customer.phone;
  if ('email' in customer) return customer.email;
  if ('lineUserId' in customer) return `LINE ${customer.lineUserId.slice(0, 9)}…`;
  return fill(SAY.customerOfCase[lang], { number: customer.caseNumber });
}

