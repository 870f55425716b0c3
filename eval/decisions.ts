import { decide } from '../bot/conversation/decide.ts';
import type { CustomerContext } from '../bot/conversation/customer-context.ts';
import { likelyIn, NOTHING_LIKELY, type Decision } from '../bot/conversation/decision.ts';
import type { Classification } from '../core/understanding/classification.ts';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';
import type { EvalMessage, Prediction } from './run-eval.ts';

/**
 * What the bot would do with each message of a set, decided by the bot's own `decide()` on what
 * the classifier said, as the first message of a conversation (no dialogue, no open case): the
 * decision a new customer gets, not a proxy for it.
 *
 * - **acted**: a case opened with a type, a booking started (of a service, or asking which), a FAQ
 *   entry answered, a service's price answered. Wrong when the message is not that: another kind, another type or service or
 *   entry, or a question without an entry answered with one.
 * - **to a person**: handed over, or a question without an answer (the conversation waits for one).
 * - **asked**: "did you mean X or Y?", the four choices, "which problem is it?", "what happened?":
 *   the customer steers.
 * - **greeted**: small talk answered with what the bot can do.
 *
 * In scope is what the business is there for (a booking, a problem, a question); out of scope is
 * the rest (`other`: small talk and what a service desk does not do).
 */

export type Outcome = 'acted' | 'person' | 'asked' | 'greeted';

export interface Decided {
  message: EvalMessage;
  decision: Decision;
  outcome: Outcome;
  /** For `acted`: whether the act was the right one; for "did you mean": whether the right one was offered. */
  right?: boolean;
}

const NOW = new Date('2026-03-10T03:00:00Z');

function loneMessage(text: string, r: Classification, actWhenSure: number | undefined): CustomerContext {
  return {
    orgId: 'eval',
    timeZone: 'Asia/Bangkok',
    orderIdPatterns: undefined,
    messageId: 'eval',
    inboundEventId: null,
    conversationId: 'eval',
    contactId: 'eval',
    language: r.language,
    source: 'line',
    text,
    hasFile: false,
    reply: undefined,
    dialogue: undefined,
    openCase: undefined,
    resolvedCase: undefined,
    actWhenSure,
    now: NOW,
  };
}

export function outcomeOf(d: Decision, m: EvalMessage): Pick<Decided, 'outcome' | 'right'> {
  switch (d.do) {
    case 'open_case':
      return { outcome: 'acted', right: m.kind === 'case' && m.caseType === d.caseType };
    case 'booking':
      // A booking of no service yet asks which: acting on "a booking", right for any booking.
      return { outcome: 'acted', right: m.kind === 'booking' && (d.dialogue.serviceKey === undefined || d.dialogue.serviceKey === m.bookingType) };
    case 'faq':
      return { outcome: 'acted', right: m.kind === 'question' && m.faqKey === d.faqKey };
    // A service's price, answered from the service: right for a question (the sets do not say which
    // service a question is about) or a booking of that service.
    case 'service_price':
    // Or how long it takes, or how many it takes, the same way.
    case 'service_duration':
    case 'service_capacity':
      return { outcome: 'acted', right: m.kind === 'question' || (m.kind === 'booking' && m.bookingType === d.serviceKey) };
    // The booking form's link: right for a question (the sets do not say which) or a booking.
    case 'booking_form':
      return { outcome: 'acted', right: m.kind === 'question' || m.kind === 'booking' };
    case 'handoff':
    case 'no_answer':
    // A receipt asked for by a conversation's first message: a new customer has no document yet, so a person sees to it.
    case 'documents':
      return { outcome: 'person' };
    case 'greet':
      return { outcome: 'greeted' };
    case 'did_you_mean':
      return { outcome: 'asked', right: d.options.some((o) => o.kind === m.kind && o.key === (m.kind === 'case' ? m.caseType : m.kind === 'booking' ? m.bookingType : m.faqKey)) };
    default:
      return { outcome: 'asked' };
  }
}

/**
 * The bot's decision on each prediction, at the org's threshold (`actWhenSure`, default the bot's).
 * With the set's taxonomy, what the messages are most like is ranked as the bot ranks it (the
 * types offered first, the readings offered beside one it leans to).
 */
export async function decideAll(preds: Prediction[], actWhenSure?: number, taxonomy?: Taxonomy): Promise<Decided[]> {
  const likely = taxonomy ? likelyIn(() => taxonomy) : NOTHING_LIKELY;
  const out: Decided[] = [];
  for (const p of preds) {
    const decision = await decide(loneMessage(p.message.text, p.result, actWhenSure), async () => p.result, likely);
    out.push({ message: p.message, decision, ...outcomeOf(decision, p.message) });
  }
  return out;
}

export interface DecisionSummary {
  n: number;
  inScope: number;
  outOfScope: number;
  /** Share of all messages acted on. */
  acted: number;
  /** Share of in-scope messages acted on. */
  actedInScope: number;
  /** Of the acts, the share that were wrong. */
  wrongAmongActed: number;
  /** Share of out-of-scope messages acted on. */
  outOfScopeActed: number;
  /** Share of all messages handed to a person. */
  person: number;
  asked: number;
  greeted: number;
  /** Share of all messages answered with "did you mean X or Y?", and of those, the share where the right one was offered. */
  didYouMean: number;
  didYouMeanRight: number;
  /** Counts behind the shares, for the reader who wants them. */
  actedCount: number;
  wrongCount: number;
}

const share = (a: number, b: number) => (b === 0 ? NaN : a / b);
const inScope = (m: EvalMessage) => m.kind !== 'other';

export function summariseDecisions(ds: Decided[]): DecisionSummary {
  const acted = ds.filter((d) => d.outcome === 'acted');
  const wrong = acted.filter((d) => !d.right);
  const inside = ds.filter((d) => inScope(d.message));
  const outside = ds.filter((d) => !inScope(d.message));
  return {
    n: ds.length,
    inScope: inside.length,
    outOfScope: outside.length,
    acted: share(acted.length, ds.length),
    actedInScope: share(inside.filter((d) => d.outcome === 'acted').length, inside.length),
    wrongAmongActed: share(wrong.length, acted.length),
    outOfScopeActed: share(outside.filter((d) => d.outcome === 'acted').length, outside.length),
    person: share(ds.filter((d) => d.outcome === 'person').length, ds.length),
    asked: share(ds.filter((d) => d.outcome === 'asked').length, ds.length),
    greeted: share(ds.filter((d) => d.outcome === 'greeted').length, ds.length),
    didYouMean: share(ds.filter((d) => d.decision.do === 'did_you_mean').length, ds.length),
    didYouMeanRight: share(ds.filter((d) => d.decision.do === 'did_you_mean' && d.right).length, ds.filter((d) => d.decision.do === 'did_you_mean').length),
    actedCount: acted.length,
    wrongCount: wrong.length,
  };
}
