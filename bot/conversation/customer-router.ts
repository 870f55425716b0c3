import type { Knex } from 'knex';
import { settingContactLanguage } from '../../core/contacts/contact-identities.ts';
import { BotDailyLimitReached, botDailyLimitReached } from '../../core/orgs/bot-daily-limit.ts';
import { llmBudgetLeft, NO_LIMIT_DEFAULTS, type OrgLimitDefaults } from '../../core/orgs/org-limits.ts';
import { nextNumber } from '../../core/org-counters.ts';
import { claimMessage, MessageAlreadyRouted } from '../../core/conversations/conversation-log.ts';
import { answeringIn } from '../../core/conversations/outgoing.ts';
import { writingOutboxTogether } from '../../core/outbox/outbox.ts';
import { customerWrote } from '../../core/conversations/conversation-commands.ts';
import type { ClassifyInput } from '../../core/understanding/classification.ts';
import { recordingClassification, type ClassifiedMessage } from '../../core/understanding/classification-log.ts';
import { detectLanguage } from '../../core/understanding/extract-fields.ts';
import type { OrgTaxonomies } from '../../core/understanding/org-taxonomy.ts';
import type { StaffDeps } from '../../core/staff/staff-desk.ts';
import { act, type ActDeps } from './act.ts';
import { loadCustomerContext } from './customer-context.ts';
import { decide } from './decide.ts';
import type { IncomingMessage } from '../../core/conversations/incoming-message.ts';
import { privacyNoticeToShow } from './privacy-notice.ts';
import { likelyIn, type Decision } from './decision.ts';
import type { CustomerContext } from './customer-context.ts';

/**
 * The customer side of step 3 (DESIGN.md section 2). A customer's message in a 1:1 chat: continue the open dialogue
 * (a clarification, booking details being collected), add to the customer's open case, or
 * classify and act: open a case, start a booking, answer from the FAQ, or ask what they mean.
 *
 * The classifier (maybe an LLM, seconds away) is called before any transaction; everything the
 * decision changes, with the replies, is then written in one transaction that first claims the
 * message, so a retried job never acts twice.
 */
export interface MessageClassifier {
  /** `llm: false`: the business's LLM budget for the day is used; the offline classifier answers. */
  classifyWithMeta(input: ClassifyInput, o?: { llm?: boolean }): Promise<ClassifiedMessage>;
  /** True when no reading waits on an LLM: a message may then be routed in the transaction that stores it. */
  readonly readsOffline?: boolean;
}

/** What the router needs: the dialogue's, and the staff desk's for the staff chats it hands on (route-message.ts). */
export interface RouterDeps extends ActDeps, StaffDeps {
  knex: Knex;
  classifier: MessageClassifier;
  taxonomies: OrgTaxonomies;
  /** ORG_LLM_TOKENS_PER_DAY and the rest: each business's limits where the operator set none of its own. */
  orgLimitDefaults?: OrgLimitDefaults;
  now?: () => Date;
  /**
   * Where a case's number is drawn when `knex` is a transaction still open (a message routed in the
   * transaction that stores it, workers/processors/inbound.ts): a pool of its own, which never
   * waits on `knex`'s, so that the org's counter row is locked for one statement, not until that
   * transaction commits. None on the embedded database, one session: messages are routed apart there.
   */
  numbers?: Knex;
}

/** Words with a digit in them: order numbers, booking numbers, flights. */
const CODES = /\S*\d\S*/gu;

export async function routeCustomerMessage(deps: RouterDeps, message: IncomingMessage): Promise<{ decision: string }> {
  const ctx = await loadCustomerContext(deps, message);
  if ('skip' in ctx) return { decision: `skipped: ${ctx.skip}` };
  // Read with `deps.knex`, the transaction that stored the message when it is routed in it.
  const taxonomy = () => deps.taxonomies.of(ctx.orgId, deps.knex);
  // Kept in memory with the org's settings: a business with no service takes no booking in chat.
  ctx.takesBookings = (await taxonomy()).bookingTypes.length > 0;

  let classified: ClassifiedMessage | undefined;
  const classify = async (text = ctx.text) => {
    // Past the business's cap for the day the LLM is not asked: the message waits for a person.
    if (await botDailyLimitReached(deps.knex, ctx)) throw new BotDailyLimitReached();
    // Past the business's LLM tokens for the day, the offline classifier reads it: nothing waits.
    const llm = await llmBudgetLeft(deps.knex, ctx, deps.orgLimitDefaults ?? NO_LIMIT_DEFAULTS);
    classified = await deps.classifier.classifyWithMeta(
      {
        text,
        taxonomy: await taxonomy(),
        now: ctx.now,
        timeZone: ctx.timeZone,
        orderIdPatterns: ctx.orderIdPatterns,
      },
      { llm },
    );
    return classified.result;
  };
  const likely = likelyIn(taxonomy);
  const decision = await decide(ctx, classify, likely).catch((err: unknown): Decision => {
    if (err instanceof BotDailyLimitReached) return { do: 'handoff', unsure: true, overDailyLimit: true };
    throw err;
  });

  // A case's number is drawn before the transaction that opens it, as the LINE booking form's is
  // (docs/cases.md, "Case numbers"): the org's counter row is then locked for one statement, not
  // until the case commits. A transaction that rolls back, or a message already routed, skips it.
  const toAct: Decision = decision.do === 'open_case' ? { ...decision, number: await nextNumber(deps.numbers ?? deps.knex, ctx.orgId, 'case') } : decision;

  // Answer in the language the customer writes in now, read from the message when it was not
  // classified ("report a problem" is answered without the classifier); a message without
  // letters ("3", "👍") says nothing of it, nor do the letters of a code ("ORD-55003", "B-000123",
  // "TG661"): a Thai customer who sent their order number was answered in English (r52).
  const language = /\p{L}/u.test(ctx.text.replace(CODES, ' ')) ? (classified?.result.language ?? detectLanguage(ctx.text)) : undefined;
  const languageChanged = language && language !== ctx.language ? language : undefined;

  // The rows the answer leaves in the outbox (its send, a case's card and timer) go in with one insert (#41).
  await deps.knex.transaction((trx) =>
    writingOutboxTogether(trx, async () => {
      // Replies to this message, whoever queues them, are handed to the send done here (#41). The
      // customer wrote just now: the clock the send's 24-hour window is read by, not the bot's.
      const c = message.conversation;
      if (ctx.inboundEventId !== null) answeringIn(trx, ctx.inboundEventId, c.id, { channelId: c.channelId, channelKind: c.channelKind, externalId: c.externalId, contactId: c.contactId, lastInboundAt: new Date() });
      // The reading and the language are written with the claim, in one statement (#41).
      const along = [
        ...(classified ? [recordingClassification(trx, ctx.orgId, message.id, classified)] : []),
        ...(languageChanged ? [settingContactLanguage(trx, ctx.contactId, languageChanged)] : []),
      ];
      if (!(await claimMessage(trx, message.id, along))) {
        if (along.length) throw new MessageAlreadyRouted(message.id);
        return;
      }
      if (languageChanged) ctx.language = languageChanged;
      // A snoozed conversation wakes, an idle one goes back to the bot (as the context read it); one a
      // person holds or is asked for owes the customer an answer (a response clock).
      if (ctx.inboxChange || ctx.personHolds) await customerWrote(trx, { orgId: ctx.orgId, conversationId: ctx.conversationId, now: ctx.now });
      // The privacy notice, when this customer is due to see it, goes before the bot's answer, in
      // its reply; claimed (shown once) only when that reply is sent. When the answer comes from
      // elsewhere (a case's acknowledgement, which keeps the reply), it waits for the next answer.
      const notice = async () => {
        if (!answersNow(ctx, decision) || message.conversation.kind !== 'direct') return [];
        // What the customer saw was read with their message (a VIP group's contact is another's).
        const seen = ctx.contactId === message.conversation.contactId ? message.conversation.noticesSeen : undefined;
        const card = await privacyNoticeToShow(trx, { orgId: ctx.orgId, contactId: ctx.contactId, channel: ctx.source, language: ctx.language, publicBaseUrl: deps.publicBaseUrl(), seen });
        return card ? [card] : [];
      };
      await act(deps, trx, ctx, toAct, classified?.result, notice);
    }),
  ).catch((err: unknown) => {
    // Another run routed it: what went along with the claim is rolled back, and nothing more is owed.
    if (!(err instanceof MessageAlreadyRouted)) throw err;
  });
  return { decision: decision.do };
}

/** The bot answers this message itself: not while a person holds the conversation, not a tap on the notice. */
const answersNow = (ctx: CustomerContext, d: Decision) => !ctx.personHolds && ctx.dialogue?.kind !== 'handoff' && d.do !== 'nothing' && d.do !== 'consent';

