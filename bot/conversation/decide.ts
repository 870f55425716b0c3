import type { Classification } from '../../core/understanding/classification.ts';
import { continueBooking, startBooking } from './booking-slots.ts';
import { actThreshold, answersFromFaq, caseFromText, caseTypeNamedBy, closeReadings, LEANING_OPTIONS, LEANS_TO, LIKELY_CASE_TYPES, NOTHING_LIKELY, ORDER_ID_TRIES, PICK_REPLY, problemFromText, readingOf, readPick, sameReading, sureEnough, type Decision, type Likely, type Reading } from './decision.ts';
import { extractFields } from '../../core/understanding/extract-fields.ts';
import { todayIn } from '../../core/time/org-time.ts';
import type { CustomerContext } from './customer-context.ts';
import { asksForPerson, saysCancel, saysConfirm, saysNeverMind, typedChoice, type BookingDialogue } from './dialogue.ts';
import { asksForDocuments, asksForMemberBalance, asksForStatus, asksPrice, asksHowLong, asksHowMany, asksQuestion, asksToBook, changesBooking, saysWronglyCharged, corporateCodeIn, asksOnlyToAsk, asksOnlyToBook, asksOnlyToCancel, asksOnlyToReport, asksOfTheBusiness, asksWhetherOffered, reportsProblem, saysNotBooking, saysPaid, saysSolved, goesOnAboutTheCase, asksToChangeABooking, asksAboutTakingPart, thanksWithPraiseOrGoodbye, asksForAFreeSlot, saysTheyArriveOffTime, saysNobodyGotBack, asksWhatIf, asksWhichLanguage, asksForAQuote, asksToMoveABooking, MOVE_WORDS, CHANGES_A_BOOKING, asksForTheBookingForm, asksToBuyAVoucher, VOUCHER, asksForATrial, TRIAL, asksToChangeThePartySize, saysItWillNotOpen, asksToEraseTheirData, saysItArrivedBroken, asksForAWeeklySchedule, tellsWhatHappened, asksWhatToBring, BRINGING, asksForANumber, THANKS, OK, questionsIn, sentencesOf, asksToShare, leftSomethingBehind, conditionsNamed, asksForDetails, asksToCancelAnOrder } from './readings.ts';
import { PROPOSAL_REPLY } from './proposal-replies.ts';
import { WAITLIST_JOIN_REPLY, WAITLIST_LEAVE_REPLY, WAITLIST_OFFER_REPLY } from './waitlist-replies.ts';
import { CONSENT_REPLY, readConsentReply } from './privacy-notice.ts';
import { readSatisfactionReply, SATISFACTION_REPLY, SATISFACTION_SKIP_REPLY } from '../../core/cases/case-satisfaction.ts';

/**
 * What to do with a customer's message: a pure function of what was read (customer-context.ts)
 * and of what the classifier says, asked only when the decision needs it. Acting on the decision
 * is act.ts's work, in one transaction.
 */
export async function decide(ctx: CustomerContext, classify: (text?: string) => Promise<Classification>, likely: Likely = NOTHING_LIKELY): Promise<Decision> {
  const decision = await decideFor(ctx, classify, likely);
  // The order ids said so far go with the case (a type tapped after the list: they were in the
  // messages before the tap); a type that needs one, and none given that the org's patterns read,
  // asks for it first.
  if (decision.do === 'open_case' && !decision.orderIds) {
    const orderIds = orderIdsIn(saidSoFar(ctx), ctx);
    if (orderIds.length) return { ...decision, orderIds };
    if (ctx.orderIdRequired?.includes(decision.caseType)) return { do: 'ask_order_id', caseType: decision.caseType, tries: 0 };
  }
  // Two services or more asked for together, in a booking started now ("I want to book a massage and
  // the city tour, both for tomorrow", r107: the tour was booked and the massage never said): the
  // first named is booked first, the others after it, one at a time (booking-slots.ts).
  // So it is when the bot would ask which of them was meant ("จองนวดกับทัวร์กรุงเทพ พรุ่งนี้ 10 โมง 2 คนค่ะ"
  // was "did you mean" the one or the other). One or the other ("should I book the massage or the
  // city tour tomorrow?", r108: the tour's time was asked): the customer picks, each a button.
  // A service named only in a question asked beside the booking ("sushi class tomorrow 10am for 2, and
  // is there a massage after?") is asked about, not booked: the question goes with the request.
  const startsABooking = decision.do === 'booking' ? !decision.dialogue.then : decision.do === 'did_you_mean' && !decision.which && decision.options.every((o) => o.kind === 'booking');
  const said = decision.do === 'booking' && decision.dialogue.question ? ctx.text.replace(decision.dialogue.question, ' ') : ctx.text;
  if (startsABooking && ctx.dialogue?.kind !== 'booking' && (TOGETHER.test(said) || EITHER.test(said))) {
    const named = await likely.servicesNamed(said);
    if (named.length > 1 && EITHER.test(said)) return { do: 'did_you_mean', options: named.slice(0, LEANING_OPTIONS).map((key) => ({ kind: 'booking' as const, key })) };
    if (named.length > 1) {
      const first = decision.do === 'booking' ? decision : startBooking(ctx, undefined, ctx.text, named[0]);
      // The first's own details too: "คลาสทำอาหารไทยพรุ่งนี้ 10 โมง 1 ท่าน กับนวดพรุ่งนี้ 4 โมงเย็น 1 ท่านค่ะ" (r178)
      // is one for the class, not the two the whole message counts.
      const { [named[0]]: own, ...thenSaid } = (await detailsOfEach(ctx, said, named, likely)) ?? {};
      return { ...first, dialogue: { ...first.dialogue, ...own, serviceKey: named[0], then: named.slice(1), ...(Object.keys(thenSaid).length ? { thenSaid } : {}) } };
    }
  }
  // Two readings offered, one a type for changing a booking, for a message of something gone wrong
  // that says no word of a change (below): the other first.
  if (decision.do === 'did_you_mean' && !decision.which) {
    const last = await changeTypesAfterAProblem(ctx.text, likely);
    const isLast = (o: Reading) => o.kind === 'case' && last.includes(o.key);
    if (last.length) return { ...decision, options: [...decision.options.filter((o) => !isLast(o)), ...decision.options.filter(isLast)] };
  }
  // The list of types was shown and the customer wrote again instead of tapping one, and still no
  // type is sure: a second list would be a loop (the customer's problem is none of them). A person
  // answers, with what was written in the inbox (docs/inbox.md).
  if (decision.do === 'pick_case_type' && !decision.which && ctx.dialogue?.kind === 'pick_case_type' && !ctx.reply) return { do: 'handoff', unsure: true };
  // Asked again which (a "yes" to the list): the list as it was, the first message's likely types first.
  if (decision.do !== 'pick_case_type' || decision.which) return decision;
  // The classifier's own guess first, then what the problem's text is most like: the message the
  // bot asked about when the customer tapped "report a problem", else what they wrote.
  const asked = ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : '';
  const about = ctx.reply ? asked : ctx.dialogue?.kind === 'clarify' && asked ? `${asked}\n${ctx.text}` : ctx.text;
  // Money taken wrongly ("you took 3,000 baht ... but it costs 2,500", r101: the top-up listed first):
  // the business's type for a wrong amount comes first, after the classifier's own guess.
  const charged = saysWronglyCharged(about) ? await likely.caseTypesSaying(WRONG_AMOUNT_TYPE) : [];
  // Something gone wrong with a service the business gives, named ("จองทัวร์ไว้เมื่อวาน 8 โมง รถไม่มารับเลยค่ะ",
  // r118: "order not delivered" first, the service complaint sixth, the words "ไม่...รับ" most like an
  // order's): the business's type for complaints comes next, after the classifier's own guess.
  // Not money or credits gone wrong with it ("ซื้อแพ็กเกจ 5 คลาสไปแล้ว แต่ในระบบยังไม่ขึ้นเครดิต", r126: the
  // complaint first, the missing credits second): the classifier's order stands.
  // Or its people named ("ครูมาสายครึ่งชั่วโมงค่ะ แล้วสอนไม่ครบ" at a new school, r181).
  const complained = !charged.length && !SAYS_MONEY.test(about) && reportsProblem(about) && (STAFF_NAMED.test(about) || (await likely.servicesNamed(about)).length) ? await likely.caseTypesSaying(COMPLAINT_TYPE) : [];
  // When the type the text is most like is that complaint too, or that wrong amount, the two agree and
  // it is opened, as a type leaned to and named is ("หมอนวดมาสาย 40 นาที แล้วยังนวดไม่ครบเวลาด้วยค่ะ",
  // "the therapist came 40 minutes late and cut my massage short", r160; "my credit card was charged
  // 1,500 but the massage is 1,200", r165: the list of types, the right one first). The complaint not
  // with a word of a change, whose type the business may have apart; nor at a business with a type for
  // its suppliers' or partners' problems, which the text alone does not tell from its own ("the hotel
  // we booked through your tour was dirty" is the supplier's, r79).
  // So is the business's type for its suppliers' or partners' problems, when the text names one of them
  // ("The hotel you booked for us in Chiang Mai lost our reservation!", r166; "the golf course said they
  // have no booking under my name!", r164).
  const mostLike = about.trim() ? await likely.caseTypes(about) : [];
  const likeliest = decision.likely[0] ?? mostLike[0];
  const thirdParty = await likely.caseTypesSaying(THIRD_PARTY_TYPE);
  const complaint = complained.length === 1 && likeliest === complained[0] && !CHANGE_WORDS.test(about) && !thirdParty.length;
  const supplier = thirdParty.length === 1 && likeliest === thirdParty[0] && reportsProblem(about) && THIRD_PARTY_NAMED.test(about);
  const agreed = charged.length === 1 && likeliest === charged[0] && SAYS_AMOUNT_WRONG.test(about) ? charged[0] : complaint ? complained[0] : supplier ? thirdParty[0] : undefined;
  if (agreed) return { do: 'open_case', caseType: agreed };
  const last = await changeTypesAfterAProblem(about, likely);
  const types = [...new Set([...decision.likely, ...charged, ...complained, ...mostLike])].filter((t) => !last.includes(t));
  return { do: 'pick_case_type', likely: types.slice(0, LIKELY_CASE_TYPES), ...(last.length ? { last } : {}) };
}

/**
 * A booking begun from a price asked of a service that has none set: the whole message goes with the
 * request as the question, what is priced with it ("ทัวร์เชียงใหม่ 3 วัน 2 คืน 4 คน ราคาเท่าไหร่คะ", not
 * "ราคาเท่าไหร่คะ" alone).
 */
function withPriceAsked(b: Extract<Decision, { do: 'booking' }>, text: string): Decision {
  return b.free ? b : { ...b, dialogue: { ...b.dialogue, question: text.trim() }, noted: true };
}

/** An FAQ entry the message is surely read as, that speaks of the conditions the message names, if it names any. */
async function faqSpeaksOfIt(read: Classification, ctx: CustomerContext, likely: Likely): Promise<boolean> {
  if (!answersFromFaq(read, ctx)) return false;
  const conditions = conditionsNamed(ctx.text);
  return !conditions || (await likely.faqSaying(conditions)).includes(read.faqKey);
}

/**
 * A type for changing a booking ("Trip change request", "Class reschedule") is not what a customer
 * means who tells of something gone wrong and says no word of a change: "the van on our trip was
 * filthy and the aircon did not work" (r105) and "our guide didn't speak any English" (r100) had the
 * trip change first, the trip's own word drawing them to it. Such types, to offer after the others.
 */
async function changeTypesAfterAProblem(text: string, likely: Likely): Promise<string[]> {
  return !CHANGE_WORDS.test(text) && reportsProblem(text) ? likely.caseTypesSaying(CHANGE_WORDS) : [];
}

async function decideFor(ctx: CustomerContext, classify: (text?: string) => Promise<Classification>, likely: Likely): Promise<Decision> {
  const { reply, dialogue } = ctx;
  // The customer's answer to the privacy notice counts even while a person holds the conversation;
  // the dialogue they are in goes on after it.
  if (reply?.act === CONSENT_REPLY) {
    const c = readConsentReply(reply.value);
    return c ? { do: 'consent', ...c } : { do: 'greet', why: 'a malformed consent reply' };
  }
  // So does a customer asking for their data to be erased: staff erase it (PDPA), and answer.
  if (reply?.act === 'human' || asksForPerson(ctx.text) || asksToEraseTheirData(ctx.text)) return { do: 'handoff' };
  // The customer's answer to a time staff proposed for their booking (bot/staff/booking-actions.ts).
  if (reply?.act === PROPOSAL_REPLY && reply.value) return { do: 'answer_proposal', value: reply.value };
  // The waitlist of a full session: joining it, and the answer to a seat it offers.
  if (reply?.act === WAITLIST_JOIN_REPLY) return { do: 'join_waitlist', value: reply.value };
  if (reply?.act === WAITLIST_OFFER_REPLY) return { do: 'answer_waitlist_offer', value: reply.value };
  if (reply?.act === WAITLIST_LEAVE_REPLY && reply.value) return { do: 'leave_waitlist', value: reply.value };
  // The satisfaction survey of a resolved case: a tapped score (it names its case), a typed 1-5
  // while the question is open, then the comment. Anything else goes on as usual (a reopen...).
  if (reply?.act === SATISFACTION_REPLY) {
    const s = readSatisfactionReply(reply.value);
    return s ? { do: 'satisfaction_score', ...s } : { do: 'greet', why: 'a malformed satisfaction reply' };
  }
  if (reply?.act === SATISFACTION_SKIP_REPLY) return { do: 'satisfaction_skip' };
  // Not while a case is open in the conversation (one reopened meanwhile): a typed "2" is about it.
  if (dialogue?.kind === 'satisfaction' && !reply && !ctx.openCase) {
    const typed = /^\s*([1-5])\s*(?:⭐+)?\s*$/.exec(ctx.text);
    if (dialogue.awaiting === 'score' && typed) return { do: 'satisfaction_score', caseNumber: dialogue.caseNumber, score: Number(typed[1]) };
    if (dialogue.awaiting === 'comment' && ctx.text.trim()) return { do: 'satisfaction_comment', caseId: dialogue.caseId, comment: ctx.text };
  }
  if (dialogue?.kind === 'handoff' || ctx.personHolds) return ctx.openCase ? { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number } : { do: 'nothing', why: 'a person has this conversation' };
  // "ออกจากคิว" typed while the customer waits in a line (customer-context.ts reads it only then).
  if (!reply && ctx.waitsInLine) return { do: 'leave_waitlist' };

  // A tapped quick reply answers the question the bot asked.
  if (reply) {
    if (reply.act === 'intent' && (dialogue?.kind === 'clarify' || dialogue?.kind === 'pick_case_type')) {
      if (reply.value === 'booking') return startBooking(ctx, await classify(dialogue.text), dialogue.text);
      // Nothing said yet (a tap after the greeting): what happened is asked, not guessed from nothing.
      if (reply.value === 'case') {
        if (!dialogue.text.trim()) return { do: 'ask_problem' };
        const r = await classify(dialogue.text);
        return problemFromText(r, ctx, await caseTypeNamedBy(dialogue.text, r, likely));
      }
      if (reply.value === 'question') {
        // Nothing asked yet (a tap after a hello, or after "สอบถามค่ะ"): what the question is, is asked.
        if (!dialogue.text.trim() || asksOnlyToAsk(dialogue.text) || HELLO.test(dialogue.text)) return { do: 'ask_question' };
        // The customer said it is a question: any entry the classifier names is answered.
        const r = await classify(dialogue.text);
        return r.faqKey ? { do: 'faq', faqKey: r.faqKey } : { do: 'no_answer' };
      }
    }
    if (reply.act === 'case_type' && reply.value) return { do: 'open_case', caseType: reply.value };
    // One of two readings the bot offered ("did you mean ...?"): acted on as the customer picked it.
    const picked = reply.act === PICK_REPLY ? readPick(reply.value) : undefined;
    if (picked) return actOnPick(ctx, picked);
    if (dialogue?.kind === 'booking') return continueBooking(ctx, dialogue, classify, likely);
    if (reply.act === 'service' && reply.value) return startBooking(ctx, undefined, '', reply.value);
    return { do: 'greet', why: `a stale or unknown quick reply (${reply.act})` };
  }
  if (!ctx.text.trim()) {
    if (ctx.hasFile && ctx.openCase) return { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number };
    if (ctx.awaitingPayment) return { do: 'slip', bookingId: ctx.awaitingPayment.id, bookingNumber: ctx.awaitingPayment.number };
    return { do: 'greet', why: 'no text (a sticker, an image)' };
  }

  // What else the message may be comes before the dialogue's question: the stronger reading wins.
  // "Any news on my case?" is answered with the case's status, in a booking or not; after a
  // resolution it is told it was resolved, unless it says the problem is back ("still not refunded").
  const statusOf = ctx.openCase ?? (reportsProblem(ctx.text) ? undefined : ctx.resolvedCase);
  if (statusOf && asksForStatus(ctx.text)) return { do: 'case_status', caseId: statusOf.id, caseNumber: statusOf.number };
  // Waiting for a call back the chat knows nothing of: a person answers, not "a booking or a problem?".
  if (!statusOf && !dialogue && saysNobodyGotBack(ctx.text) && !reportsProblem(ctx.text)) return { do: 'handoff', unsure: true };
  // "Is my booking confirmed?": where their newest booking stands, rather than a question for a person.
  if (ctx.bookingAsked && !reportsProblem(ctx.text)) return { do: 'booking_status' };
  // "ได้แล้วค่ะ ขอบคุณค่ะ" with a case open, in no dialogue: the problem is over; on the case for the
  // team to close, and the customer is told so, rather than "the team will look into it".
  if (ctx.openCase && !dialogue && saysSolved(ctx.text)) return { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number, solved: true };
  // "join ACME-7F3K" says nothing else: the whole message is the code.
  const corporateCode = corporateCodeIn(ctx.text);
  if (corporateCode) return { do: 'corporate_join', code: corporateCode };
  // "My balance" is a member's question, unless the message is a problem with a balance ("I topped
  // up but my balance did not change"): the stronger reading wins, as everywhere here.
  if (asksForMemberBalance(ctx.text) && !reportsProblem(ctx.text)) {
    const read = await classify(ctx.text);
    if (!(read.kind === 'case' && sureEnough(read, ctx))) return { do: 'member_balance' };
  }
  // "ขอใบเสร็จค่ะ": the links to their documents, unless something is wrong with one ("the receipt
  // says 1,200 but I was charged 1,500" is a problem), as the complaint words or a sure case say.
  // Nor a booking with its details that wants its receipt made out ("จองคลาส... พรุ่งนี้ 10 โมง 2 ที่ค่ะ
  // ขอใบเสร็จในนามบริษัทด้วยนะคะ", r143: handed over, the booking lost): the wish goes with the request.
  if (asksForDocuments(ctx.text) && !reportsProblem(ctx.text) && !(await booksBeside(ctx, likely))) {
    const read = await classify(ctx.text);
    if (!(read.kind === 'case' && sureEnough(read, ctx))) return { do: 'documents' };
  }
  // "มีฟอร์มให้จองออนไลน์ไหมคะ", "can I book online?": the booking form's link, in LINE where it opens,
  // rather than a question for a person; "can I book online for tomorrow at 3?" is a booking.
  if (ctx.source === 'line' && (!dialogue || dialogue.kind === 'clarify') && asksForTheBookingForm(ctx.text)) {
    const f = extractFields(ctx.text, { now: ctx.now, timeZone: ctx.timeZone });
    if (!f.date && !f.time && !f.partySize) return { do: 'booking_form' };
  }
  // The order id the bot asked for: the case opens with it; without one, asked again, then a person.
  if (dialogue?.kind === 'order_id') {
    // "No idea" or "I don't have it" is an answer without an order id, not a way out.
    if (saysNeverMind(ctx.text)) return { do: 'greet', why: 'the customer gave no order id after all' };
    const orderIds = orderIdsIn(ctx.text, ctx);
    if (orderIds.length) return { do: 'open_case', caseType: dialogue.caseType, orderIds };
    return dialogue.tries + 1 >= ORDER_ID_TRIES ? { do: 'handoff', unsure: true } : { do: 'ask_order_id', caseType: dialogue.caseType, tries: dialogue.tries + 1 };
  }
  // "The first one", "2", "neither" typed in answer to "did you mean ...?".
  const offered = dialogue?.kind === 'clarify' ? dialogue.options : undefined;
  const typed = offered?.length || dialogue?.kind === 'pick_case_type' ? typedChoice(ctx.text, offered?.length) : undefined;
  if (typed === 'neither') return { do: 'handoff', unsure: true };
  if (typed !== undefined && offered?.[typed]) return actOnPick(ctx, offered[typed]);
  // A bare "yes" / "ใช่ค่ะ" to two readings or more says which it is not: asked once more, with the
  // same buttons, rather than handed to a person at once (a second "yes" is).
  const bareYes = saysConfirm(ctx.text) && ctx.text.trim().split(/\s+/).length <= 3;
  if (offered && offered.length > 1 && dialogue?.kind === 'clarify' && !dialogue.askedWhich && bareYes) {
    return { do: 'did_you_mean', options: offered, which: true };
  }
  // A thank-you or an "ok" to a problem's readings leaves the problem unsent (r125: "i was charged
  // twice for my spa booking, please refund one", then "thank you": welcomed, nothing opened, nobody
  // told): asked once more which, with the same buttons; a second time, a person reads the problem.
  const thanksOrOk = THANKS.test(ctx.text) || OK.test(ctx.text);
  if (thanksOrOk && dialogue?.kind === 'clarify' && offered?.some((o) => o.kind === 'case')) {
    return dialogue.askedWhich ? { do: 'handoff', unsure: true } : { do: 'did_you_mean', options: offered, which: true };
  }
  // A day, a time or people typed instead of a tap says the booking offered is meant ("sorry not
  // Saturday, Sunday", r86: it went to a person): started, what this message says over the first;
  // with two bookings offered, asked once more which, the detail kept for the one then picked.
  const bookingsOffered = offered?.filter((o) => o.kind === 'booking') ?? [];
  if (bookingsOffered.length && dialogue?.kind === 'clarify' && !dialogue.askedWhich && (await givesOnlyBookingDetails(ctx, classify, likely))) {
    if (bookingsOffered.length === 1) return startBooking(ctx, undefined, ctx.text, bookingsOffered[0].key, dialogue.text);
    return { do: 'did_you_mean', options: offered!, which: true, details: ctx.text };
  }
  // So does a "yes" or a thank-you to the list of problem types (it was welcomed as a hello), and an order number
  // or a time alone (they went to a person; r54, r69): the list once more, the detail kept for the
  // case; a second such answer, a person.
  if (dialogue?.kind === 'pick_case_type' && (bareYes || thanksOrOk || onlyDetails(ctx))) {
    if (dialogue.askedWhich) return { do: 'handoff', unsure: true };
    return { do: 'pick_case_type', likely: (await likely.caseTypes(dialogue.text)).slice(0, LIKELY_CASE_TYPES), which: true, ...(bareYes || thanksOrOk ? {} : { said: saidSoFar(ctx) }) };
  }
  // "I want to report a problem" says nothing of what happened: asked, not the four choices again.
  if (asksOnlyToReport(ctx.text)) return { do: 'ask_problem' };
  if (asksOnlyToAsk(ctx.text)) return { do: 'ask_question' };
  // "I want to book", no service said: which one is asked, with the list (not two guessed).
  if ((!dialogue || dialogue.kind === 'clarify') && ctx.takesBookings !== false && asksOnlyToBook(ctx.text)) return startBooking(ctx, undefined, ctx.text);
  // "ขอยกเลิกค่ะ" with nothing being made: what to cancel was booked before or elsewhere; a person cancels it.
  if (!dialogue && !ctx.openCase && asksOnlyToCancel(ctx.text)) return { do: 'handoff', unsure: true };
  // "Hi, do you speak English?": greeted in the language they wrote in, with what the bot can do
  // (it went to a person as a question the FAQ has no entry for).
  // Asked with anything else ("sorry, can we continue in English? 3pm for 2 people" in a booking, "...
  // what time do you open?"), the rest is read.
  if (asksWhichLanguage(ctx.text) && sentencesOf(ctx.text).every((s) => asksWhichLanguage(s) || HELLO.test(s) || THANKS.test(s))) return { do: 'greet', why: 'asked which language the bot speaks' };
  // A question mark alone, with nothing open, asks what the bot is there for: greeted with what it can
  // do (r81: told "no answer found for this question"). With a case open it goes on the case.
  if (!ctx.openCase && !dialogue && /^[\s?？]+$/.test(ctx.text) && ctx.text.trim()) return { do: 'greet', why: 'a question mark alone' };
  if (dialogue?.kind === 'describe_question') {
    if (saysCancel(ctx.text) || saysNotBooking(ctx.text)) return { do: 'greet', why: 'the customer had no question after all' };
    const r = await classify(ctx.text);
    // What they answer is the question: any entry the classifier names is answered (as after the
    // "question" button); a problem or a booking it is sure of is that; else a person answers.
    if (sureEnough(r, ctx) && r.kind === 'case') return caseFromText(r);
    if (sureEnough(r, ctx) && r.kind === 'booking') return startBooking(ctx, r, ctx.text);
    return r.faqKey ? { do: 'faq', faqKey: r.faqKey } : { do: 'no_answer' };
  }
  if (dialogue?.kind === 'describe_problem') {
    if (saysCancel(ctx.text) || saysNotBooking(ctx.text)) return { do: 'greet', why: 'the customer had no problem to report after all' };
    const r = await classify(ctx.text);
    // With a case open, the problem is that case's unless it is surely another kind of problem.
    const another = r.kind === 'case' && r.caseType !== undefined && r.caseType !== ctx.openCase?.caseType && r.confidence >= actThreshold(ctx);
    if (ctx.openCase && !another) return { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number };
    return problemFromText(r, ctx, await caseTypeNamedBy(ctx.text, r, likely));
  }
  if (dialogue?.kind === 'booking') return continueBooking(ctx, dialogue, classify, likely);
  // "งั้นขอจองพรุ่งนี้ 5 โมงเย็น 1 คนค่ะ" (then book it, tomorrow at 5) right after the price of a
  // service names no service: it is that one's booking, with what the message gives, rather than
  // the list of services; unless it surely names another or tells of something gone wrong.
  if (dialogue?.kind === 'priced' && booksWhatWasPriced(ctx)) {
    const read = await classify(ctx.text);
    if (!(read.kind === 'booking' && read.bookingType !== dialogue.serviceKey && sureEnough(read, ctx))) {
      // What this message gives first, then what the price's question gave ("how much for 4 people?").
      const start = startBooking(ctx, undefined, ctx.text, dialogue.serviceKey);
      if (start.do !== 'booking') return start;
      const d = start.dialogue;
      return { ...start, dialogue: { ...d, date: d.date ?? dialogue.date, time: d.time ?? dialogue.time, partySize: d.partySize ?? dialogue.partySize } };
    }
  }

  // A business with nothing to book (an order desk): "I want to book a table for 2" asks for what
  // the bot cannot do, so a person answers, rather than the choices offering a booking it has not.
  if (ctx.takesBookings === false && asksToBook(ctx.text) && !reportsProblem(ctx.text) && !changesBooking(ctx.text)) return { do: 'handoff', unsure: true };
  // "I'll be 15 minutes late for my massage" is news for whoever waits for the customer, not a
  // problem of a type to pick ("late" is a complaint word): a person reads it.
  // Said with a new booking ("massage tomorrow 3pm for 2, we might be 2 hours late from the airport",
  // r132: the problem types were listed), it goes with that booking as a note.
  if (saysTheyArriveOffTime(ctx.text) && !(await booksBeside(ctx, likely))) return { do: 'handoff', unsure: true };
  // Something left behind at the business: a person looks for it (r146: the four choices offered).
  if (leftSomethingBehind(ctx.text)) return { do: 'handoff', unsure: true };
  const read = await classify(dialogue?.kind === 'clarify' ? `${dialogue.text}\n${ctx.text}` : withoutCourtesies(ctx.text));
  // "how long does a refund take?" asks how things go, not that one is owed (r158: a refund case opened at
  // 0.96): a question for a person, as a what-if is (below). Not when the customer speaks of their own
  // ("how long until my refund comes? I asked two weeks ago"). Read unsurely, with an FAQ entry among its
  // likely readings, those are offered as before ("เติมเงินต้องรอนานไหมคะ", r8: the top-up's time at 0.74).
  const howLongInGeneral = asksHowLong(ctx.text) && read.kind === 'case' && !OF_THEIR_OWN.test(ctx.text) && !saysWronglyCharged(ctx.text);
  if (howLongInGeneral && (sureEnough(read, ctx) || !(await likely.readings(ctx.text)).some((o) => o.kind === 'question'))) return { do: 'no_answer' };
  // "If I cancel two days before, do I get my money back?" reads as a refund (sure) and its words are a
  // complaint's; it asks what the rules are, which a person answers (an FAQ entry the classifier
  // names is answered as any question is). Money taken wrongly stays a problem.
  // Asked beside a question an FAQ entry answers ("what's your cancellation policy? and do I get my money
  // back if it rains on the city tour?", r145: a refund case opened at 0.88), that one is answered and the
  // what-if passed on, as a message's other questions are.
  if (asksWhatIf(ctx.text) && read.kind !== 'question' && read.otherType !== 'out_of_scope' && !saysWronglyCharged(ctx.text)) {
    return (await firstQuestionAnswered(ctx, classify, (_, question) => !asksWhatIf(question))) ?? { do: 'no_answer' };
  }
  // A complaint that names a booking ("my 2 pm massage: the therapist never came") reads like a
  // booking of that service; it is a problem, of a type the customer picks if need be.
  // So is a problem the classifier leaves unsure or out of scope when its words say something went
  // wrong ("ไกด์ไม่มาตามนัดค่ะ" at a new tour operator, 0.07): a problem of a type the customer
  // picks, the classifier's guess first, rather than "could you tell us a bit more?".
  // So is a question whose words say money was taken wrongly, or that the app or site will not open
  // ("since the update the app won't open", read as the opening hours at 0.93).
  // So is a question it barely leans to, in a complaint's words ("เติมเพชรผิดไอดีค่ะ ขอแก้ไขได้ไหมคะ",
  // topped up to the wrong id, can it be fixed?, a question at 0.11; r95: offered the FAQ on how long
  // a top-up takes).
  const complaint =
    ((read.kind === 'booking' || read.kind === 'other' || (read.kind === 'question' && read.confidence < LEANS_TO)) && reportsProblem(ctx.text) && !saysTheyArriveOffTime(ctx.text)) ||
    (read.kind === 'question' && (saysWronglyCharged(ctx.text) || saysItWillNotOpen(ctx.text) || saysItArrivedBroken(ctx.text)));
  const problemWords = read.kind === 'case' && read.confidence < LEANS_TO && reportsProblem(ctx.text);
  // A thank-you or an "ok" alone is small talk however unsure the classifier is of it: "thank you!"
  // after a booking was asked "could you tell us a bit more?", and after a resolution it reopened the case.
  // A hello alone is a greeting too: "สวัสดีค่ะ" at a new business (0.70) was asked "could you tell us a bit more?".
  // So is praise or a goodbye with a thank-you ("the massage yesterday was amazing, thank you!", read
  // as the spa; "ขอบคุณมากค่ะ แล้วเจอกันพรุ่งนี้นะคะ", read as a booking tomorrow).
  const smallTalkAlone = complaint ? undefined : THANKS.test(ctx.text) || thanksWithPraiseOrGoodbye(ctx.text) ? 'thanks' : OK.test(ctx.text) ? 'small_talk' : HELLO.test(ctx.text) ? 'greeting' : undefined;
  // Its type, when the customer names one in its own words, not asking about it, and the classifier's
  // second reading is that type or, with no second reading of a case, the text is most like it:
  // "ขอยกเลิกคลาสซูชิ B-000045 และขอเงินคืนค่ะ" (the class at 0.90, then the refund; r163), "the sushi class
  // was way too hard for beginners, I want a refund" (r175) had the list, the refund first. The two agree,
  // as a type leaned to and named does (`caseTypeNamedBy`).
  const namedByTheCustomer = complaint && !asksQuestion(ctx.text) ? await likely.caseTypeNamed(ctx.text) : undefined;
  const agreeing = namedByTheCustomer && (read.alternative?.kind === 'case' ? read.alternative.key : (await likely.caseTypes(ctx.text))[0]);
  const namedType = namedByTheCustomer && namedByTheCustomer === agreeing ? namedByTheCustomer : undefined;
  const result: Classification = complaint
    ? { ...read, kind: 'case', caseType: namedType, bookingType: undefined, otherType: undefined, confidence: Math.max(read.confidence, actThreshold(ctx)) }
    : problemWords
      ? { ...read, confidence: LEANS_TO }
      : smallTalkAlone
      ? { ...read, kind: 'other', otherType: smallTalkAlone, caseType: undefined, bookingType: undefined, faqKey: undefined, confidence: Math.max(read.confidence, actThreshold(ctx)) }
      : read;
  // A booking of a day already gone is not one to start: the customer tells of something that
  // happened ("I took the sushi class yesterday ..."), so the bot does not ask "what time?".
  // So is one that tells of money paid ("I transferred 1,500 ...", read as the airport transfer at
  // 0.97), or of when something happened ("it was at 2pm today by bank transfer", r120): something
  // done, not a service asked for.
  const past = read.kind === 'booking' && !complaint && !smallTalkAlone && ((read.fields.date !== undefined && read.fields.date < todayIn(ctx.timeZone, ctx.now)) || saysPaid(ctx.text) || tellsWhatHappened(ctx.text));
  // "ลูกอายุ 8 ขวบ เรียนคลาสทำอาหารได้ไหมคะ" (can my 8-year-old take the class?) reads as the class's
  // booking (0.99); it asks whether they may, which a person answers. With a time or people given ("a
  // table for 2 tomorrow, is it suitable for kids?"), or a day and a word of booking, it is a booking
  // still; a day alone is not ("Can I bring my kid (6) to the cooking class on Sunday?", r115: "did you
  // mean the class or its price?"): whether the child may come is answered first.
  // So is one question of a service the business gives read as an FAQ entry's, unless the entry surely
  // answers it and speaks of what the message names ("is the cooking class suitable for vegetarians?",
  // r165: the classes' prices at 0.85). Of two questions, the entry's is answered and the other passed on
  // (below); of no service ("can I open a bank account for my newborn baby?"), the entry read answers.
  const ofAService = async () => questionsIn(ctx.text).length < 2 && (await likely.servicesNamed(ctx.text)).length > 0;
  const takingPartAsked = !complaint && asksAboutTakingPart(ctx.text) && (read.kind === 'booking' || (read.kind === 'question' && (await ofAService())));
  if (takingPartAsked && (!read.fields.date || !asksToBook(ctx.text)) && !read.fields.time && !read.fields.partySize && !(await faqSpeaksOfIt(read, ctx, likely))) return { do: 'no_answer' };
  // So is whether it may be shared or passed on, whoever the message names ("can my friend and I
  // share one 5-class package?", r136: "my friend and I" are two, and the package's booking was started).
  if (read.kind === 'booking' && !complaint && asksToShare(ctx.text)) return { do: 'no_answer' };
  // So is its programme or details asked for, with no day, time or people ("ขอโปรแกรมทัวร์กรุงเทพหน่อยค่ะ", r178:
  // the tour's booking was begun).
  if (read.kind === 'booking' && !complaint && asksForDetails(ctx.text) && !read.fields.date && !read.fields.time && !read.fields.partySize) return { do: 'no_answer' };
  // "what should I bring to the cooking class?" read as the FAQ on the classes' prices (r121: told the
  // prices): what to bring, wear or prepare is answered by an entry that speaks of it, else by a person.
  if (answersFromFaq(result, ctx) && asksWhatToBring(ctx.text) && !(await likely.faqSaying(BRINGING)).includes(result.faqKey)) return { do: 'no_answer' };
  // So is a number asked, unless of an entry that holds one ("I'd like to pay by bank transfer, what's the
  // account number?", r167: told the ways to pay; "ขอเลขบัญชีสำหรับโอนเงินหน่อยค่ะ", r174: "the refund or the top-up?").
  const numberAsked = asksForANumber(ctx.text) && asksQuestion(ctx.text) && !reportsProblem(ctx.text);
  if (numberAsked && !(answersFromFaq(result, ctx) && (await likely.faqSaying(/\d/)).includes(result.faqKey))) return { do: 'no_answer' };
  // Lessons or visits again and again ("สัปดาห์ละ 2 ครั้ง", "every Saturday", r82) are not one booking:
  // a person arranges them, rather than the first one's day being asked.
  if (read.kind === 'booking' && !complaint && asksForAWeeklySchedule(ctx.text) && !read.fields.date) return { do: 'no_answer' };
  // A question of members' benefits that names a service ("do members get a discount at the partner
  // golf courses?", r81: the partner course's booking was started) is the membership's, not the
  // service asked for: the business's type for members' questions offered, else a person answers.
  // So is one read as a question no FAQ entry answers ("what benefits do I get as a member?", r100: "no
  // answer found" at a new concierge, which has a type for members' questions).
  const membersQuestion = read.kind === 'question' && !complaint && !answersFromFaq(read, ctx) && MEMBERS_BENEFIT.test(ctx.text);
  if (membersQuestion || (read.kind === 'booking' && !complaint && asksQuestion(ctx.text) && !asksToBook(ctx.text) && MEMBERS_BENEFIT.test(ctx.text) && !read.fields.date && !read.fields.time && !read.fields.partySize)) {
    const members = await likely.caseTypesSaying(MEMBERS);
    return members.length ? { do: 'did_you_mean', options: members.slice(0, LEANING_OPTIONS).map((key) => ({ kind: 'case' as const, key })) } : { do: 'no_answer' };
  }
  // "มีบัตรกำนัลสปาขายไหมคะ" (do you sell spa vouchers?) reads as the spa's booking (r66): a voucher to
  // buy is not a booking of the service, unless the service is the voucher itself; a person answers.
  if (read.kind === 'booking' && !complaint && asksToBuyAVoucher(ctx.text) && !(await likely.servicesSaying(VOUCHER)).includes(read.bookingType ?? '')) return { do: 'no_answer' };
  // So is a trial asked about, or trying first ("Do you have a trial class this Saturday? I would like
  // to try before buying the package", r72: the package's summary was shown): not the service named,
  // unless that service is the trial itself.
  if (read.kind === 'booking' && !complaint && asksForATrial(ctx.text) && !(await likely.servicesSaying(TRIAL)).includes(read.bookingType ?? '')) return { do: 'no_answer' };
  // "Cancel my massage tomorrow" reads like a booking of it too; the bot cannot change a booking
  // made, so a person does (the inbox), rather than a new booking being started; or, for a move, a
  // case of the business's type for moving one (below).
  // So does "can I move tomorrow's cooking class to next week?" (r64: its booking was started, "what
  // time?"), a move that says neither "my" nor "our".
  if (read.kind === 'booking' && !complaint && (changesBooking(ctx.text) || asksToMoveABooking(ctx.text))) return (await movingCase(ctx.text, likely)) ?? { do: 'handoff', unsure: true };
  // "How much is the private lesson?" names a service: its price is the business's own fact, answered
  // from the service, unless an FAQ entry that names the service answers it (the business's own words
  // win), or it is a complaint: "you charged me 1,500 baht for the massage but the price is 1,200"
  // (r84, read as a wrong amount at 0.87) was told the massage's price.
  const priced = !complaint && !ctx.openCase && !saysWronglyCharged(ctx.text) && asksPrice(ctx.text) ? await likely.serviceNamed(ctx.text, answersFromFaq(result, ctx) ? result.faqKey : undefined) : undefined;
  // Asked with the trip's day or people ("สนใจทัวร์เชียงใหม่ 3 วัน 2 คืน ผู้ใหญ่ 2 เด็ก 2 ... ราคาประมาณเท่าไหร่คะ",
  // r70), a service with no price set is quoted by staff: its booking, as a quote asked for is (below),
  // rather than "no answer found for this question".
  // The price asked goes with the request, the customer told so ("how much would a yacht for 8 people
  // cost?" at a new concierge, r118, was asked the day as if nothing had been asked, and the team's
  // request said nothing of a yacht).
  // Its other questions as an FAQ answer's are (r134: "how much is the thai massage? do you have a sauna?" told the price, the sauna never).
  const pricedToo = priced ? await otherQuestions(ctx, classify, async (q) => asksPrice(q) && (await likely.serviceNamed(q)) === priced) : {};
  if (priced) return { do: 'service_price', serviceKey: priced, ...pricedToo, ...(read.fields.date || read.fields.partySize ? { unpriced: withPriceAsked(startBooking(ctx, read, ctx.text, priced), ctx.text) } : {}) };
  // "how long is the cooking class?", "นวดใช้เวลากี่ชั่วโมงคะ" (r158: a person was called): the service's own
  // length, as its price is; unless the business's FAQ entry that names it answers, or it is a complaint.
  const timed = !complaint && !ctx.openCase && !read.fields.date && !read.fields.time && asksHowLong(ctx.text) ? await likely.serviceNamed(ctx.text, answersFromFaq(result, ctx) ? result.faqKey : undefined) : undefined;
  // Its other questions as a price's are (item 237).
  if (timed) return { do: 'service_duration', serviceKey: timed, ...(await otherQuestions(ctx, classify, async (q) => asksHowLong(q) && (await likely.serviceNamed(q)) === timed)) };
  // How many people it takes, the same way (r162: "คลาสทำอาหารไทยรับกี่คนคะ" went to a person).
  const sized = !complaint && !ctx.openCase && !read.fields.partySize && asksHowMany(ctx.text) ? await likely.serviceNamed(ctx.text, answersFromFaq(result, ctx) ? result.faqKey : undefined) : undefined;
  if (sized) return { do: 'service_capacity', serviceKey: sized, ...(await otherQuestions(ctx, classify, async (q) => asksHowMany(q) && (await likely.serviceNamed(q)) === sized)) };
  // "do you offer airport transfers?", "มีคลาสทำอาหารไทยไหมคะ" (is there a Thai cooking class?), calling a
  // service by its own name (r110: "no answer found", a person called): yes, said with its price and a
  // button to book it, or, with no price set, by its booking started. Not a kind of thing its keyword names ("do you
  // do hot stone massage?" is not asked of the spa's massage: a person answers), nor one the FAQ answers,
  // nor one asked for a day, a time or people ("Do you have a trial class this Saturday?" is its booking).
  const withoutDetails = !read.fields.date && !read.fields.time && !read.fields.partySize;
  const called = !complaint && !ctx.openCase && withoutDetails && !answersFromFaq(result, ctx) && ctx.takesBookings !== false && asksWhetherOffered(ctx.text) ? await likely.serviceCalled(ctx.text) : undefined;
  if (called) return { do: 'service_price', serviceKey: called, unpriced: startBooking(ctx, read, ctx.text, called) };
  // "ขอใบเสนอราคาทัวร์เชียงใหม่ 4 วัน 3 คืน 6 คนค่ะ เดินทาง 15 ธันวาคม" (r48): a quote asked with the trip's
  // day or people is that service's booking, which staff quote; the FAQ on how quotes work, which it
  // was answered with, asks for the details the customer had just given.
  const quoteFor = !complaint && !ctx.openCase && asksForAQuote(ctx.text) && (read.fields.date || read.fields.partySize) ? await likely.serviceNamed(ctx.text) : undefined;
  if (quoteFor) return startBooking(ctx, read, ctx.text, quoteFor);
  // Out of scope is never acted on: the bot asks back with what it can do, however sure it is.
  const sure = sureEnough(result, ctx) && !past;
  // With a case open, what the customer says is about it, unless it is clearly a booking or a
  // different problem.
  const newProblem = result.kind === 'case' && result.caseType !== undefined && result.caseType !== ctx.openCase?.caseType && !goesOnAboutTheCase(ctx.text);
  // A question the FAQ answers is answered, case or not ("what are your opening hours?").
  if (ctx.openCase && answersFromFaq(result, ctx)) return { do: 'faq', faqKey: result.faqKey };
  // A hello is not news about the case: it is answered (a follow-up soon after the bot's last word
  // on the case would not be), with the case and what else the bot can do.
  if (ctx.openCase && sure && isGreeting(result, ctx.text)) return { do: 'greet_open_case', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number, onCase: !HELLO.test(ctx.text) };
  if (ctx.openCase && !(sure && (result.kind === 'booking' || newProblem))) {
    // "What info do you need from me?" a minute after the case's acknowledgement had no answer at all.
    // A thank-you goes on the case too, and is answered as one (r57).
    return { do: 'follow_up', caseId: ctx.openCase.id, caseNumber: ctx.openCase.number, ...(asksQuestion(ctx.text) ? { asks: true as const } : smallTalkAlone === 'thanks' ? { thanks: true as const } : {}) };
  }
  // "It happened again" after a resolution: the same case, reopened, unless this is something else.
  const otherProblem = result.kind === 'case' && result.caseType !== undefined && result.caseType !== ctx.resolvedCase?.caseType;
  if (ctx.resolvedCase && !(sure && (result.kind === 'booking' || result.kind === 'question' || otherProblem)) && !(result.kind === 'other' && sure)) {
    return { do: 'reopen', caseId: ctx.resolvedCase.id };
  }
  // Unsure twice running: the bot asked back once (a clarify dialogue holding what it was unsure
  // of) and the answer, read with it, still leaves it unsure what the customer wants. Asking a
  // third time would be a loop; a person answers instead (docs/inbox.md). "ok", "thanks", "hi"
  // are not a want the bot failed to read: they are asked back, and a person is not called.
  // (Called for them, a complaint that came after would have found the bot quiet.)
  // The list of problem types is such a question too: what is typed instead of a tap, still unread, goes to a person.
  const askedBefore = (dialogue?.kind === 'clarify' && dialogue.text.trim() !== '') || dialogue?.kind === 'pick_case_type';
  // Two readings close together: the customer picks, with one tap, rather than the bot guessing;
  // a close second makes even a sure first a guess (docs/understanding.md, "Did you mean").
  // A problem with a booking close behind it, in words of something gone wrong ("my city tour was
  // cancelled without notice and I want my money back"): a problem, opened when sure of its type,
  // else the customer picks it; never offered as a booking of the service it names.
  if (result.kind === 'case' && result.alternative?.kind === 'booking' && !past && !askedBefore && reportsProblem(ctx.text)) return problemFromText(result, ctx, await caseTypeNamedBy(ctx.text, read, likely));
  const close = complaint || past || askedBefore ? undefined : await bookingsIfAskedToBook(closeReadings(result), result, ctx, likely);
  // A problem told, not a question asked ("ออเดอร์ 11223344 ถึงไหนแล้วคะ ยังไม่ได้ของเลย", r129: "order not
  // delivered, or how long a top-up takes?"): no FAQ entry is offered beside its type; the types are.
  if (close && result.kind === 'case' && close.some((o) => o.kind === 'question') && reportsProblem(ctx.text) && !asksQuestion(ctx.text)) return problemFromText(result, ctx);
  // "Please cancel my booking B-000123", not read surely: a change to a booking made, which a person
  // makes (as below), rather than the problem types or a service to book offered (it leaned to a refund), or two
  // readings (r148: "ขอเปลี่ยนเป็น 3 ท่านได้ไหมคะ" after the booking was sent: the class or a refund).
  if (!sure && !askedBefore && !past && (asksToChangeABooking(ctx.text) || asksToChangeThePartySize(ctx.text) || asksToCancelAnOrder(ctx.text))) return { do: 'handoff', unsure: true };
  // Only an entry the whole was read as.
  const split = close ? await firstQuestionAnswered(ctx, classify, (key) => close.some((o) => o.kind === 'question' && o.key === key)) : undefined;
  if (split) return split;
  if (close && result.otherType !== 'out_of_scope') return { do: 'did_you_mean', options: close };
  // "มีคิวว่างพรุ่งนี้ไหมคะ" (any free slot tomorrow?) with no service read surely: a booking, its
  // service asked with the list, the day kept; rather than a question for a person.
  // So is one read surely as a service it does not name ("วันเสาร์นี้มีคิวว่างไหมคะ" read as the sushi
  // class at 0.86, r49): the bot does not choose the service for the customer.
  const freeSlot = !askedBefore && !past && ctx.takesBookings !== false && asksForAFreeSlot(ctx.text) && !reportsProblem(ctx.text);
  // A service it names by its own name, not read surely ("สนใจคลาสทำอาหารไทยค่ะ มีรอบวันไหนบ้าง" at 0.45 at
  // a new school, r98: handed to a person), is the booking's, and the days it opens are offered.
  const named = freeSlot ? await likely.serviceNamed(ctx.text) : undefined;
  if (freeSlot && (!sure || (result.kind === 'booking' && !named))) return startBooking(ctx, undefined, ctx.text, named);
  const moving = !sure && !askedBefore && !past ? await movingCase(ctx.text, likely) : undefined;
  if (moving) return moving;
  // A problem, though not sure enough of its type to open it ("เข้าแอปไม่ได้ค่ะ ลืมรหัส" as account access at 0.76): the customer picks the type.
  // "hii can i book tai masage tmr 3pm 2ppl" (0.42, the service's name misspelt) asks to book, with a
  // day, a time or people: the service it leans to is offered as one tap, not "tell us a bit more".
  const detailsGiven = result.kind === 'booking' && result.bookingType !== undefined && Boolean(result.fields.date || result.fields.time || result.fields.partySize);
  const withDetails = detailsGiven && result.confidence >= LEANS_TO - 0.2;
  // "Could you book a table for 4 tonight at 7pm?" (0.62 at a new concierge) names the service it
  // leans to by the service's own name or keyword ("table for"): that booking, whose summary the
  // customer confirms, rather than "did you mean" with a problem type beside it (r53). Named with a
  // day, a time or people, it is asked for though no word of booking is said ("อยากให้ลูกเรียนทำอาหารไทย
  // วันที่ 12 ธันวาคม 10 โมงเช้า ลูก 2 คนค่ะ", 0.76 at a new school, was asked "which do you mean?"; r69).
  // However unsure the reading: "อยากได้ที่ตีกอล์ฟพรุ่งนี้ 4 คน ช่วงเช้าค่ะ" (a tee time, 0.19 at a new
  // concierge whose booking's keyword is "กอล์ฟ", r115) was asked "a booking or a problem?".
  const namedWithDetails = detailsGiven && !sure && !askedBefore && !past && (await likely.serviceNamed(ctx.text)) === result.bookingType;
  const booksWithDetails = (withDetails && asksToBook(ctx.text)) || namedWithDetails;
  const leans = !sure && !askedBefore && !past && (result.confidence >= LEANS_TO || booksWithDetails) && result.otherType !== 'out_of_scope';
  if (leans && namedWithDetails && !reportsProblem(ctx.text)) return startBooking(ctx, result, ctx.text);
  // Put as a question with no word of anything gone wrong ("เติมเงินต้องรอนานไหมคะ", does a top-up
  // take long?), a problem it leans to may as well be an FAQ entry: offered with what else the
  // message is most like (below), not the list of problem types alone.
  if (leans && result.kind === 'case' && !(asksQuestion(ctx.text) && !reportsProblem(ctx.text))) return problemFromText(result, ctx, await caseTypeNamedBy(ctx.text, read, likely));
  // A booking or an FAQ answer it leans to ("อยากได้รถรับจากสนามบิน ... พรุ่งนี้ 9 โมง 2 คน" at 0.59 in
  // a new business): offered as one tap, with what else the message is most like ("how do I get a
  // quote for a 3 day trip" leans to the day trip; the FAQ on quotes comes next), rather than the
  // four choices, which the customer would answer with a tap and the same again.
  const lean = leans ? readingOf(result) : undefined;
  if (lean) {
    const options = [lean];
    for (const r of await likely.readings(ctx.text)) if (!options.some((o) => sameReading(o, r))) options.push(r);
    return { do: 'did_you_mean', options: options.slice(0, LEANING_OPTIONS) };
  }
  // A question the bot cannot place ("can I pay with TrueMoney?", "ลูกสาวอายุ 10 ขวบ เรียนได้ไหมคะ"):
  // a person answers it, as a question no FAQ entry answers is, rather than "tell us a bit more".
  // Not one the classifier is sure is off the business's topic ("what is the weather tomorrow?"),
  // unless it asks about the business itself ("is there parking at the shop?").
  const surelyOffTopic = result.otherType === 'out_of_scope' && result.confidence >= actThreshold(ctx) && !asksOfTheBusiness(ctx.text);
  if (!sure && !askedBefore && !past && !smallTalk(result) && !surelyOffTopic && asksQuestion(ctx.text)) return { do: 'no_answer' };
  // "Please book a Thai cooking course for 3 people on Saturday 12 December at 9am" at a new concierge
  // (0.19, r106: "could you tell us a bit more?"): a booking asked for, with its day, time or people,
  // of a service the bot cannot tell. The booking, its service asked with every service a button, the
  // details kept; not a change to one made, money paid, or a problem.
  const bookingOfWhat = !sure && !askedBefore && !past && ctx.takesBookings !== false && result.kind !== 'other' && asksToBook(ctx.text) && Boolean(result.fields.date || result.fields.time || result.fields.partySize);
  if (bookingOfWhat && !reportsProblem(ctx.text) && !changesBooking(ctx.text) && !asksToChangeABooking(ctx.text) && !saysPaid(ctx.text)) return startBooking(ctx, undefined, ctx.text);
  // A change to a booking made that the classifier cannot place ("sorry, I need to cancel the booking
  // I just made", 0.39) goes to a person too, rather than the four choices ("change my PIN" names no booking).
  // So does money the customer says they paid ("โอนเงินแล้วนะคะ" after a booking): a person checks it.
  const forAPerson = asksToChangeABooking(ctx.text) || saysPaid(ctx.text);
  if (!sure) return (askedBefore && !smallTalk(result)) || forAPerson ? { do: 'handoff', unsure: true } : { do: 'clarify' };
  // "Please cancel my booking B-000123", read surely as the demo's refund (whose words say "cancel my
  // order"): a change to a booking made, which staff make, as when the bot is unsure of it (above).
  // Not a refund asked for (its words are a complaint's: "cancel it and refund me"), nor a type of
  // the business's own for changing a booking ("can we move our trip to next week?", a trip change;
  // a hotel's "cancel my reservation").
  if (result.kind === 'case' && asksToChangeABooking(ctx.text) && !(await likely.caseTypesSaying(CHANGES_A_BOOKING)).includes(result.caseType ?? '')) return { do: 'handoff', unsure: true };
  switch (result.kind) {
    case 'case':
      return caseFromText(result);
    case 'booking':
      return startBooking(ctx, result, ctx.text, undefined, dialogue?.kind === 'clarify' ? dialogue.text : undefined);
    case 'question':
      return answersFromFaq(result, ctx) ? { do: 'faq', faqKey: result.faqKey, ...(await otherQuestions(ctx, classify, answeredBy(result.faqKey))) } : { do: 'no_answer' };
    default:
      if (result.otherType === 'thanks') return { do: 'greet', why: 'thanks', thanks: true };
      // "ok", "👍": not welcomed again as a new friend; what else the bot can do.
      if (OK.test(ctx.text)) return { do: 'greet', why: 'ok', ok: true };
      return { do: 'greet', why: 'a greeting or small talk' };
  }
}

/**
 * A new booking with something else said beside it: a service named, a day or a time, and the number
 * of people or a word of booking ("massage tomorrow 3pm for 2, we might be 2 hours late"; "... 2 ที่ค่ะ
 * ขอใบเสร็จในนามบริษัทด้วยนะคะ"). Not "I'll be 15 minutes late for my massage at 3pm", "จองนวดไว้บ่ายสองวันนี้ค่ะ
 * แต่จะไปช้า", a booking made, which a person is told of.
 */
async function booksBeside(ctx: CustomerContext, likely: Likely): Promise<boolean> {
  if (BOOKED_ALREADY.test(ctx.text)) return false;
  const f = extractFields(ctx.text, { now: ctx.now, timeZone: ctx.timeZone });
  return (f.date !== undefined || f.time !== undefined) && (f.partySize !== undefined || asksToBook(ctx.text)) && (await likely.servicesNamed(ctx.text)).length > 0;
}

/**
 * The day, time and people said with each service named, where it has its own ("book a massage tomorrow
 * at 2pm for 2 and the city tour on friday at 9am for 2", r148: the tour was started for tomorrow, the
 * massage's day, and its time asked again): read from the words from its name to the next service's.
 * None said, undefined: the next one takes the first's day and people, as "a massage and the city tour,
 * both for tomorrow" means.
 */
async function detailsOfEach(ctx: CustomerContext, said: string, services: string[], likely: Likely): Promise<NonNullable<BookingDialogue['thenSaid']> | undefined> {
  const parts = said.split(/\s+(?:and|plus|then|also)\s+|\s*[,;&+]\s*|กับ|และ|แล้วก็/i);
  const out: NonNullable<BookingDialogue['thenSaid']> = {};
  for (const key of services) {
    const at = (await Promise.all(parts.map((p) => likely.servicesNamed(p)))).findIndex((keys) => keys[0] === key);
    if (at < 0) continue;
    // Its words run on to the next part that names a service ("the city tour on friday, at 9am for 2").
    let words = parts[at];
    for (const p of parts.slice(at + 1)) {
      if ((await likely.servicesNamed(p)).length) break;
      words += ` ${p}`;
    }
    const f = extractFields(words, { now: ctx.now, timeZone: ctx.timeZone });
    const own = { ...(f.date ? { date: f.date } : {}), ...(f.time ? { time: f.time } : {}), ...(f.partySize ? { partySize: f.partySize } : {}) };
    if (Object.keys(own).length) out[key] = own;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The customer speaking of their own, or of one thing: "my", "I", "we", "this payment", "the withdrawal", "ของฉัน", "ผมโอน". */
const OF_THEIR_OWN = /\b(?:my|our|i|we|me|us|i'm|i've|we've|this|that|these|the)\b|ของ(?:ฉัน|ผม|หนู|เรา|ดิฉัน)|(?:ฉัน|ผม|หนู|เรา|ดิฉัน)(?:ได้|โอน|จ่าย|ซื้อ|สั่ง|เติม|ขอ)/i;

/** A booking already made: "จองนวดไว้", "I booked", "my massage"; its receipt ("a receipt for the massage on the 5th", "ใบเสร็จค่านวด"). */
const BOOKED_ALREADY = /จอง\S{0,20}ไว้|\b(?:receipt|invoice)s?\s+(?:for|of)\b|ใบ(?:เสร็จ|กำกับ\S*)\s*(?:ค่า|ของ|การ)|\b(?:i|we)(?:'ve| have)? (?:already )?booked\b|\b(?:my|our) (?:booking|reservation|massage|class|lesson|tour|trip|appointment|transfer|table)\b/i;

/**
 * Two questions or more in one message, one of them answered by the reply being made
 * ("ร้านอยู่ตรงไหนคะ มีที่จอดรถไหม", r127: the shop's address was told, the parking never): each read on
 * its own. One `answers` says the reply is about ("ร้านอยู่แถวไหนคะ ไปยังไง", how to get there, is the
 * address's too, however unsure) is answered by it; another FAQ entry that answers one surely
 * answers it too; one that none answers goes to a person, the customer told so (not "can we talk
 * in English?", which the answer's language answers). Only when one of them, on its own, is the
 * reply's: else the message is one question, read whole.
 */
async function otherQuestions(ctx: CustomerContext, classify: (text?: string) => Promise<Classification>, answers: (question: string, r: Classification) => boolean | Promise<boolean>): Promise<{ also?: string[]; unanswered?: string }> {
  const questions = questionsIn(ctx.text);
  if (questions.length < 2) return {};
  const also: string[] = [];
  const unanswered: string[] = [];
  let itself = false;
  for (const question of questions) {
    const r = await classify(question);
    if (await answers(question, r)) itself = true;
    // One that speaks of what was named before ("... the sushi class? and how long does it take?",
    // read alone as the payment methods at 0.99) is not answered by an entry read of it alone.
    else if (answersFromFaq(r, ctx) && !SPEAKS_BACK.test(question)) {
      if (!also.includes(r.faqKey)) also.push(r.faqKey);
      // One in which the classifier finds nothing at all ("เติมเงินแล้วเข้ากี่นาทีคะ ต้องรอนานไหมคะ", does
      // it take long?, 0.02; r137: handed to a person with its answer just given) says nothing of its
      // own: it goes with the question answered.
    } else if (!asksWhichLanguage(question) && !(r.kind === 'other' && r.confidence < NOTHING_READ)) unanswered.push(question);
  }
  if (!itself) return {};
  return { ...(also.length ? { also } : {}), ...(unanswered.length ? { unanswered: unanswered.join(' ') } : {}) };
}

/** Below this, the classifier found nothing in a question read alone. */
const NOTHING_READ = 0.1;

/** Words that speak of what the message named before: "it", "them", "that", "อันนั้น". */
const SPEAKS_BACK = /\b(?:it|its|they|them|those|that)\b|อันนี้|อันนั้น|ที่นั่น/i;

/** The reply is this FAQ entry's: a question read as it (surely, or not surely of anything else). */
const answeredBy = (faqKey: string) => (_: string, r: Classification) => r.kind === 'question' && r.faqKey === faqKey;

/**
 * Two questions read whole as two readings close together ("วันนี้เปิดไหมคะ walk in ได้ไหมคะ", r134: the
 * opening hours or a refund offered, the walk-in never asked): the first that one of those
 * readings, an FAQ entry, answers surely is answered, and the others as `otherQuestions` does.
 * `fits` says which entry, asked by which question, may be the one answered.
 */
async function firstQuestionAnswered(ctx: CustomerContext, classify: (text?: string) => Promise<Classification>, fits: (faqKey: string, question: string) => boolean): Promise<Decision | undefined> {
  const questions = questionsIn(ctx.text);
  if (questions.length < 2) return undefined;
  for (const question of questions) {
    const r = await classify(question);
    // Only an entry asked in words of its own.
    if (answersFromFaq(r, ctx) && !SPEAKS_BACK.test(question) && fits(r.faqKey, question)) {
      const others = await otherQuestions(ctx, classify, answeredBy(r.faqKey));
      return others.also || others.unanswered ? { do: 'faq', faqKey: r.faqKey, ...others } : undefined;
    }
  }
  return undefined;
}

/**
 * "my son is sick, can we move Saturday's class?" (0.29 at a new school), "I need to reschedule my
 * private lesson on Friday" (read as booking it, 0.93): a booking asked to be moved, at a business
 * with a type for that (one whose examples ask to move one): a case of it, on its clock, rather
 * than a person without one. Only a type the message is like (among its likely ones); a business
 * with none, or with two, hands the move to a person.
 */
async function movingCase(text: string, likely: Likely): Promise<Decision | undefined> {
  if (!asksToMoveABooking(text)) return undefined;
  const moving = await likely.caseTypesSaying(MOVE_WORDS);
  if (moving.length !== 1 || !(await likely.caseTypes(text)).slice(0, LIKELY_CASE_TYPES).includes(moving[0])) return undefined;
  return { do: 'open_case', caseType: moving[0] };
}

/** The reading the customer picked, acted on with what they first wrote (a booking keeps its date, time and people). */
function actOnPick(ctx: CustomerContext, picked: Reading): Decision {
  const asked = ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : '';
  const details = ctx.dialogue?.kind === 'clarify' ? ctx.dialogue.details : undefined;
  if (picked.kind === 'case') return { do: 'open_case', caseType: picked.key };
  // A detail typed after the first message wins over the first message's ("Sunday" over "Saturday").
  if (picked.kind === 'booking') return details ? startBooking(ctx, undefined, details, picked.key, asked) : startBooking(ctx, undefined, asked, picked.key);
  return { do: 'faq', faqKey: picked.key };
}

/** "เอาค่ะ สนใจซื้อ", "I'll take it", "I want to buy one": the thing priced is wanted. */
const WANTS_IT = /^\s*(?:เอา|รับ)(?:ค่ะ|คะ|ครับ|เลย|ด้วย|อันนี้|แพ็กเกจนี้)|สนใจ(?:ซื้อ|จอง|สมัคร)|(?:ขอ|อยาก)?ซื้อ(?:ค่ะ|ครับ|เลย|แพ็กเกจ|อันนี้)|\bi'?ll take (?:it|one|that)\b|\bi (?:want|would like|'d like) (?:to buy )?(?:it|one|that)\b|\bbuy (?:it|one|that)\b/i;

/**
 * After a price: "book it", "ขอจองค่ะ", "yes please", or a day, a time or people that is not a
 * question ("tomorrow at 5 for 2", "2 คนค่ะ") or asks to come ("can I come tomorrow at 3?"). Not an "ok" or a thank-you, which acknowledge the price.
 */
function booksWhatWasPriced(ctx: CustomerContext): boolean {
  const { text } = ctx;
  if (reportsProblem(text) || THANKS.test(text) || OK.test(text) || /thank|ขอบคุณ/i.test(text)) return false;
  // "Cancel my booking", "no thanks", another price asked: not this booking.
  if (changesBooking(text) || asksToChangeABooking(text) || saysNotBooking(text) || saysCancel(text) || asksPrice(text)) return false;
  if (asksToBook(text) || saysConfirm(text) || WANTS_IT.test(text)) return true;
  const fields = extractFields(text, { now: ctx.now, timeZone: ctx.timeZone });
  return (fields.date !== undefined || fields.time !== undefined || fields.partySize !== undefined) && (!asksQuestion(text) || ASKS_TO_COME.test(text));
}

/** "Can I come tomorrow at 3?", "พรุ่งนี้บ่ายสามไปได้ไหมคะ": asking to come is asking to book (not "are you open tomorrow?"). */
const ASKS_TO_COME = /\b(?:can|could|may) (?:i|we) (?:come|join|do it|go|attend|make it)\b|(?:ไป|มา|เข้า(?:เรียน)?|จอง)ได้(?:ไหม|มั้ย|ป่าว|ป่ะ|หรือเปล่า)/i;

/** The order ids a text gives, as the org's patterns read them. */
const orderIdsIn = (text: string, ctx: CustomerContext) => extractFields(text, { orderIdPatterns: ctx.orderIdPatterns }).orderIds ?? [];

/** What the customer has told of the problem: the dialogue's first message, then this one. */
const saidSoFar = (ctx: CustomerContext) => [ctx.dialogue && 'text' in ctx.dialogue ? ctx.dialogue.text : '', ctx.text].filter((t) => t.trim()).join('\n');

/**
 * "ORD-66120", "เลขออเดอร์ ORD-66120 ค่ะ", "โอนเวลา 9.40 น. ค่ะ", "paid at 9:40 with KBank": an order
 * number, a time, an amount, and at most a few letters around them. A detail of what happened,
 * given to the list of problem types instead of a tap (r54, r69), not a new want to read. Asked, it
 * is a question ("ORD-66120 arrive when?"), read as usual.
 */
function onlyDetails(ctx: CustomerContext): boolean {
  const ids = orderIdsIn(ctx.text, ctx);
  const rest = ids.reduce((t, id) => t.replace(id, ''), ctx.text);
  return (ids.length > 0 || /\d/.test(rest)) && rest.replace(/[\s\p{P}\d]/gu, '').length <= 16 && !asksQuestion(ctx.text);
}

/**
 * "book a cooking class on Saturday 10am for 2" (r86: offered the Thai cooking class or the classes'
 * prices) asks for a booking, with its details, and asks nothing: what else it may be is another
 * service the business has (the sushi class), not an FAQ entry. So the close readings keep the
 * bookings, with the other services the message is most like; with none, the booking alone is no
 * question to ask (undefined: it is acted on as any reading, when sure enough).
 */
async function bookingsIfAskedToBook(close: Reading[] | undefined, r: Classification, ctx: CustomerContext, likely: Likely): Promise<Reading[] | undefined> {
  if (!close || r.kind !== 'booking' || !asksToBook(ctx.text) || asksQuestion(ctx.text) || !(r.fields.date || r.fields.time || r.fields.partySize)) return close;
  const bookings = close.filter((o) => o.kind === 'booking');
  for (const o of await likely.readings(ctx.text)) if (o.kind === 'booking' && !bookings.some((b) => sameReading(b, o))) bookings.push(o);
  return bookings.length > 1 ? bookings.slice(0, LEANING_OPTIONS) : undefined;
}

/**
 * A day, a time or people, and nothing else asked for: not a question, no problem, no service named
 * or read surely ("sorry not Saturday, Sunday", "make it 3 people"; not "นวดแผนไทย 3 คนค่ะ").
 */
async function givesOnlyBookingDetails(ctx: CustomerContext, classify: (text?: string) => Promise<Classification>, likely: Likely): Promise<boolean> {
  const f = extractFields(ctx.text, { now: ctx.now, timeZone: ctx.timeZone });
  if (!f.date && !f.time && !f.partySize) return false;
  if (asksQuestion(ctx.text) || reportsProblem(ctx.text) || saysCancel(ctx.text) || saysNotBooking(ctx.text) || (await likely.serviceNamed(ctx.text))) return false;
  const read = await classify(ctx.text);
  return !(sureEnough(read, ctx) && read.kind !== 'other');
}

/** Small talk the classifier named ("ok", "thank you", "hi"), however unsure of it: not a want it could not read. */
const smallTalk = (r: Classification) => r.kind === 'other' && r.otherType !== undefined && r.otherType !== 'out_of_scope';

/** Members and what they get: "do members get a discount", "สมาชิกได้ส่วนลดไหม". */
const MEMBERS = /\bmembers?(?:hip)?\b|สมาชิก/i;
/** Services asked for together: "a massage and the city tour", "นวดกับทำเล็บ", "massage + facial". */
const TOGETHER = /\b(?:and|plus|also|both)\b|&|\+|กับ|และ|ด้วย|ทั้ง/i;
/** One or the other: "the massage or the facial?", "นวดหรือสปาดีคะ". */
const EITHER = /\bor\b|\beither\b|หรือ/i;
/** Words of a change to a booking, in a type's name, keywords or examples, or in what the customer wrote. */
const CHANGE_WORDS = /\breschedul|\bpostpone\b|\bmove\b|\bchange\b|เลื่อน|เปลี่ยน/i;
/** A business's type for money taken wrongly, by its name or keywords: "Wrong amount charged", "ยอดเงินไม่ถูกต้อง". */
const WRONG_AMOUNT_TYPE = /\bwrong amount|\bovercharg|\bdouble[- ]charg|\bcharged\b|ยอด(?:เงิน)?ไม่(?:ถูกต้อง|ตรง)|(?:เก็บ|ตัด)เงิน(?:ผิด|ซ้ำ|เกิน)/i;
/** A business's type for complaints about its service, by its name or keywords: "Service complaint", "ร้องเรียนการบริการ". */
const COMPLAINT_TYPE = /\bcomplain|ร้องเรียน/i;
/** Those who give a business's service, named: its teacher, therapist, guide, staff. */
const STAFF_NAMED = /ครู|หมอนวด|ไกด์|พนักงาน|เจ้าหน้าที่|\b(?:teachers?|instructors?|therapists?|masseuses?|guides?|staff|chefs?|receptionists?)\b/i;
/** A business's type for what its suppliers or partners got wrong: "Supplier problem", "ปัญหาการจองกับพาร์ทเนอร์". */
const THIRD_PARTY_TYPE = /\bsupplier|\bpartner|\bprovider|ซัพพลายเออร์|พาร์ทเนอร์|ผู้ให้บริการภายนอก/i;
/**
 * Those a business books with, named: a hotel, a driver, a golf course, a restaurant, a spa (a concierge's,
 * r183), a partner. Not a tour's own van or guide, whose problems are the business's own ("the van was
 * dirty"). Read only at a business with a type for such problems.
 */
const THIRD_PARTY_NAMED = /\b(?:hotel|resort|driver|golf (?:course|club)|restaurant|spa|partner|supplier)s?\b|โรงแรม|รีสอร์ท|คนขับ|สนามกอล์ฟ|ร้านอาหาร|สปา|พาร์ทเนอร์|ซัพพลายเออร์/i;
/**
 * The amount itself said to be wrong: twice, too much, or against its price ("but the massage is 1,200",
 * "ราคาควรเป็น 1500"); not money taken with something else gone missing ("the app charged me 2,500 but my
 * booking is not there", r45: the customer asked for a person).
 */
const SAYS_AMOUNT_WRONG = /\btwice\b|\bdouble\b|\btwo times\b|\btoo much\b|\bovercharg|\bprice\b|\bshould (?:have )?be(?:en)?\b|\bbut\b[^.?!]{0,40}\b(?:is|was|costs?|says)\s+(?:only\s+)?\d|ซ้ำ|สอง(?:รอบ|ครั้ง)|2\s*(?:รอบ|ครั้ง)|เกิน|ราคา|ควร(?:เป็น|จะ)|ไม่ตรง|ไม่ถูกต้อง/i;
/** Money or credits named: "เครดิตไม่ขึ้น", "I want my money back", "I paid twice". */
const SAYS_MONEY = /เครดิต|เงิน|ชำระ|จ่าย|โอน|\b(?:credits?|money|refund(?:ed)?|charged|paid|payments?)\b/i;
const MEMBERS_BENEFIT = /\bmembers?(?:hip)?\b.*\b(?:discount|benefits?|perks?|privileges?|free|rate|price)\b|\b(?:discounts?|benefits?|perks?|privileges?)\b.*\bmembers?(?:hip)?\b|สมาชิก.*(?:ส่วนลด|สิทธิ|ฟรี|ราคา)|(?:ส่วนลด|สิทธิ).*สมาชิก/i;

/** A message that is only a hello, in Thai or English: for an `other` the classifier did not name (an LLM's answer may leave it out). */
const HELLO_WORD = String.raw`(?:hi+|hey+|hello+|helo|good (?:morning|afternoon|evening|day)|sawa?s?d(?:ee|i)(?: (?:ka|kha|krub|krap|khrap))?|สวัสดี|หวัดดี|ดีจ้า|ดีค่ะ|ดีครับ)[\s!?.,~👋🙏😊]*(?:ค่ะ|คะ|ครับ|จ้า|จ้ะ|นะคะ|นะครับ|there|again|everyone|team)?`;
/**
 * "anyone there??": a ping, alone or after the hello (r49: "hello?? anyone there??" was asked to say
 * more). Thai's "มีใครอยู่ไหมคะ" asks for a person, and is handed to one (dialogue.ts).
 */
const ANYONE_THERE = String.raw`(?:(?:is\s+)?any(?:one|body)\s+(?:there|here|around))`;
const HELLO = new RegExp(String.raw`^\s*(?:${HELLO_WORD}[\s!?.,~👋🙏😊]*${ANYONE_THERE}?|${ANYONE_THERE})[\s!?.,~👋🙏😊]*$`, 'iu');

/**
 * A question with a hello before it or a thank-you after it, read without them ("hi, where is your
 * shop? thanks", r127: read as small talk at 0.83, and no answer found). Anything else whole.
 */
function withoutCourtesies(text: string): string {
  const asked = text.replace(COURTESY_BEFORE, '').replace(COURTESY_AFTER, '').trim();
  return asked && asked !== text.trim() && asksQuestion(asked) ? asked : text;
}
const COURTESY_BEFORE = new RegExp(String.raw`^\s*${HELLO_WORD}[\s,!.~]+(?=\S)`, 'iu');
const COURTESY_AFTER = /(?<=[?？.!]|\s)\s*(?:thanks?(?: a lot| so much| very much)?|thank (?:you|u)(?: so much| very much| a lot)?|thx|ty|ขอบคุณ(?:มาก)?(?:ค่ะ|คะ|ครับ|นะคะ|นะครับ)?)[\s!.~🙏😊]*$/iu;

/** A greeting: as the offline classifier names it, or a hello alone when the classifier does not name it. */
function isGreeting(r: Classification, text: string): boolean {
  return r.kind === 'other' && (r.otherType === 'greeting' || (r.otherType === undefined && HELLO.test(text)));
}

