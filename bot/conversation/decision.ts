import type { Classification } from '../../core/understanding/classification.ts';
import type { BookingDialogue } from './dialogue.ts';
import { asksQuestion } from './readings.ts';
import { likelyCaseTypes, likelyReadings } from '../../core/understanding/offline-classifier.ts';
import { caseTypeNamedIn, entriesSaying, faqSaying, serviceCalledIn, serviceNamedIn, servicesNamedIn, type Taxonomy } from '../../core/understanding/taxonomy.ts';
import { DEFAULT_ACT_WHEN_SURE, FAQ_AT_LEAST } from '../../core/understanding/act-when-sure.ts';

// What the dialogue may decide to do with a customer's message, and how sure it must be to act:
// decide.ts makes the decision, act.ts carries it out, booking-slots.ts decides within a booking.

/**
 * Answers without an order id the org's patterns read, after the bot asked for one, before a
 * person takes over: asked, then asked again twice (docs/understanding.md, "Facts a case type needs").
 */
export const ORDER_ID_TRIES = 3;

/**
 * Below this the bot asks instead of acting on its guess, unless the org set its own
 * (`actWhenSure`, core/contracts/org-settings.ts): the classifiers' confidence is fitted per
 * taxonomy to read as a probability of being right, so "acts when at least 80 % sure" is a
 * threshold of 0.8 (docs/understanding.md, "When the bot acts").
 */
export const ACT_CONFIDENCE = DEFAULT_ACT_WHEN_SURE / 100;
/** An FAQ answer is given only when the match is at least this sure (or the org's threshold, if higher). */
export const FAQ_CONFIDENCE = FAQ_AT_LEAST / 100;

/**
 * Below the org's level, a reading at least this sure is offered as one tap rather than the four
 * choices: a problem is asked its type (the list of problem types, the likeliest first), a booking
 * or an FAQ answer is offered with what else the message is most like ("did you mean"). One tap to
 * the right answer instead of two. Of the offline classifier's readings between 0.5 and 0.8, the
 * kind is right for 84 to 98 % on `opsdesk` (docs/understanding.md, calibration tables).
 */
export const LEANS_TO = 0.5;

/** Readings offered when the bot leans to one without being sure: it, and what else the message is most like. */
export const LEANING_OPTIONS = 3;

/** How sure the bot must be to act on a reading, for this customer's org. */
export const actThreshold = (ctx: { actWhenSure?: number }) => ctx.actWhenSure ?? ACT_CONFIDENCE;
/** Sure enough to act on: at the org's threshold, and never on what is out of scope. */
export const sureEnough = (r: Classification, ctx: { actWhenSure?: number }) => r.confidence >= actThreshold(ctx) && r.otherType !== 'out_of_scope';
/** Sure enough to answer from the FAQ. */
export const answersFromFaq = (r: Classification, ctx: { actWhenSure?: number }): r is Classification & { faqKey: string } =>
  r.kind === 'question' && r.faqKey !== undefined && r.confidence >= Math.max(FAQ_CONFIDENCE, actThreshold(ctx));
/** Case types offered first when the customer picks one (the rest follow, as listed). */
export const LIKELY_CASE_TYPES = 3;

/** What a text is most like, best first (the offline index's `likelyCaseTypes` and `likelyReadings`). */
export interface Likely {
  caseTypes(text: string): Promise<string[]>;
  readings(text: string): Promise<Reading[]>;
  /**
   * The service the text names by its name or a keyword (`orElse` when it names none), unless the
   * FAQ entry it was read as names it too (core/understanding/taxonomy.ts `serviceNamedIn`).
   */
  serviceNamed(text: string, answeredBy?: string, orElse?: string): Promise<string | undefined>;
  /** The service the text calls by its own name, not a keyword (core/understanding/taxonomy.ts `serviceCalledIn`). */
  serviceCalled(text: string): Promise<string | undefined>;
  /** Every service the text names by its name or a keyword, in the order named (core/understanding/taxonomy.ts `servicesNamedIn`). */
  servicesNamed(text: string): Promise<string[]>;
  /** The case type the text names by its name or a keyword (core/understanding/taxonomy.ts `caseTypeNamedIn`). */
  caseTypeNamed(text: string): Promise<string | undefined>;
  /** The business's case types whose own words `words` finds (core/understanding/taxonomy.ts `entriesSaying`). */
  caseTypesSaying(words: RegExp): Promise<string[]>;
  /** The business's services whose own words `words` finds. */
  servicesSaying(words: RegExp): Promise<string[]>;
  /** The business's FAQ entries whose question, answer or keywords `words` finds. */
  faqSaying(words: RegExp): Promise<string[]>;
}
export const NOTHING_LIKELY: Likely = { caseTypes: async () => [], readings: async () => [], serviceNamed: async () => undefined, serviceCalled: async () => undefined, servicesNamed: async () => [], caseTypeNamed: async () => undefined, caseTypesSaying: async () => [], servicesSaying: async () => [], faqSaying: async () => [] };

/** What a text is most like in the business's taxonomy (read when first asked: most messages never ask). */
export function likelyIn(taxonomy: () => Promise<Taxonomy> | Taxonomy): Likely {
  return {
    caseTypes: async (text) => likelyCaseTypes(await taxonomy(), text),
    readings: async (text) => likelyReadings(await taxonomy(), text),
    serviceNamed: async (text, answeredBy, orElse) => serviceNamedIn(await taxonomy(), text, answeredBy, orElse),
    serviceCalled: async (text) => serviceCalledIn(await taxonomy(), text),
    servicesNamed: async (text) => servicesNamedIn(await taxonomy(), text),
    caseTypeNamed: async (text) => caseTypeNamedIn(await taxonomy(), text),
    caseTypesSaying: async (words) => entriesSaying((await taxonomy()).caseTypes, words),
    servicesSaying: async (words) => entriesSaying((await taxonomy()).bookingTypes, words),
    faqSaying: async (words) => faqSaying((await taxonomy()).faq, words),
  };
}

/** The entry a reading names, if it names one (a question may be one no FAQ entry answers). */
export function readingOf(r: Classification): Reading | undefined {
  const key = r.kind === 'case' ? r.caseType : r.kind === 'booking' ? r.bookingType : r.kind === 'question' ? r.faqKey : undefined;
  return key && r.kind !== 'other' ? { kind: r.kind, key } : undefined;
}

export type Decision =
  | { do: 'nothing'; why: string }
  /** `thanks`: answered "you're welcome" rather than welcomed; `ok`: told what else the bot can do. */
  | { do: 'greet'; why: string; thanks?: true; ok?: true }
  /** A person answers: the customer asked for one, or the bot was unsure twice running (`unsure`). */
  | { do: 'handoff'; unsure?: true; overDailyLimit?: true }
  /**
   * `solved`: the customer says the case's problem is over ("ได้แล้วค่ะ ขอบคุณค่ะ"): told the team will close it.
   * `asks`: a question on the case the bot cannot answer ("what info do you need from me?"): told a
   * person will answer it, even in a burst, where a follow-up's acknowledgement is not repeated.
   */
  | { do: 'follow_up'; caseId: string; caseNumber: string; solved?: true; asks?: true; thanks?: true }
  /** An image while a booking owes money: a transfer slip on that booking, for staff to confirm. */
  | { do: 'slip'; bookingId: string; bookingNumber: string }
  /** "Any news on my case?": the case's status, answered every time (a follow-up in a burst is not). */
  | { do: 'case_status'; caseId: string; caseNumber: string }
  /** The customer's newest booking, where it stands (customer-context.ts read it). */
  | { do: 'booking_status' }
  /** "ยอดคงเหลือ" / "my balance": a member's wallet, points and credits (core/members/member-notices.ts). */
  | { do: 'member_balance' }
  /** The customer's latest receipts and tax invoices, as links; none: a person sees to it. */
  | { do: 'documents' }
  /** The booking form's link, asked for in LINE ("can I book online?"). */
  | { do: 'booking_form' }
  /** "join ACME-7F3K": the customer takes a seat of a corporate client (core/members/corporate-notices.ts). */
  | { do: 'corporate_join'; code: string }
  /** "I want to report a problem", and nothing yet of what happened: the bot asks what happened. */
  | { do: 'ask_problem' }
  | { do: 'ask_question' }
  /** A hello while a case is open: greeted back, reminded of the case, offered the choices; on the case too when it says more than hello. */
  | { do: 'greet_open_case'; caseId: string; caseNumber: string; onCase: boolean }
  | { do: 'reopen'; caseId: string }
  /** `orderIds`: the ones the customer gave when asked for them (else the message's own, read by the classifier). */
  /** `number`: the case's number when it was drawn before the transaction that opens it (customer-router.ts). */
  | { do: 'open_case'; caseType: string; orderIds?: string[]; number?: string }
  /** The case type needs the order id and the customer has not given one the org's patterns read: asked (`tries` answers without one). */
  | { do: 'ask_order_id'; caseType: string; tries: number }
  /**
   * `offerFaq`: a question the bot was not sure of, asked in the booking: its likeliest FAQ entry is offered as a button.
   * `which`: a bare number at the summary ("make it 11"), the time or the number of people: asked, a button for each.
   */
  /** `noted`: this message's question went with the request (`dialogue.question`), and the customer is told so with the next question. */
  /** `free`: the customer asked which days or times are free: those the bot would book are offered, a button each. */
  | { do: 'booking'; dialogue: BookingDialogue; submit?: boolean; offerFaq?: string; which?: { time: string; partySize: number }; noted?: true; free?: 'days' | 'times' }
  | { do: 'cancel_booking' }
  | { do: 'answer_proposal'; value: string }
  /** A tap on "join the waitlist" or on a seat offered's accept / decline (waitlist-replies.ts). */
  | { do: 'join_waitlist'; value?: string }
  | { do: 'answer_waitlist_offer'; value?: string }
  /** A place tapped, or (typed) every line the customer waits in. */
  | { do: 'leave_waitlist'; value?: string }
  /** A tap on the privacy notice (privacy-notice.ts): recorded, whatever the conversation is in. */
  | { do: 'consent'; version: number; answer: 'granted' | 'declined' }
  | { do: 'satisfaction_score'; caseNumber: string; score: number }
  | { do: 'satisfaction_comment'; caseId: string; comment: string }
  | { do: 'satisfaction_skip' }
  /**
   * The entry's answer; `also`, other entries that answer the message's other questions; `unanswered`,
   * its questions none answers, which go to a person (decide.ts `otherQuestions`).
   */
  | { do: 'faq'; faqKey: string; also?: string[]; unanswered?: string }
  /** "How much is the private lesson?": the service's own price, with a button to book it (a person when it has none). */
  /**
   * The service's price; `unpriced`, what to do when it has none set and the message gave the trip's
   * day or people: the service's booking, which staff quote (r70).
   */
  | { do: 'service_price'; serviceKey: string; unpriced?: Decision; also?: string[]; unanswered?: string }
  /**
   * How long a service takes, or how many people it takes, asked: told from the service's own length or
   * capacity, outside a booking with its button to book.
   */
  | { do: 'service_duration' | 'service_capacity'; serviceKey: string; also?: string[]; unanswered?: string }
  | { do: 'no_answer' }
  | { do: 'clarify' }
  /**
   * The customer picks the type of their problem from a list that starts with the `likely` ones;
   * `said`: what they have told of it so far, when more than the dialogue's first message.
   */
  /** `likely` first, then the rest as listed, then `last` (types the message is surely not of, as listed). */
  | { do: 'pick_case_type'; likely: string[]; last?: string[]; which?: true; said?: string }
  /** Two readings close to each other: "did you mean this or that?", each a tap that acts on it. */
  /**
   * `which`: the customer said "yes" to two or more, or gave a detail of the booking instead of a
   * tap: asked once more which, with the same buttons; `details`: that detail, for the booking picked.
   */
  | { do: 'did_you_mean'; options: Reading[]; which?: true; details?: string };

/** One reading the customer may pick: a case type, a service or a FAQ entry. */
export type Reading = NonNullable<Classification['alternative']>;

/** Quick-reply act of a picked reading; its value is `kind:key`. */
export const PICK_REPLY = 'pick';

/** The reading a tap names (`case:refund`), if it is one. */
export function readPick(value: string | undefined): Reading | undefined {
  const m = /^(booking|case|question):(.+)$/.exec(value ?? '');
  return m ? { kind: m[1] as Reading['kind'], key: m[2] } : undefined;
}

/**
 * The classifier's reading and the one close behind it, when both name an entry: what the bot
 * offers instead of acting on either (a close second makes the first a guess, however sure), or
 * instead of the four plain choices when unsure.
 */
export function closeReadings(r: Classification): Reading[] | undefined {
  const first = readingOf(r);
  if (!first || !r.alternative || sameReading(r.alternative, first)) return undefined;
  return [first, r.alternative];
}

export const sameReading = (a: Reading, b: Reading) => a.kind === b.kind && a.key === b.key;

/** A case of the type the classifier named (it was sure the message is a case), else the customer picks the type. */
export function caseFromText(r: Classification): Decision {
  return r.kind === 'case' && r.caseType ? { do: 'open_case', caseType: r.caseType } : { do: 'pick_case_type', likely: [] };
}

/**
 * The case type the customer named in its own words, for `problemFromText`: counted only when the
 * classifier itself leaned to a type (a problem's words lift a weak guess, and "refund" alone, 0.2,
 * is as likely a question about refunds), and not in a question ("นโยบายคืนเงินเป็นยังไงคะ", "is the
 * refund back to my card?" name the refund type and ask how refunds work: opened as refunds, they
 * were three wrong acts of the business's own set at the 90 % level).
 */
export async function caseTypeNamedBy(text: string, read: Classification, likely: Likely): Promise<string | undefined> {
  return read.confidence >= LEANS_TO && !asksQuestion(text) ? likely.caseTypeNamed(text) : undefined;
}

/**
 * The customer said it is a problem (after the bot asked, or in words stronger than the booking
 * they were making): a case of the type the classifier names only when it is sure, or leans to it
 * and the customer `named` it, else the customer picks the type, the classifier's guess first. A
 * case opened with the wrong type goes to the wrong team with the wrong clock.
 */
export function problemFromText(r: Classification, ctx: { actWhenSure?: number }, named?: string): Decision {
  const guess = r.kind === 'case' ? r.caseType : undefined;
  if (guess && r.confidence >= actThreshold(ctx)) return { do: 'open_case', caseType: guess };
  // Leaned to, and named by the customer in the type's own words ("I want a full refund", 0.67 at a
  // new tour operator whose refund type's keyword is "refund"; r70): the two agree, as a service
  // leaned to and named is booked.
  if (guess && r.confidence >= LEANS_TO && named === guess) return { do: 'open_case', caseType: guess };
  return { do: 'pick_case_type', likely: guess ? [guess] : [] };
}
