import type { Knex } from 'knex';
import { resolve, take, type CommandResult, type ConversationRefusal } from '../../core/conversations/conversation-commands.ts';
import { customerNameOf } from '../../core/conversations/inbox-queries.ts';
import { HOLDER_NEWS } from '../../core/staff/conversation-relay.ts';
import { BUTTON_USED, say, type Phrase } from '../../core/staff/staff-phrases.ts';
import type { Language } from '../../core/vocabulary.ts';
import type { ActionContext, ActionTable } from './action-context.ts';
import { answer } from './staff-scene.ts';

/**
 * The buttons on the card of a customer waiting for a person (core/staff/conversation-announcements.ts):
 * Take and Resolve. The inbox's commands decide (core/conversations/conversation-commands.ts), on
 * the conversation as it is now; this only puts their answer, or their refusal, into words in the
 * chat where the button was tapped. The token is spent right before the change (`beforeWrite`).
 */
const PHRASES = {
  ...HOLDER_NEWS,
  alreadyYours: { th: 'คุณดูแลเรื่องของ {customer} อยู่แล้วค่ะ', en: 'You already have the conversation with {customer}' },
  nothingToResolve: { th: 'เรื่องของ {customer} ไม่มีใครรออยู่แล้วค่ะ', en: 'Nobody is waiting in the conversation with {customer} any more' },
  ownedBy: { th: '{owner} ดูแลเรื่องของ {customer} อยู่ค่ะ', en: '{owner} has the conversation with {customer}' },
  roleForbids: { th: 'บทบาทของคุณทำรายการนี้ไม่ได้ค่ะ', en: 'Your role cannot do this.' },
  erased: { th: 'ข้อมูลลูกค้ารายนี้ถูกลบแล้ว ส่งข้อความต่อไม่ได้ค่ะ', en: "This customer's data was erased: the conversation cannot be written to." },
  notFound: { th: 'ไม่พบการสนทนานี้ค่ะ', en: 'This conversation was not found.' },
  changed: { th: 'การสนทนานี้เพิ่งถูกเปลี่ยน ลองอีกครั้งนะคะ', en: 'This conversation was just changed. Please try again.' },
  someone: { th: 'เจ้าหน้าที่คนอื่น', en: 'Someone else' },
  unknownCustomer: { th: 'ลูกค้า', en: 'the customer' },
} satisfies Record<string, Phrase>;

/** The customer's name, or "the customer", in the staff member's language. */
export const customerCalled = async (trx: Knex.Transaction, orgId: string, conversationId: string, lang: Language) =>
  (await customerNameOf(trx, orgId, conversationId)) ?? PHRASES.unknownCustomer[lang];

const customerName = (ctx: ActionContext) => customerCalled(ctx.trx, ctx.token.orgId, ctx.token.subjectId, ctx.scene.language);

const command = (ctx: ActionContext) => ({
  orgId: ctx.token.orgId,
  conversationId: ctx.token.subjectId,
  staff: { staffId: ctx.staff.id, role: ctx.staff.role },
  now: ctx.scene.now,
  beforeWrite: ctx.spend,
  // The tap is answered in its group: that group is not told again who holds it.
  saidIn: ctx.scene.conversation.id,
});

/** A refusal of the inbox's commands in words, for a tap or a quote-reply in a group. */
export function refusalText(lang: Language, r: ConversationRefusal, customer: string): string {
  switch (r.reason) {
    case 'owned_by':
      return say(lang, PHRASES.ownedBy, { owner: r.now.assigneeName ?? PHRASES.someone[lang], customer });
    case 'role_forbids':
      return say(lang, PHRASES.roleForbids);
    case 'erased':
      return say(lang, PHRASES.erased);
    case 'not_found':
      return say(lang, PHRASES.notFound);
    case 'replayed':
      return say(lang, BUTTON_USED);
    default:
      return say(lang, PHRASES.changed);
  }
}

async function tell(ctx: ActionContext, r: CommandResult, done: (customer: string) => string, unchanged: (customer: string) => string): Promise<string> {
  const customer = await customerName(ctx);
  const text = !r.ok ? refusalText(ctx.scene.language, r.refusal, customer) : r.changed ? done(customer) : unchanged(customer);
  // Stored with the conversation, as its card is: a quote-reply to the answer reaches the customer too.
  await answer(ctx.trx, ctx.scene, [{ kind: 'text', text }], { aboutConversationId: ctx.token.subjectId });
  return !r.ok ? `refused: ${r.refusal.reason}` : r.changed ? 'changed' : 'unchanged';
}

async function takeConversation(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const r = await take(ctx.trx, command(ctx));
  const from = r.ok && r.before.assigneeStaffId !== ctx.staff.id ? r.before.assigneeName : null;
  return tell(
    ctx,
    r,
    (customer) => say(lang, from ? PHRASES.tookOver : PHRASES.took, { who: ctx.staff.displayName, customer, owner: from ?? '' }),
    (customer) => say(lang, PHRASES.alreadyYours, { customer }),
  );
}

async function resolveConversation(ctx: ActionContext): Promise<string> {
  const lang = ctx.scene.language;
  const r = await resolve(ctx.trx, command(ctx));
  return tell(
    ctx,
    r,
    (customer) => say(lang, PHRASES.resolved, { who: ctx.staff.displayName, customer }),
    (customer) => say(lang, PHRASES.nothingToResolve, { customer }),
  );
}

export const conversationActions: ActionTable = {
  'conversation.take': takeConversation,
  'conversation.resolve': resolveConversation,
};
