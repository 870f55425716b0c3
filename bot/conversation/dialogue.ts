/**
 * The open dialogue of a conversation (stored in `conversations.dialogue`): what the bot is
 * waiting for from the customer. Every dialogue expires; an expired one is as good as none, so a
 * customer who walked away starts afresh.
 */
import type { SatisfactionDialogue } from '../../core/cases/case-satisfaction.ts';
import type { RouteEnd } from '../../core/understanding/extract-fields.ts';

/**
 * The details a booking in chat asks for, in this order; `destination` only for a service whose
 * form asks it (a transfer); `session` instead of the date and time for a service with sessions
 * (a class, a departure: core/bookings/service-sessions.ts).
 */
export type BookingSlot = 'service' | 'session' | 'date' | 'time' | 'destination' | 'party_size';

export type Dialogue =
  /**
   * The bot asked back; `options`: the two readings it offered ("did you mean ...?"), in order;
   * `askedWhich`: asked again after a bare "yes" or a detail; `details`: a day, a time or people
   * typed instead of a tap ("not Saturday, Sunday"), for the booking then picked.
   */
  | { kind: 'clarify'; text: string; messageId: string; expiresAt: string; options?: { kind: 'booking' | 'case' | 'question'; key: string }[]; askedWhich?: true; details?: string }
  | { kind: 'pick_case_type'; text: string; messageId: string; expiresAt: string; askedWhich?: true }
  /** The customer said they have a problem and nothing more: the bot asked what happened. */
  | { kind: 'describe_problem'; expiresAt: string }
  /** The customer said they have a question and nothing more: the bot asked what it is. */
  | { kind: 'describe_question'; expiresAt: string }
  /** A problem of a type that needs its order id: the bot asked for it (`tries`: answers without one so far). */
  | { kind: 'order_id'; caseType: string; text: string; messageId: string; tries: number; expiresAt: string }
  | {
      kind: 'booking';
      serviceKey?: string;
      date?: string;
      time?: string;
      partySize?: number;
      /** Where to or from (a transfer), in the customer's words. */
      destination?: string;
      /** One end of a transfer said without the other ("to Don Mueang"): the answer to where is the other, and the two make the destination. */
      routeEnd?: RouteEnd;
      /** A question asked with the booking ("do you have vegetarian options?"): it goes with the request, for the team to answer. */
      question?: string;
      /** Something for the team said at the summary ("our flight is TG 660"): it goes with the request. */
      note?: string;
      /**
       * Services asked for with this one in the same message ("a massage and the city tour, both for
       * tomorrow"): booked next, one after the other, with the same day and people.
       */
      then?: string[];
      /** The day, time and people said with a service of `then`, where the message gave it its own (r148). */
      thenSaid?: Record<string, { date?: string; time?: string; partySize?: number }>;
      /** The session picked, for a service with sessions: it fixes the date and the time. */
      sessionId?: string;
      /** The service's own details beyond date, time and people (its booking form's fields, its sessions), set when the service is known. */
      needs?: ('destination' | 'session')[];
      /** Of date, time and people, what the service's booking form does not ask (a multi-day tour's time, a package's day): not asked in chat either. */
      skips?: ('date' | 'time' | 'party_size')[];
      awaiting?: BookingSlot | 'confirm';
      expiresAt: string;
    }
  /**
   * The bot told the price of a service and offered its booking, or the customer cancelled its
   * booking before sending it: "then book it for tomorrow at 5", "sorry, book it after all" books
   * that service, with what the price's question or the cancelled booking gave ("how much for 4 people?").
   */
  | { kind: 'priced'; serviceKey: string; date?: string; time?: string; partySize?: number; expiresAt: string }
  /** A person has the conversation: the bot stores what the customer says and stays quiet. */
  | { kind: 'handoff'; expiresAt: string }
  /** The satisfaction question of a resolved case (core/cases/case-satisfaction.ts): a score, then a comment. */
  | SatisfactionDialogue;

export type BookingDialogue = Extract<Dialogue, { kind: 'booking' }>;

export const DIALOGUE_MINUTES: Record<Dialogue['kind'], number> = {
  clarify: 30,
  pick_case_type: 30,
  describe_problem: 30,
  describe_question: 30,
  order_id: 30,
  booking: 60,
  priced: 30,
  handoff: 4 * 60,
  // The comment after a score; the score itself is awaited for a day (set with the question).
  satisfaction: 30,
};

export function dialogueExpiry(kind: Dialogue['kind'], now: Date): string {
  return new Date(now.getTime() + DIALOGUE_MINUTES[kind] * 60_000).toISOString();
}

export function liveDialogue(stored: unknown, now: Date): Dialogue | undefined {
  if (!stored || typeof stored !== 'object') return undefined;
  const d = stored as Dialogue;
  return Date.parse(d.expiresAt) > now.getTime() ? d : undefined;
}

export function missingSlot(d: Extract<Dialogue, { kind: 'booking' }>): BookingSlot | undefined {
  if (!d.serviceKey) return 'service';
  if (d.needs?.includes('session') && !d.sessionId) return 'session';
  if (!d.date && !d.skips?.includes('date')) return 'date';
  if (!d.time && !d.skips?.includes('time')) return 'time';
  if (d.needs?.includes('destination') && !d.destination) return 'destination';
  if (!d.partySize && !d.skips?.includes('party_size')) return 'party_size';
  return undefined;
}

/**
 * Quick-reply data the bot gives customers: `act=<what>&v=<value>`. Customers can only ask for
 * what they could also type, so it needs no signature (staff actions are signed; see the staff issue).
 */
export function replyData(act: string, value?: string): string {
  const p = new URLSearchParams({ act });
  if (value !== undefined) p.set('v', value);
  return p.toString();
}

export function readReplyData(data: string): { act: string; value?: string } | undefined {
  const p = new URLSearchParams(data);
  const act = p.get('act');
  return act ? { act, value: p.get('v') ?? undefined } : undefined;
}

/** "Yes" to the summary: the words, a thumbs-up, or a Thai polite particle alone ("ค่ะ" is a yes). */
const CONFIRM = /^(ยืนยัน|ใช่|ได้|โอเค|ตกลง|ok|okay|yes|yep|yup|yeah|confirm|confirmed|sure|correct|perfect|(?:sounds|looks|that'?s|all) (?:good|great|fine|right|correct)|great|go ahead|book it)\b|^(ยืนยัน|ใช่|ได้|โอเค|ตกลง|ถูกต้อง|👍|👌)|^(ค่ะ|ค่า|คะ|ครับ|คับ|จ้า)[\s!.]*$/i;
/** "cancel", "no", "ไม่เอา", and with a please first or an object after ("please cancel", "cancel it please", "ขอยกเลิกค่ะ"; r91: "please cancel" at a summary was kept as a note). */
const CANCEL = /^(ยกเลิก|ไม่|ไม่เอา|cancel|no|nope|stop)\b|^(ยกเลิก|ไม่เอา)|^(?:please|pls|plz|ok(?:ay)?|sorry)[\s,!.]*cancel\b|^cancel (?:it|this|that|the booking|the request|please|pls)\b|^(?:ขอ|รบกวน)ยกเลิก/i;
const HUMAN = new RegExp(
  // "ขอคุยกับผู้จัดการ" (r122: a case opened, nobody called), as "talk to the manager" was.
  String.raw`(คุยกับ(เจ้าหน้าที่|พนักงาน|คน|แอดมิน|คอนเซียร์จ|ผู้จัดการ|หัวหน้า|เจ้าของร้าน)|ขอสาย|ติดต่อ(เจ้าหน้าที่|พนักงาน|แอดมิน)|มี(คน|ใคร|เจ้าหน้าที่|แอดมิน|พนักงาน)อยู่(ไหม|มั้ย|มั๊ย|บ้างไหม)|^\s*(แอดมิน|เจ้าหน้าที่)\s*(ค่ะ|คะ|ครับ|ค่า|จ้า|หน่อย|ด้วย)*[\s!?.]*$|(talk|speak|chat) (to|with) (a |an |the |my |your )?(person|human|agent|someone|somebody|staff|admin|manager|concierge|representative)|real (person|human)|human agent|\bagent please\b|\b(a )?human,? please\b|^\s*(an? )?(admin|human|agent|operator|staff|manager)( please| pls| plz)?[\s!?.]*$|\bis (anyone|anybody|someone|somebody) (there|here)\b` +
    // A call asked for ("please call me at 081-234-5678", "รบกวนโทรกลับหน่อยค่ะ"): only a person can make it.
    // Not "call me an uber", "call me a different name".
    String.raw`|\b(call|ring) me(?! (an?|what|by|the)\b)( back)?\b|\bgive me a (call|ring)\b|\bcall ?back\b|โทรกลับ|(ขอ|ช่วย|รบกวน)(ให้)?(เจ้าหน้าที่)?โทรหา)`,
  'i',
);

/** A cancel anywhere in the message ("ok cancel", "I think we should cancel"): never a yes, nor a note for the team. */
export const mentionsCancel = (text: string) => /\bcancel|ยกเลิก/i.test(text);
/** Not with a cancel in it: "ok cancel" at a summary sent the booking (r91). */
export const saysConfirm = (text: string) => CONFIRM.test(text.trim()) && !mentionsCancel(text);

/** "1", "the second", "ข้อแรก", "อันที่ 2": which of the offered choices, typed. */
const FIRST = /^(1|#1|no\.? ?1|(the )?first( one)?|ข้อ ?(แรก|1|หนึ่ง)|อัน(แรก|ที่ ?1|ที่หนึ่ง)|แบบแรก)$/i;
const SECOND = /^(2|#2|no\.? ?2|(the )?second( one)?|ข้อ ?(สอง|2|ที่ ?2|ที่สอง)|อัน(ที่ ?2|ที่สอง|หลัง)|แบบที่สอง)$/i;
const THIRD = /^(3|#3|no\.? ?3|(the )?third( one)?|ข้อ ?(สาม|3|ที่ ?3|ที่สาม)|อัน(ที่ ?3|ที่สาม)|แบบที่สาม)$/i;
/** "Yes", "ใช่ค่ะ": the one choice offered, when only one was. */
const YES = /^(yes|yep|yeah|yup|correct|right|that'?s (it|right)|ใช่|ใช่แล้ว|ถูกต้อง|ถูก)$/i;
/** "Neither", "none of them", "ไม่ใช่ทั้งคู่": none of the offered choices. */
const NEITHER = /^(no|nope|neither( of them| one)?|none( of (them|these))?|not (those|these|them)|ไม่ใช่|ไม่ใช่ทั้ง(คู่|สอง(อย่าง|ข้อ)?)|ไม่ใช่ค่ะ|ไม่ใช่ครับ|ไม่มีข้อไหน(ตรง|ใช่)?)$/i;
const bare = (text: string) => text.trim().replace(/[\s.!?~]+$/u, '').replace(/\s*(ค่ะ|คะ|ครับ|คับ|จ้า|นะคะ|นะครับ)$/u, '').trim();

/**
 * Which offered choice a typed answer names: its place (0, 1, 2), 'neither', or undefined when it
 * names none. A "yes" names the choice when it was the only one (`offered`).
 */
export function typedChoice(text: string, offered = 2): 0 | 1 | 2 | 'neither' | undefined {
  const t = bare(text);
  if (FIRST.test(t) || (offered === 1 && YES.test(t))) return 0;
  if (SECOND.test(t)) return 1;
  if (THIRD.test(t)) return 2;
  if (NEITHER.test(t) || NEITHER.test(text.trim())) return 'neither';
  return undefined;
}
/** Or "cancel" last, after a comma or "so / then / just": "none of those work, cancel please" (r103: the time was asked again). */
const CANCEL_LAST = /(?:^|[,.;!]\s*|\b(?:so|then|just|please|pls|ok(?:ay)?)\s+)cancel(?: it| this| that| the booking)?(?: please| pls| thanks)?[\s.!]*$|(?:^|\s)(?:ขอ)?ยกเลิก(?:ก่อน|เลย)?(?:ค่ะ|คะ|ครับ|นะคะ|นะครับ|จ้า)?[\s.!]*$/i;
/**
 * Or forgotten: "actually forget the sushi class, thanks", "forget it" (r108: the class's time was
 * asked again). The booking or the thing booked, not a detail of it ("forget the time, make it 3pm"
 * corrects one), nor a reminder ("don't forget the towels").
 */
const FORGET = /(?<!\b(?:don'?t|do not|never|not)\s)\bforget (?:about )?(?:it|that|this|(?:the |my |our )?(?:booking|reservation|request|(?:[a-z]+ ){0,2}(?:class|tour|massage|lesson|transfer|trip)))\b(?![^.?!]*\b(?:make it|instead|change|move)\b)/i;
export const saysCancel = (text: string) => CANCEL.test(text.trim()) || CANCEL_LAST.test(text.trim()) || FORGET.test(text);
/** "Never mind", "cancel", "ไม่เป็นไร": the customer drops what they started; a bare "no" is not (it may answer the question). */
const NEVER_MIND = /^(never ?mind|forget it|cancel|ยกเลิก|ไม่เป็นไร|ช่างมัน)/i;
export const saysNeverMind = (text: string) => NEVER_MIND.test(text.trim());
/** "Talk to a person" is always possible, in words or with the quick reply. */
export const asksForPerson = (text: string) => HUMAN.test(text);

