import type { Knex } from 'knex';
import { formatBookingDate } from '../../core/bookings/booking-desk.ts';
import { requestBooking } from '../../core/bookings/request-booking.ts';
import { availabilityOf, bookedBySession, sessionMoment } from '../../core/bookings/session-availability.ts';
import { bookedInSlots, slotsOn } from '../../core/bookings/service-slots.ts';
import { DomainError } from '../../core/errors/index.ts';
import { getOrg } from '../../core/orgs/orgs.ts';
import type { Action, OutboundMessage } from '../../core/messaging/outbound-message.ts';
import type { TemplateVars } from '../../core/templates/render-template.ts';
import { localMoment, todayIn } from '../../core/time/org-time.ts';
import { formFieldsOf, hoursKnown, openDaysFrom, serviceFormProblems, startTimesOn, type ServiceFormProblem } from '../../core/bookings/service-hours.ts';
import type { Classification } from '../../core/understanding/classification.ts';
import { changedRouteEnd, completeRoute, extractFields, extractPartyChange, extractRoute, extractRouteEnd, extractTimeShift, nearestWeekday, shiftedTime, weekdayAloneIn, withRouteEnd } from '../../core/understanding/extract-fields.ts';
import { activeFaqEntry, activeService, listServices } from '../../core/understanding/taxonomy-admin.ts';
import { customerPageLink } from '../line/customer-rich-menu.ts';
import type { CustomerContext } from './customer-context.ts';
import { actThreshold, caseFromText, caseTypeNamedBy, NOTHING_LIKELY, PICK_REPLY, problemFromText, type Decision, type Likely } from './decision.ts';
import { addsANote, wishBeside, asksAboutTakingPart, asksHowLong, asksHowMany, asksPrice, asksQuestion, asksWhatIsFree, asksWhichDays, partOfDay, questionBeside, reportsProblem, saysNotBooking, saysTheyArriveOffTime } from './readings.ts';
import { joinReply } from './waitlist-replies.ts';
import { dialogueExpiry, missingSlot, readReplyData, replyData, saysCancel, saysConfirm, type BookingDialogue, type BookingSlot, type Dialogue } from './dialogue.ts';

/**
 * A booking in chat, one detail at a time: which service, the date, the time, how many people,
 * then a summary to confirm. The details already said are kept in the conversation's dialogue;
 * the bot asks only for what is missing, with quick replies, and a confirmed booking enters the
 * pipeline (core/bookings/request-booking.ts).
 */

/**
 * A booking begun from `text`, and from what the customer said `earlier` in answer to which the
 * bot asked ("อยากจองค่ะ 2 คน", then "นวดแผนไทยค่ะ" typed instead of a tap: the two people were
 * lost, r53); what `text` says wins.
 */
export function startBooking(ctx: CustomerContext, r: Classification | undefined, text: string, serviceKey?: string, earlier?: string): Extract<Decision, { do: 'booking' }> {
  const read = (s: string | undefined) => (s ? extractFields(s, { now: ctx.now, timeZone: ctx.timeZone }) : {});
  const [fields, before] = [read(text), read(earlier)];
  const dialogue: BookingDialogue = {
    kind: 'booking',
    serviceKey: serviceKey ?? r?.bookingType,
    date: fields.date ?? before.date,
    time: fields.time ?? before.time,
    partySize: fields.partySize ?? before.partySize,
    // "from BKK airport to Pattaya": kept for a service whose form asks it (bookingStep drops it otherwise).
    destination: (text ? extractRoute(text) : undefined) ?? (earlier ? extractRoute(earlier) : undefined),
    // "transfer tomorrow 8am to Don Mueang": one end, kept until the other is said (r66).
    routeEnd: (text ? extractRouteEnd(text) : undefined) ?? (earlier ? extractRouteEnd(earlier) : undefined),
    question: text ? questionBeside(text, read) : undefined,
    expiresAt: dialogueExpiry('booking', ctx.now),
  };
  // A wish said with it ("ขอหมอนวดผู้หญิงนะคะ", a flight's number) goes to the team, as one said at the summary does.
  // Not the question's own words ("..., and do you have vegetarian options?"), which go with it already.
  const wish = text ? wishBeside(dialogue.question ? text.replace(dialogue.question, ' ') : text, { routeRead: Boolean(dialogue.destination || dialogue.routeEnd) }) : undefined;
  if (wish) dialogue.note = wish;
  // "สนใจคลาสทำอาหารไทยค่ะ มีรอบวันไหนบ้าง" (r98): which days or times are free, asked with the
  // service, is answered with them (as in a booking going on), not noted for the team.
  const free = dialogue.serviceKey && !(dialogue.date && dialogue.time) && text && asksWhatIsFree(text) ? (asksWhichDays(text) || !dialogue.date ? 'days' : 'times') : undefined;
  return free ? { do: 'booking', dialogue: { ...dialogue, question: undefined }, free } : { do: 'booking', dialogue };
}


export async function continueBooking(
  ctx: CustomerContext,
  current: BookingDialogue,
  classify: (text?: string) => Promise<Classification>,
  likely: Likely = NOTHING_LIKELY,
): Promise<Decision> {
  const d = { ...current, expiresAt: dialogueExpiry('booking', ctx.now) };
  const { reply, text } = ctx;
  if (reply) {
    if (reply.act === 'confirm') return missingSlot(d) ? { do: 'booking', dialogue: d } : { do: 'booking', dialogue: d, submit: true };
    if (reply.act === 'cancel') return { do: 'cancel_booking' };
    if (reply.act === 'service' && reply.value && reply.value !== d.serviceKey) Object.assign(d, { serviceKey: reply.value, sessionId: undefined });
    // A session tapped: it fixes the date and the time (read from it when the booking is shown).
    if (reply.act === 'session' && reply.value) d.sessionId = reply.value;
    if (reply.act === 'date') d.date = reply.params?.date ?? reply.value ?? d.date;
    if (reply.act === 'time') d.time = reply.params?.time ?? reply.value ?? d.time;
    if (reply.act === 'party') d.partySize = Number(reply.value) || d.partySize;
    return { do: 'booking', dialogue: d };
  }
  // A detail changes only its own slot: "2 คน" is the number of people, whatever service the
  // words are most like.
  const fields = extractFields(text, { now: ctx.now, timeZone: ctx.timeZone });
  // "One more person", "เพิ่มอีก 1 คนค่ะ": the number given, changed by that many ("1 คน" is not the number).
  const more = d.partySize ? extractPartyChange(text) : undefined;
  if (more) fields.partySize = Math.max(1, (d.partySize ?? 0) + more);
  // "can we make it an hour later?", "ขอเร็วขึ้นครึ่งชั่วโมง" (r152): the time given, moved by that much.
  const shift = d.time && !fields.time ? extractTimeShift(text) : undefined;
  const moved = shift ? shiftedTime(d.time!, shift) : undefined;
  if (moved) fields.time = moved;
  // "Sunday is better" for next Saturday's class is the Sunday next to it, not the nearest from today (r50).
  const weekdayOnly = d.date && fields.date ? weekdayAloneIn(text) : undefined;
  if (d.date && weekdayOnly !== undefined) {
    const near = nearestWeekday(d.date, weekdayOnly);
    if (near >= todayIn(ctx.timeZone, ctx.now)) fields.date = near;
  }
  // A detail given, and one that differs from the booking: "yes but 3 people" is not a yes to the
  // summary as it stands; "yes, tomorrow is fine" is.
  const alone = BARE_NUMBER.exec(text);
  const gives = fields.date !== undefined || fields.time !== undefined || fields.partySize !== undefined || alone !== null;
  const changes = (fields.date ?? d.date) !== d.date || (fields.time ?? d.time) !== d.time || (fields.partySize ?? d.partySize) !== d.partySize || alone !== null;
  if (d.awaiting === 'confirm' && saysConfirm(text) && !changes) return { do: 'booking', dialogue: d, submit: true };
  // The stronger readings first: a complaint leaves the booking for the problem ("not booking, the
  // therapist never came"), a "no" or "I'm not booking" ends it.
  // Not "we might be 10 minutes late" ("late" is a complaint's word; r92: the problem types were
  // listed and the booking lost): news for the team, a note at the summary.
  if (reportsProblem(text) && !saysTheyArriveOffTime(text)) {
    const r = await classify();
    return problemFromText(r, ctx, await caseTypeNamedBy(text, r, likely));
  }
  if (saysCancel(text) || saysNotBooking(text)) {
    // "No wait, make it the cooking class", "ไม่ได้จะจองทัวร์ค่ะ จะจองนวด": not a way out, another service.
    const other = await anotherServiceAsked(text, d, classify);
    if (other) {
      Object.assign(d, { serviceKey: other, destination: undefined, routeEnd: undefined, sessionId: undefined });
      return { do: 'booking', dialogue: d };
    }
    // "No, 3 people", "no wait, make it 5pm": the answer to "is this correct?" with what to change,
    // not a way out (they cancelled the booking). "I'm not booking" is one, whatever follows.
    if (saysNotBooking(text) || !gives) return { do: 'cancel_booking' };
  }
  let filled = false;
  // Another day or time typed for a service with sessions: the session is picked again, that day's first.
  if ((fields.date && fields.date !== d.date) || (fields.time && fields.time !== d.time)) d.sessionId = undefined;
  if (fields.date) [d.date, filled] = [fields.date, true];
  if (fields.time) [d.time, filled] = [fields.time, true];
  if (fields.partySize) [d.partySize, filled] = [fields.partySize, true];
  // The whole route, or the end not said before ("from the Novotel on Silom" after "to Don Mueang").
  const end = extractRouteEnd(text);
  // Or one end changed once both were said ("ขอเปลี่ยนจุดรับเป็นดอนเมืองค่ะ", r91).
  const changedEnd = d.destination ? changedRouteEnd(text) : undefined;
  const route =
    extractRoute(text) ??
    (changedEnd && d.destination ? withRouteEnd(d.destination, changedEnd, ctx.language === 'th') : undefined) ??
    (d.routeEnd && end && 'from' in end !== 'from' in d.routeEnd ? completeRoute(d.routeEnd, text, ctx.language === 'th') : undefined);
  if (route) [d.destination, filled] = [route, true];
  // "2" alone answers "how many people?", as "10 then" or "ขอเป็น 4 ค่ะ" do; "10" alone answers "what
  // time?" (read as "at 10": 1 to 6 are the afternoon's).
  // So does one that leads the answer, what follows being the customer's own ("4 then, we will take
  // a taxi for the rest" after "at most 4 people" was asked again; r74); not a time or an amount.
  const leading = d.awaiting === 'party_size' && !alone ? LEADING_NUMBER.exec(text) : null;
  if (!fields.partySize && d.awaiting === 'party_size' && (alone ?? leading)) [d.partySize, filled] = [Number((alone ?? leading)![1]), true];
  const hour = !fields.time && d.awaiting === 'time' && alone ? extractFields(`at ${alone[1]}`, { now: ctx.now, timeZone: ctx.timeZone }).time : undefined;
  if (hour) [d.time, filled] = [hour, true];
  // A bare number at the summary ("actually make it 11", "เปลี่ยนเป็น 3 ค่ะ") is the time or the
  // number of people: asked, with a button for each, rather than guessed, or the same summary shown
  // again as if nothing had been said. One that cannot be an hour (30) is the number of people.
  const bare = !filled && d.awaiting === 'confirm' ? Number(alone?.[1] ?? 0) : 0;
  if (bare > 0) {
    // "make it 8" after 7pm is 8pm (r101: asked "08:00 or 8 guests?"): an hour of 7 to 11 said of an
    // afternoon or evening booking stays in it.
    const time = d.time && d.time >= '12:00' && bare >= 7 && bare <= 11 ? `${bare + 12}:00` : extractFields(`at ${bare}`, { now: ctx.now, timeZone: ctx.timeZone }).time;
    return time ? { do: 'booking', dialogue: d, which: { time, partySize: bare } } : { do: 'booking', dialogue: { ...d, partySize: bare } };
  }
  // "วันไหนว่างบ้างคะ", "what times are free?" (r94: handed to a person and the booking lost): the
  // days the service is open, or the day's times, offered; the booking stays where it was.
  if (!filled && d.serviceKey && FREE_ASKED_AT.includes(d.awaiting!) && asksWhatIsFree(text)) return { do: 'booking', dialogue: d, free: asksWhichDays(text) || !d.date ? 'days' : 'times' };
  const r = await classify();
  const sure = r.confidence >= actThreshold(ctx);
  // Where to or from, in the customer's words (a transfer's destination reads like a booking of
  // it): anything but a detail, a question the FAQ answers, a problem or another service.
  const elsewhere = sure && (r.kind === 'case' || (r.kind === 'question' && r.faqKey) || (r.kind === 'booking' && r.bookingType && r.bookingType !== d.serviceKey));
  // A "yes" or "ok" typed instead is no place: asked again.
  if (d.awaiting === 'destination' && !filled && text.trim() && !elsewhere && !saysConfirm(text)) {
    // A place said plainly is the end still missing, when one was said before.
    const place = withoutPoliteEnding(text);
    const destination = (d.routeEnd ? completeRoute(d.routeEnd, place, ctx.language === 'th') : undefined) ?? place;
    return { do: 'booking', dialogue: { ...d, destination: destination.slice(0, DESTINATION_CHARS) } };
  }
  // The service changes when it was asked for, or when the message says nothing else and surely
  // books another one ("actually, the sushi class").
  if (r.bookingType && (d.awaiting === 'service' || (!filled && sure && r.kind === 'booking'))) {
    if (r.bookingType !== d.serviceKey) Object.assign(d, { serviceKey: r.bookingType, destination: undefined, routeEnd: undefined, sessionId: undefined });
    filled = true;
  }
  // A question beside the detail given ("9am, is there a meeting point near BTS?" while the time was
  // asked, r133: the time taken, the question lost) goes with the request, as one asked with the
  // booking's first message does, and the customer is told so with the next question.
  // Neither is the words that moved the time, here or as a wish below ("ขอเร็วขึ้น 1 ชั่วโมงค่ะ", r159: its "1
  // ชั่วโมง" noted for the team as a length, beside the time it moved).
  const beside = filled && !moved ? questionBeside(text, (c) => extractFields(c, { now: ctx.now, timeZone: ctx.timeZone })) : undefined;
  if (beside) return { do: 'booking', dialogue: { ...d, question: d.question ? `${d.question}\n${beside}` : beside }, noted: true };
  // So does a wish beside it ("2 people, one is vegan", "10 โมง 3 คน มีคนแพ้ถั่วค่ะ", r134: lost), as one in
  // the first message does, said at the summary.
  const wish = filled && !moved ? wishBeside(text, { routeRead: Boolean(route) }) : undefined;
  if (wish && !d.note?.includes(wish)) d.note = d.note ? `${d.note}\n${wish}` : wish;
  if (filled) return { do: 'booking', dialogue: d };
  // "How much is it?" asks the price of what is being booked (the FAQ's entry on the classes' prices
  // answered it in a massage's booking), or of the service it names; an FAQ entry that names that
  // service answers instead (the business's own words win). The booking stays where it was.
  if (asksPrice(text)) {
    const priced = await likely.serviceNamed(text, r.kind === 'question' ? r.faqKey : undefined, d.serviceKey);
    if (priced) return { do: 'service_price', serviceKey: priced };
  }
  // "นวดกี่ชั่วโมงคะ" (how many hours is the massage?) the same way (r158: the summary shown again, an FAQ
  // entry's button beside it).
  if (asksHowLong(text)) {
    const timed = await likely.serviceNamed(text, r.kind === 'question' ? r.faqKey : undefined, d.serviceKey);
    if (timed) return { do: 'service_duration', serviceKey: timed };
  }
  // And "รับกี่คนคะ" (how many does it take?).
  if (asksHowMany(text)) {
    const sized = await likely.serviceNamed(text, r.kind === 'question' ? r.faqKey : undefined, d.serviceKey);
    if (sized) return { do: 'service_capacity', serviceKey: sized };
  }
  // Something else entirely (a problem, a question) is answered; a question leaves the booking where it was.
  if (sure && r.kind === 'case') return caseFromText(r);
  if (sure && r.kind === 'question' && r.faqKey) return { do: 'faq', faqKey: r.faqKey };
  // "Can I bring my 6 year old?" or "can I bring my own oil?" at the summary: whether they may is the
  // business's to say, as for any question the FAQ has no entry for. It goes with the request, the
  // customer told so, and the booking stays where it was (r96: "no answer found", the conversation
  // handed to a person, and the "confirm" after it met silence, the booking lost).
  const noting = { do: 'booking' as const, dialogue: { ...d, question: d.question ? `${d.question}\n${text}` : text }, noted: true as const };
  if ((sure && r.kind === 'question') || asksAboutTakingPart(text)) return noting;
  // A question it is not sure of ("จ่ายเงินยังไงได้บ้างคะ" to an entry written "ชำระเงินได้ช่องทางไหนบ้างคะ")
  // is neither guessed at nor ignored: the entry it is most like is offered with the booking's question.
  if (r.kind === 'question' && r.faqKey) return { do: 'booking', dialogue: d, offerFaq: r.faqKey };
  // One it cannot place ("มีรถรับที่โรงแรมไหมคะ", is there a hotel pickup?, while the time was asked;
  // r74) was ignored and the time asked again: it goes with the request, as one asked with the
  // booking does (item 104), and the customer is told so with the next question.
  if (asksQuestion(text)) return noting;
  // Said at the summary and none of the above ("ไฟลท์ TG 660 นะคะ", r86: the summary was shown again
  // and the flight lost): a note for the team, with the request, and the summary says so.
  if (d.awaiting === 'confirm' && addsANote(text)) return { do: 'booking', dialogue: { ...d, note: d.note ? `${d.note}\n${text}` : text } };
  return { do: 'booking', dialogue: d };
}

/**
 * `say`, with the FAQ entry offered as the first quick reply of the last message: a tap is a pick
 * (decide.ts), answered from the FAQ, and the booking stays where it was.
 */
async function offeringFaq(trx: Knex.Transaction, ctx: CustomerContext, faqKey: string, say: (m: OutboundMessage[]) => Promise<unknown>) {
  const faq = await activeFaqEntry(trx, ctx.orgId, faqKey);
  const label = faq?.question?.[ctx.language] || faq?.question?.[ctx.language === 'th' ? 'en' : 'th'];
  if (!label) return say;
  const offer: Action = { type: 'postback', label, data: replyData(PICK_REPLY, `question:${faqKey}`), displayText: label };
  // LINE shows 13 quick replies at most: the offer first, "cancel" kept last.
  const withOffer = (replies: Action[] = []) => [offer, ...(replies.length < 13 ? replies : [...replies.slice(0, 11), replies[replies.length - 1]])];
  return (messages: OutboundMessage[]) => say(messages.map((m, i) => (i === messages.length - 1 && m.kind === 'text' ? { ...m, quickReplies: withOffer(m.quickReplies) } : m)));
}

/** Where a question of which days or times are free is the dialogue's to answer (not while a place or the service is asked). */
const FREE_ASKED_AT: readonly BookingDialogue['awaiting'][] = ['date', 'time', 'party_size', 'confirm'];

/** "4 then, we will take a taxi for the rest": a number first, not an hour, a price or a share. */
const LEADING_NUMBER = /^\s*(\d{1,2})(?![\d:.])(?!\s*(?:โมง|นาฬิกา|ทุ่ม|น\.|am\b|pm\b|a\.m|p\.m|o'?clock|บาท|baht|thb|฿|%|นาที|min|ชั่วโมง|hours?\b|วัน|days?\b|คืน|nights?\b))/i;
/**
 * Only a number, perhaps after "make it" or "เปลี่ยนเป็น": "actually make it 11", "no, 3", "ขอเป็น 4 ค่ะ", "10
 * then", "ok 2 then", "just 1" (r115: "how many people?" asked again and again); "can we do 11?", "how
 * about 3?" (r169: taken for a question for the team, the summary unchanged).
 */
const BARE_NUMBER = new RegExp(
  `^\\s*(?:(?:no|nope|actually|sorry|oh|wait|hmm+|um+|ah|ok|okay|fine|alright|just|only)[\\s,.!]+)*` +
    `(?:(?:(?:can|could) (?:you|we) |please )?(?:make it|change (?:it |that )?to|switch (?:it )?to|move (?:it )?to)|(?:can|could) (?:we|i|you) (?:do|have|go for)|how about|what about|(?:ขอ)?(?:เปลี่ยน|แก้)เป็น|ขอเป็น|เอาเป็น)?` +
    `\\s*(\\d{1,2})\\s*(?:then|please|pls|thanks|ค่ะ|คะ|ครับ|คับ|นะคะ|นะครับ|จ้า|ก็ได้|ได้ไหม|ได้มั้ย)*[\\s.!?]*$`,
  'iu',
);

/** Where a "no" goes on to say what the customer wants instead: "... make it the cooking class", "... จะจองนวด". */
const INSTEAD = /(?:จะจอง|ขอจอง|อยากจอง|อยากได้|เปลี่ยนเป็น|เอาเป็น|ขอเป็น|\bmake it\b|\binstead\b|\brather\b|\bswitch to\b|\bchange (?:it )?to\b|\bi(?:'d| would)? (?:like|want)\b)/giu;

/**
 * The service a "no" asks for instead of the one being booked: what the words after it book, unless
 * another service is as likely ("จะจองนวด" is two words, which the classifier never calls sure; the
 * customer sees the summary before anything is booked). None when the "no" says nothing more ("no
 * thanks", "ยกเลิกค่ะ").
 */
async function anotherServiceAsked(text: string, d: BookingDialogue, classify: (text?: string) => Promise<Classification>): Promise<string | undefined> {
  const last = [...text.matchAll(INSTEAD)].at(-1);
  // "ไม่ได้จะจองค่ะ": nothing named after it but politeness.
  const named = text.slice((last?.index ?? 0) + (last?.[0].length ?? 0)).replace(/ค่ะ|คะ|ครับ|คับ|จ้า|ค่า|นะ|\bplease\b|\bpls\b/giu, '');
  if (last?.index === undefined || !/\p{L}/u.test(named)) return undefined;
  const r = await classify(text.slice(last.index));
  return r.kind === 'booking' && r.bookingType && r.bookingType !== d.serviceKey && r.alternative?.kind !== 'booking' ? r.bookingType : undefined;
}

/** "สุวรรณภูมิไปโรงแรมแถวสีลมค่ะ" is kept, and shown, as "สุวรรณภูมิไปโรงแรมแถวสีลม". */
const withoutPoliteEnding = (text: string) => text.trim().replace(/\s*(?:นะ)?(?:ค่ะ|คะ|ครับ|คับ|จ้า|ค่า)?[\s.!]*$/u, '') || text.trim();

/** A destination longer than this is cut: an address fits, a pasted letter does not. */
const DESTINATION_CHARS = 200;


/** Where the booking form is, for the links the bot sends: LIFF_ID_* and the api's public address. */
export interface BookingFormLinks {
  publicBaseUrl: () => string;
  liffIds?: Record<string, string>;
}

/**
 * The booking form's link for a LINE customer of this org: the LIFF app (LINE opens it signed in,
 * the booking tied to them) for the default org, whose Official Account the LIFF app serves; the
 * org's website form (`?org=`) for another org. WhatsApp customers get none: the form could not
 * tie the booking to their chat.
 */
export async function bookingFormLink(trx: Knex.Transaction, ctx: Pick<CustomerContext, 'orgId' | 'source'>, links: BookingFormLinks): Promise<string | undefined> {
  if (ctx.source !== 'line') return undefined;
  const org = await getOrg(trx, ctx.orgId);
  return org.isDefault ? customerPageLink('book', { pagesBaseUrl: links.publicBaseUrl(), liffIds: links.liffIds ?? {} }) : `${links.publicBaseUrl()}/liff/book?org=${encodeURIComponent(org.slug)}`;
}

export async function bookingStep(
  trx: Knex.Transaction,
  ctx: CustomerContext,
  decision: Extract<Decision, { do: 'booking' }>,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
  say: (m: OutboundMessage[]) => Promise<unknown>,
  setDialogue: (d: Dialogue | null) => Promise<unknown>,
  links?: BookingFormLinks,
): Promise<void> {
  const d = decision.dialogue;
  if (decision.offerFaq) say = await offeringFaq(trx, ctx, decision.offerFaq, say);
  const service = d.serviceKey ? await activeService(trx, ctx.orgId, d.serviceKey) : undefined;
  if (d.serviceKey && !service) d.serviceKey = undefined;
  // A bare number more than the service takes is not its people but the time ("can we do 11?" for a
  // private lesson of at most 2, r169: asked "11:00 or 11 guests?").
  if (decision.which && service?.capacity && decision.which.partySize > service.capacity) {
    Object.assign(d, { time: decision.which.time, sessionId: undefined });
    decision = { ...decision, which: undefined };
  }
  // The service's own details are asked too: what its booking form requires beyond date, time and
  // people, and a session for a service booked by its sessions (its date and time come with it).
  const needs: ('destination' | 'session')[] = (service?.formFields ?? []).filter((f) => f.required && f.field === 'destination').map(() => 'destination' as const);
  if (service && (await bookedBySession(trx, ctx.orgId, service.key, ctx.now))) needs.push('session');
  d.needs = needs.length ? needs : undefined;
  // And only what its form asks of date, time and people (core/bookings/service-hours.ts
  // `formFieldsOf`): a multi-day tour is asked no time, a package no day.
  const asked = service ? formFieldsOf({ form_fields: service.formFields, duration_minutes: service.durationMinutes, capacity: service.capacity }).map((f) => f.field) : undefined;
  const skips = asked ? (['date', 'time', 'party_size'] as const).filter((slot) => !asked.includes(FORM_FIELD[slot])) : [];
  d.skips = skips.length && !d.needs?.includes('session') ? [...skips] : undefined;
  // A detail the service does not take, given in this message ("8am" for a two-day tour, r125: the
  // summary came back the same and the start time was lost): the customer's words go to the team as
  // a note, and the slot stays empty.
  if (d.skips?.some((slot) => d[SLOT_FIELD[slot]] !== undefined) && givesSkippedSlot(ctx, d.skips) && !d.note?.includes(ctx.text)) {
    d.note = d.note ? `${d.note}\n${ctx.text}` : ctx.text;
  }
  for (const slot of d.skips ?? []) d[SLOT_FIELD[slot]] = undefined;
  if (!d.needs?.includes('destination')) [d.destination, d.routeEnd] = [undefined, undefined];
  if (!d.needs?.includes('session')) d.sessionId = undefined;
  if (d.sessionId) {
    const at = await sessionMoment(trx, ctx.orgId, d.sessionId);
    if (at) Object.assign(d, at);
    else d.sessionId = undefined;
  }
  const serviceName = service ? service.name[ctx.language] : '';
  // Dates as people write them ("พ. 25 พ.ย. 2569"), the destination beside the service it is for.
  const vars = {
    service: d.destination ? `${serviceName} (${d.destination})` : serviceName,
    date: d.date ? formatBookingDate(d.date, ctx.language) : undefined,
    time: d.time,
    party_size: d.partySize,
  };

  // The question asked with the booking is said to go with it, in the summary and the request (a
  // long one cut short there; the booking keeps it whole): before their last line, which asks the
  // customer to confirm or says what happens next, so that the question to answer stays last.
  // So is a note for the team said at the summary.
  let noted = await questionNoted(d, t);
  const withQuestion = (text: string) => {
    const lines = text.split('\n');
    return !noted ? text : lines.length > 1 ? [...lines.slice(0, -1), noted, lines[lines.length - 1]].join('\n') : `${text}\n${noted}`;
  };

  // Told why, then asked again: a slot taken meanwhile, or a detail the service does not take.
  const askAgain = async ({ slot, why, more }: Refusal) => {
    Object.assign(d, { [SLOT_FIELD[slot]]: undefined, awaiting: slot });
    await setDialogue(d);
    const ask = await askFor(trx, ctx, slot, vars, t, d);
    const told = await t(why, { ...vars, ...more });
    await say([ask.kind === 'text' && told ? { ...ask, text: `${told}\n${ask.text}` } : ask]);
  };
  // What the booking form refuses, the chat does not book: a moment already gone ("วันนี้ 10 โมง"
  // typed at nine in the evening), a day the service is closed, a time outside its hours, more
  // people than it takes. The detail at fault is asked again, with why.
  const refused = d.sessionId || !d.serviceKey ? undefined : await refusedDetail(trx, ctx, d);
  if (refused) return askAgain(refused);

  if (decision.submit && !missingSlot(d)) {
    // In a savepoint: a session that filled up meanwhile refuses the booking, and the customer is
    // told and asked to pick another, in the same answer.
    const booked = await trx.transaction((sp) =>
      requestBooking(sp, {
      orgId: ctx.orgId,
      contactId: ctx.contactId,
      conversationId: ctx.conversationId,
      serviceKey: d.serviceKey!,
      date: d.date ?? null,
      time: d.time ?? null,
      partySize: d.partySize ?? null,
      language: ctx.language,
      source: ctx.source,
      // The question asked with it and the notes said at the summary are the booking's notes, as a
      // form's "anything else?" is: the desk, the API and the staff group's card show them.
      details: { ...(d.destination ? { destination: d.destination } : {}), ...(d.question || d.note ? { notes: [d.question, d.note].filter(Boolean).join('\n') } : {}) },
      sessionId: d.sessionId,
      }),
    ).catch((err: unknown) => {
      if (d.sessionId && err instanceof DomainError && (err.code === 'session_full' || err.code === 'validation_failed')) return err;
      // A slot taken meanwhile, or a typed time that is not one of the day's slots.
      if (!d.sessionId && err instanceof DomainError && (err.code === 'slot_full' || (err.code === 'validation_failed' && JSON.stringify(err.details).includes('"time"')))) return { slotRefused: err };
      throw err;
    });
    if ('slotRefused' in booked) return askAgain({ slot: 'time', why: 'slot_full' });
    if (booked instanceof DomainError) {
      const told = (booked.details as { customerMessage?: Record<string, string | null> } | undefined)?.customerMessage?.[ctx.language];
      // A full session (not a gone one) can be waited for: "join the waitlist" comes first.
      const wait = booked.code === 'session_full' && d.sessionId ? [await joinReply(trx, ctx.orgId, ctx.language, d.sessionId, d.partySize ?? 1)] : [];
      Object.assign(d, { sessionId: undefined, awaiting: 'session' as const });
      await setDialogue(d);
      const ask = await askFor(trx, ctx, 'session', vars, t, d);
      const answer = told && ask.kind === 'text' ? { ...ask, text: `${told}\n${ask.text}` } : ask;
      // LINE shows 13 quick replies: the waitlist, the sessions that fit, then "cancel".
      const replies = answer.kind === 'text' ? (answer.quickReplies ?? []) : [];
      const withWait = [...wait, ...replies.slice(0, -1).slice(0, 13 - wait.length - 1), ...replies.slice(-1)];
      await say([answer.kind === 'text' && wait.length ? { ...answer, quickReplies: withWait } : answer]);
      return;
    }
    const received: OutboundMessage = { kind: 'text', text: withQuestion(await t('booking_received', { ...vars, booking_id: booked.number })) };
    // The next service asked for in the same message: its booking starts, with the day, time and people
    // said with it, or the same day and people (its own time asked, or the day again should it not open
    // then), in the same answer.
    const [next, ...rest] = d.then ?? [];
    if (next) {
      // Its own day, time and people where the message said them (r148), else the first's day and people.
      const own = d.thenSaid?.[next];
      const following: BookingDialogue = { kind: 'booking', serviceKey: next, date: own?.date ?? d.date, time: own?.time, partySize: own?.partySize ?? d.partySize, ...(rest.length ? { then: rest, ...(d.thenSaid ? { thenSaid: d.thenSaid } : {}) } : {}), expiresAt: dialogueExpiry('booking', ctx.now) };
      const name = (await activeService(trx, ctx.orgId, next))?.name[ctx.language];
      const lead = name ? await t('booking_next_service', { service: name }) : '';
      const introduced = (m: OutboundMessage[]) => (lead && m[0]?.kind === 'text' ? [{ ...m[0], text: `${lead}\n${m[0].text}` }, ...m.slice(1)] : m);
      return bookingStep(trx, { ...ctx, dialogue: following }, { do: 'booking', dialogue: following }, t, (m) => say([received, ...introduced(m)]), setDialogue, links);
    }
    await setDialogue(null);
    await say([received]);
    return;
  }

  const slot = missingSlot(d);
  d.awaiting = slot ?? 'confirm';
  if (decision.free && d.serviceKey) {
    // A service booked by its sessions: they are what is free (its question lists those with room).
    const choices = d.needs?.includes('session') ? await askFor(trx, ctx, 'session', vars, t, d) : (await knowsWhatIsFree(trx, ctx.orgId, d.serviceKey)) ? await freeChoices(trx, ctx, decision.free, vars, t, d) : undefined;
    if (choices) {
      await setDialogue(d);
      await say([choices]);
      return;
    }
    // Nothing known of its days and hours: the question goes with the request, as any the bot cannot
    // answer in a booking (act.ts hands a first message's to a person instead).
    d.question = d.question ? `${d.question}\n${ctx.text}` : ctx.text;
    decision = { ...decision, noted: true };
    noted = await questionNoted(d, t);
  }
  await setDialogue(d);
  if (decision.which) {
    const { time, partySize } = decision.which;
    // One after the other: a cold template cache reads on `trx`, one connection (docs/testing.md, "One query at a time").
    const asTime = await t('label_which_time', { time });
    const asParty = await t('label_which_party', { party_size: partySize });
    const cancel = await t('label_cancel');
    await say([
      {
        kind: 'text',
        text: await t('booking_number_which', { ...vars, time, party_size: partySize }),
        quickReplies: [
          { type: 'postback', label: asTime, data: replyData('time', time), displayText: asTime },
          { type: 'postback', label: asParty, data: replyData('party', String(partySize)), displayText: asParty },
          { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel },
        ],
      },
    ]);
    return;
  }
  if (!slot) {
    const confirm = await t('label_confirm');
    const cancel = await t('label_cancel');
    await say([
      {
        kind: 'text',
        text: withQuestion(await t('booking_summary_confirm', vars)),
        quickReplies: [
          { type: 'postback', label: confirm, data: replyData('confirm'), displayText: confirm },
          { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel },
        ],
      },
    ]);
    return;
  }
  const ask = await askFor(trx, ctx, slot, vars, t, d);
  // Asked which service: the booking form, which lists them all with what each needs, is offered too.
  const url = slot === 'service' && links ? await bookingFormLink(trx, ctx, links) : undefined;
  const offer = url ? await t('booking_form_offer', { booking_form_url: url }) : '';
  // A question noted now: said before the question that follows, which stays last.
  const before = decision.noted && noted ? `${noted}\n` : '';
  await say([ask.kind === 'text' && (offer || before) ? { ...ask, text: `${before}${ask.text}${offer ? `\n${offer}` : ''}` } : ask]);
}


/** A day on a button: "จ. 30 พ.ย.", "Mon 30 Nov" (the year and a long weekday would not fit 20 characters with a time). */
function dayLabel(date: string, language: 'th' | 'en'): string {
  const parts = new Intl.DateTimeFormat(language === 'th' ? 'th-TH' : 'en-GB', { timeZone: 'UTC', weekday: language === 'th' ? 'narrow' : 'short', day: 'numeric', month: 'short' }).formatToParts(new Date(`${date}T00:00:00Z`));
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')}${language === 'th' ? '.' : ''} ${part('day')} ${part('month')}`;
}

/** A session on a button: "จ. 30 พ.ย. 10:00", "Mon 30 Nov 10:00". */
const sessionLabel = (date: string, time: string, language: 'th' | 'en') => `${dayLabel(date, language)} ${time}`;

/** Days offered to a customer who asks which are free: a week's worth, with the date picker and "cancel" after them. */
const FREE_DAYS_OFFERED = 7;

/**
 * The answer to "which days are free?" or "what times are free?" in a booking: the next days the
 * service is open, or the times the time question would offer on the day, said to be what is free
 * (an org without these texts is asked the day's or the time's question, with the same buttons).
 */
async function freeChoices(
  trx: Knex.Transaction,
  ctx: CustomerContext,
  free: 'days' | 'times',
  vars: TemplateVars,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
  d: BookingDialogue,
): Promise<OutboundMessage> {
  if (free === 'times') {
    const ask = await askFor(trx, ctx, 'time', vars, t, d);
    if (ask.kind !== 'text') return ask;
    const offersTimes = (ask.quickReplies ?? []).some((q) => q.type === 'postback' && readReplyData(q.data)?.act === 'time');
    const said = offersTimes ? await t('booking_free_times', vars) : '';
    // Its first line asks the time; the lines after it (how few are left) stay.
    return said ? { ...ask, text: [said, ...ask.text.split('\n').slice(1)].join('\n') } : ask;
  }
  const now = localMoment(ctx.timeZone, ctx.now);
  const days = await openDaysFrom(trx, { orgId: ctx.orgId, serviceKey: d.serviceKey!, today: now.date, time: now.time, count: FREE_DAYS_OFFERED });
  const cancel = await t('label_cancel');
  const buttons = days.map((date): Action => {
    const label = dayLabel(date, ctx.language);
    return { type: 'postback', label, data: replyData('date', date), displayText: label };
  });
  const said = days.length ? await t('booking_free_days', vars) : '';
  return {
    kind: 'text',
    text: said || (await t('booking_ask_date', vars)),
    quickReplies: [...buttons, await pickDate(ctx, t), { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel }],
  };
}

/** The lines under a booking's question or summary that say what goes to the team with the request: its question, its notes. */
async function questionNoted(d: BookingDialogue, t: (key: string, vars?: TemplateVars) => Promise<string>): Promise<string> {
  const quote = (said: string) => (said.length > QUOTED_AT_MOST ? `${said.slice(0, QUOTED_AT_MOST - 1)}…` : said);
  return [d.question ? await t('booking_question_noted', { question: quote(d.question) }) : '', d.note ? await t('booking_note_noted', { note: quote(d.note) }) : ''].filter(Boolean).join('\n');
}

/**
 * Whether the bot can say which days or times of a service are free: those of a service booked in
 * slots, or its hours (its own, or the business's). Neither, it takes bookings at any time and only
 * a person can say when it runs.
 */
export async function knowsWhatIsFree(trx: Knex.Transaction, orgId: string, serviceKey: string): Promise<boolean> {
  return (await bookedInSlots(trx, orgId, serviceKey)) || (await hoursKnown(trx, { orgId, serviceKey }));
}

/** The characters of a question asked with a booking that its note under the summary quotes. */
const QUOTED_AT_MOST = 120;

/** Sessions offered at once as quick replies (LINE shows 13: these, then "cancel"). */
const SESSIONS_OFFERED = 12;

/** LINE's date picker, from today on. */
async function pickDate(ctx: Pick<CustomerContext, 'timeZone' | 'now'>, t: (key: string) => Promise<string>): Promise<Action> {
  const today = todayIn(ctx.timeZone, ctx.now);
  return { type: 'datetime', label: await t('label_pick_date'), data: replyData('date'), mode: 'date', initial: today, min: today };
}

/** A detail of the booking the customer is asked for again, the text that says why, and its words. */
interface Refusal {
  slot: 'date' | 'time' | 'party_size';
  why: string;
  more?: TemplateVars;
}
const SLOT_FIELD = { date: 'date', time: 'time', party_size: 'partySize' } as const;

/** Whether the customer's own words in this message (not a tap) give one of the slots the service skips. */
function givesSkippedSlot(ctx: CustomerContext, skips: NonNullable<BookingDialogue['skips']>): boolean {
  if (ctx.reply || !ctx.text) return false;
  const fields = extractFields(ctx.text, { now: ctx.now, timeZone: ctx.timeZone });
  return skips.some((slot) => fields[SLOT_FIELD[slot]] !== undefined);
}
/** The booking form's name of each of them. */
const FORM_FIELD = { date: 'start_date', time: 'time', party_size: 'travelers' } as const;

/**
 * The first detail the service's booking form would refuse (core/bookings/service-hours.ts, the
 * same rule), or a day already gone (the form's own date check): the day, then the time, then the
 * number of people. The form's required fields are the chat's own questions, not refusals.
 */
async function refusedDetail(trx: Knex.Transaction, ctx: CustomerContext, d: BookingDialogue): Promise<Refusal | undefined> {
  if (d.date && d.date < todayIn(ctx.timeZone, ctx.now)) return { slot: 'date', why: 'booking_date_past' };
  const problems = await serviceFormProblems(trx, { orgId: ctx.orgId, form: { service: d.serviceKey, start_date: d.date, time: d.time, travelers: d.partySize }, now: ctx.now });
  const of = (reason: ServiceFormProblem['reason']) => problems.find((p) => p.reason === reason);
  const closed = of('closed');
  if (closed) return { slot: 'date', why: 'booking_closed_day' };
  const outside = of('outside_hours');
  if (outside) return { slot: 'time', why: 'booking_outside_hours', more: { hours: outside.open?.replace(/-/g, '–') } };
  if (of('past')) return { slot: 'time', why: 'booking_time_past' };
  const over = of('over_capacity');
  if (over) return { slot: 'party_size', why: 'booking_over_capacity', more: { capacity: over.capacity } };
  return undefined;
}

async function askFor(
  trx: Knex.Transaction,
  ctx: CustomerContext,
  slot: BookingSlot,
  vars: TemplateVars,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
  d: BookingDialogue,
): Promise<OutboundMessage> {
  const cancel = await t('label_cancel');
  const cancelAction: Action = { type: 'postback', label: cancel, data: replyData('cancel'), displayText: cancel };
  switch (slot) {
    case 'session': {
      // Only sessions with room, the day the customer named first; how many seats are left when few are.
      const { items } = await availabilityOf(trx, ctx.orgId, d.serviceKey!, {}, ctx.now);
      const offered = [...items.filter((i) => i.date === d.date), ...items.filter((i) => i.date !== d.date)].slice(0, SESSIONS_OFFERED);
      if (offered.length === 0) return { kind: 'text', text: (await t('booking_no_session', vars)) || (await t('booking_ask_date', vars)), quickReplies: [cancelAction] };
      // A button holds 20 characters: the day and time; the seats left, when few, are said in the text.
      const actions = offered.map((i): Action => {
        const when = sessionLabel(i.date, i.time, ctx.language);
        return { type: 'postback', label: when, data: replyData('session', i.sessionId), displayText: when };
      });
      const few: string[] = [];
      for (const i of offered.filter((o) => o.fewLeft)) few.push(`• ${sessionLabel(i.date, i.time, ctx.language)}: ${await t('label_seats_left', { seats_left: i.seatsLeft })}`);
      const ask = (await t('booking_ask_session', vars)) || (await t('booking_ask_date', vars));
      return { kind: 'text', text: [ask, ...few].join('\n'), quickReplies: [...actions, cancelAction] };
    }
    case 'service': {
      const services = (await listServices(trx, ctx.orgId)).slice(0, 12);
      return {
        kind: 'text',
        text: await t('booking_ask_service', vars),
        quickReplies: [
          ...services.map((s): Action => {
            const label = s.name[ctx.language];
            return { type: 'postback', label, data: replyData('service', s.key), displayText: label };
          }),
          cancelAction,
        ],
      };
    }
    case 'date':
      return { kind: 'text', text: await t('booking_ask_date', vars), quickReplies: [await pickDate(ctx, t), cancelAction] };
    case 'time': {
      if (d.serviceKey && d.date && (await bookedInSlots(trx, ctx.orgId, d.serviceKey))) return askSlot(trx, ctx, vars, t, d, cancelAction);
      // Today's times still ahead; none left today, another day can be picked.
      // Those that suit the service on the day (its hours, its length), then today's still ahead.
      const now = localMoment(ctx.timeZone, ctx.now);
      // "Morning please" (r47): starts in that part of the day first, then the usual ones should
      // none of those suit the service (an evening asked of a class that ends at six).
      const part = partOfDay(ctx.text);
      const usual = [...new Set([...(part ? STARTS[part] : []), ...STARTS.any])];
      const suiting = d.serviceKey && d.date ? await startTimesOn(trx, { orgId: ctx.orgId, serviceKey: d.serviceKey, date: d.date, times: usual }) : usual;
      const times = suiting.filter((v) => d.date !== now.date || v > now.time).slice(0, STARTS.any.length);
      return {
        kind: 'text',
        text: await t('booking_ask_time', vars),
        quickReplies: [
          ...(times.length ? times.map((v): Action => ({ type: 'postback', label: v, data: replyData('time', v), displayText: v })) : [await pickDate(ctx, t)]),
          cancelAction,
        ],
      };
    }
    case 'destination': {
      // One end said already ("to Don Mueang"): the other is asked for, naming the one heard (an org
      // without these texts asks for both, as before).
      const end = d.routeEnd;
      const other = end ? await t('to' in end ? 'booking_ask_pickup' : 'booking_ask_dropoff', { ...vars, place: 'to' in end ? end.to : end.from }) : '';
      return { kind: 'text', text: other || (await t('booking_ask_destination', vars)), quickReplies: [cancelAction] };
    }
    case 'party_size':
      return {
        kind: 'text',
        text: await t('booking_ask_party_size', vars),
        quickReplies: [
          ...[1, 2, 3, 4, 5, 6].map((n): Action => ({ type: 'postback', label: String(n), data: replyData('party', String(n)), displayText: String(n) })),
          cancelAction,
        ],
      };
  }
}

/**
 * A service booked in slots (three therapists), its date known: the day's starts with a resource
 * free for the party, as buttons ("10:00–11:30"); how many are free, when few, in the question.
 * A day with none asks for another date (the date picker).
 */
async function askSlot(
  trx: Knex.Transaction,
  ctx: CustomerContext,
  vars: TemplateVars,
  t: (key: string, vars?: TemplateVars) => Promise<string>,
  d: BookingDialogue,
  cancelAction: Action,
): Promise<OutboundMessage> {
  const day = await slotsOn(trx, ctx.orgId, d.serviceKey!, { date: d.date }, ctx.now);
  const open = day.items.filter((i) => i.free >= (d.partySize ?? 1)).slice(0, SESSIONS_OFFERED);
  if (!open.length) return { kind: 'text', text: await t('booking_no_slot', vars), quickReplies: [await pickDate(ctx, t), cancelAction] };
  const actions = open.map((i): Action => {
    const label = `${i.time}–${i.endTime}`;
    return { type: 'postback', label, data: replyData('time', i.time), displayText: label };
  });
  // "Few" as the sessions say it: three or fewer free, and fewer than all of them.
  // One after the other, as every render here: a cold template cache reads on `trx`, one connection.
  const few: string[] = [];
  for (const i of open.filter((o) => o.free <= FEW_LEFT && o.free < day.resources)) few.push(`• ${i.time}: ${await t('label_seats_left', { seats_left: i.free })}`);
  return { kind: 'text', text: [await t('booking_ask_time', vars), ...few].join('\n'), quickReplies: [...actions, cancelAction] };
}

/** The starts the time question offers, by the part of the day the customer named; then those the service takes (`startTimesOn`). */
const STARTS: Record<'any' | 'morning' | 'afternoon' | 'evening', readonly string[]> = {
  any: ['10:00', '13:00', '15:00', '18:00'],
  morning: ['08:00', '09:00', '10:00', '11:00'],
  afternoon: ['13:00', '14:00', '15:00', '16:00'],
  evening: ['17:00', '18:00', '19:00', '20:00'],
};

/** At most this many free is "few": said beside the time. */
const FEW_LEFT = 3;
