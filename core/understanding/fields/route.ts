/**
 * Where a transfer goes, when the message names both ends: "from BKK airport to Pattaya",
 * "จากสนามบินสุวรรณภูมิไปโรงแรมแถวสุขุมวิท", "จากโรงแรมไปส่งดอนเมือง", or says them apart ("ไปส่ง
 * สนามบินดอนเมือง ... รับที่โรงแรมแถวสยาม"). Returned in the customer's own
 * words, from "from" / "จาก" to the end of the place gone to, for a booking's destination (a
 * service whose form asks it, bot/conversation/booking-slots.ts).
 *
 * Not: one end alone ("a pickup from Suvarnabhumi", "รถไปส่งสนามบินดอนเมือง"): where the car starts
 * or ends is still to be asked; hours ("from 9 to 5", "จาก 9 โมงถึง 11 โมง"); "from ... to" where an
 * end is a number.
 * The place gone to ends at the day, the time or the people that follow ("... to Pattaya on Dec 3
 * at 11pm for 3", "...ไปโรงแรมพรุ่งนี้ 3 ทุ่ม"), at punctuation, or at a space in Thai.
 */

const EN_END =
  "(?=\\s+(?:on\\s+(?:\\d|the\\s+\\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b)|at\\s+\\d|by\\s+\\d|for\\s+\\d|(?:tomorrow|today|tonight|this|next|around|please|pls|for\\s+(?:one|two|three|four|five|six|seven|eight|me|us)|in\\s+the\\s+(?:morning|afternoon|evening))\\b)|\\s+(?:and\\s+)?then\\b|\\s+and\\s+(?:go|head|drive|take|transfer)\\b|\\s*[,.!?;\\n]|\\s*$)";
const EN_ROUTE = new RegExp(`\\bfrom\\s+((?!\\d)[^,.!?;\\n]{2,60}?)\\s+to\\s+((?!\\d)(?!book|reserve|go\\b)[^,.!?;\\n]{2,60}?)${EN_END}`, 'i');

/**
 * The two ends said apart in English: "we land at Don Mueang tomorrow at 10pm ... going to our hotel
 * in Silom" (r54: the customer was asked where to, which they had said), "we land at Suvarnabhumi
 * and go to our hotel in Silom" (r84: the pickup ran on to the end, and where to was asked). A place
 * ends before "and go / and then".
 */
const EN_PLACE = `((?!\\d)(?!the\\s+(?:morning|afternoon|evening)\\b)[^,.!?;\\n]{2,60}?)${EN_END}`;
// The hour may come between: "flight lands 7:15am at DMK" (r155: where to be picked up was asked).
const EN_PICKUP = new RegExp(`\\b(?:land(?:s|ing)?|arriv(?:e|es|ing)|pick (?:us|me|them) up|picked up)(?:\\s+(?:at\\s+)?\\d{1,2}(?:[:.]\\d{2})?\\s*(?:am|pm)?)? (?:at|in|from)\\s+${EN_PLACE}`, 'i');
// Where they stay is where the car goes: "pickup from Don Mueang ..., hotel is in Silom" (r114: asked where to).
const EN_DROP = new RegExp(`\\b(?:(?:go|going|head|heading|headed|take (?:us|me|them)|drive (?:us|me|them)) to|drop (?:us|me|them)(?: off)? (?:at|to)|(?:(?:our|my|the) )?hotel is (?:in|at|on|near)|(?:we(?:'re| are)|i(?:'m| am)) staying (?:in|at|on|near))\\s+${EN_PLACE}`, 'i');

const TH_END = '(?=พรุ่งนี้|มะรืน|วันนี้|คืนนี้|เย็นนี้|วัน|เวลา|ตอน|ตี\\s*\\d|บ่าย|\\d|\\s|ค่ะ|คะ|ครับ|นะ|$)';
const TH_ROUTE = new RegExp(`จาก\\s*((?!\\d)[^\\s\\d]{2,40}?)\\s*ไป(?:ส่ง(?:ที่)?|ยัง|ที่)?\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);

/**
 * An airport by name, then where to, with no "จาก": "รถรับส่งสนามบินดอนเมืองไปพัทยา" (a transfer, Don Mueang
 * airport to Pattaya; r145: only Pattaya was read, and where to be picked up was asked). Not an
 * airport gone to ("ไปสนามบินดอนเมือง").
 */
const TH_AIRPORT_TO = new RegExp(`(?<!ไป(?:ส่ง)?(?:ที่)?\\s*)(สนามบิน(?:สุวรรณภูมิ|ดอนเมือง|ภูเก็ต|เชียงใหม่|กระบี่|อู่ตะเภา|หาดใหญ่|สมุย)?|สุวรรณภูมิ|ดอนเมือง)\\s*ไป(?:ส่ง(?:ที่)?|ยัง|ที่)?\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);

/** The two ends said apart: "ไปส่งสนามบินดอนเมือง ... รับที่โรงแรมแถวสยาม" (to Don Mueang, picked up at a hotel near Siam). */
const TH_PICKUP = new RegExp(`รับ(?:ที่|จาก)\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);
// The day and the time may come between: "จองรถไปสนามบินดอนเมือง พรุ่งนี้ตี 5 จากโรงแรมแถวสุขุมวิท" (r162:
// asked from where to where). Not a day or a time after "จาก" ("ไปเชียงใหม่ 3 วัน จากวันที่ 5").
const TH_FROM_AFTER = new RegExp(`(?<=ไป\\S{2,40}?(?:\\s+\\S+){0,4}?\\s*)จาก\\s*((?!\\d)(?!วัน|เวลา|ตอน|ตี|บ่าย|เช้า|เย็น|เที่ยง)[^\\s\\d]{2,40}?)${TH_END}`);
// Not the "ไป" of "ถัดไป" (next) or "ต่อไป" (r156: "รอบถัดไปวันไหน" kept "วันไหน" as where to).
const TH_DROP = new RegExp(`(?:ไปส่ง|ส่งที่|(?<!รับ|ถัด|ต่อ)ไป)(?:ที่)?\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`, 'g');

/**
 * A place named by its kind alone: "จองรถไปสนามบิน ... ไปสุวรรณภูมิ" names the airport in its second
 * "ไป", which is kept (the first had been, and which airport was lost).
 */
const ONLY_A_KIND = /^(?:สนามบิน|โรงแรม|บ้าน|ที่พัก)$/;

/**
 * Where the car starts, without the day or the time said before "to": "from BKK tomorrow 9pm to our hotel
 * in Sathorn" starts at BKK (r177: the summary's service read "from BKK tomorrow 9pm to ...").
 */
const EN_WHEN_AFTER_PLACE = /\s+(?:(?:on|at|by)\s+\d|(?:on\s+)?(?:tomorrow|today|tonight|this|next|mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\d{1,2}(?:[:.]\d{2})?\s*(?:am|pm)\b|around\s+\d).*$/i;

export function extractRoute(text: string): string | undefined {
  const en = EN_ROUTE.exec(text);
  if (en) return `from ${en[1].replace(EN_WHEN_AFTER_PLACE, '').trim()} to ${en[2].trim()}`;
  // "pickup from Suvarnabhumi on 21 December, flight TG 917 ..., going to Sukhumvit 11" (r78: asked
  // where to, twice): a "from" with a "going / heading to" later names both ends too.
  // So does "pickup at Suvarnabhumi on 12 December at 3pm to our hotel in Sukhumvit" (r97: asked
  // where to): after a pickup's place, a "to" after the time is where the car goes.
  const to = EN_DROP.exec(text) ?? (PICKUP_AT.test(text) ? EN_TO.exec(text) : null);
  const from = to ? (EN_PICKUP.exec(text) ?? EN_FROM.exec(text)) : null;
  if (from && to) return `from ${from[1].trim()} to ${to[1].trim()}`;
  const th = TH_ROUTE.exec(text) ?? TH_AIRPORT_TO.exec(text);
  if (th) return `จาก${th[1]}ไป${th[2]}`;
  const drops0 = [...text.matchAll(TH_DROP)].map((m) => m[1]);
  // A plain "จาก" after where to ("ขอรถไปสนามบินสุวรรณภูมิ จากโรงแรมแถวสีลม", r135: asked from where to where).
  const pickup = TH_PICKUP.exec(text) ?? (drops0.length ? TH_FROM_AFTER.exec(text) : null);
  const drops = pickup ? drops0 : [];
  const drop = drops.find((d) => !ONLY_A_KIND.test(d)) ?? drops[0];
  if (pickup && drop) return `รับที่${pickup[1]} ไปส่ง${drop}`;
  return undefined;
}

/**
 * One end of a transfer, when a message names only one: where the car goes ("airport transfer
 * tomorrow 8am to Don Mueang", "going to our hotel", "ไปส่งสนามบินดอนเมือง") or where it starts ("a
 * pickup from the Novotel", "pick us up at ...", "รับที่โรงแรมแถวสยาม"). Kept by a booking that asks
 * for the other (r66: "to Don Mueang", then "from the Novotel on Silom", kept only the Novotel, and
 * the team would not have known where to go). "to" alone counts first in the message or after a
 * ride, a time or a day ("to the Hilton please", "transfer to", "8am to"), not after a verb ("want
 * to know").
 */
export type RouteEnd = { from: string } | { to: string };

const EN_TO = new RegExp(`(?:^\\s*|\\b(?:transfer|ride|car|taxi|van|cab|shuttle|trip|pick-?up|\\d(?:am|pm)?|tomorrow|today|tonight|morning|evening)\\s+)to\\s+(?!(?:book|reserve|go|know|ask|check|see|make|get|have)\\b)${EN_PLACE}`, 'i');
const PICKUP_AT = /\bpick-?up (?:at|from)\b/i;
const EN_FROM = new RegExp(`\\b(?:from|pick-?up (?:at|from))\\s+${EN_PLACE}`, 'i');
const TH_FROM = new RegExp(`(?:รับ(?:ที่|จาก)|จาก)\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);

export function extractRouteEnd(text: string): RouteEnd | undefined {
  if (extractRoute(text)) return undefined;
  const to = EN_DROP.exec(text) ?? EN_TO.exec(text);
  const from = EN_PICKUP.exec(text) ?? EN_FROM.exec(text);
  if (to && !from) return { to: to[1].trim() };
  if (from && !to) return { from: from[1].trim() };
  const thTo = [...text.matchAll(TH_DROP)].map((m) => m[1]);
  const thFrom = TH_FROM.exec(text);
  if (thTo.length && !thFrom) return { to: thTo.find((d) => !ONLY_A_KIND.test(d)) ?? thTo[0] };
  if (thFrom && !thTo.length) return { from: thFrom[1] };
  return undefined;
}

/** A route from the end kept and the other end said now; a place said plainly is the end still missing. */
export function completeRoute(kept: RouteEnd, text: string, thai: boolean): string | undefined {
  const said = extractRouteEnd(text);
  const other = said ? ('from' in kept ? ('to' in said ? said.to : undefined) : 'from' in said ? said.from : undefined) : text.trim();
  if (!other) return undefined;
  if (thai) return 'from' in kept ? `รับที่${kept.from} ไปส่ง${other}` : `รับที่${other} ไปส่ง${kept.to}`;
  return 'from' in kept ? `from ${kept.from} to ${other}` : `from ${other} to ${kept.to}`;
}

/**
 * One end of a transfer changed after both were said (r91: "ขอเปลี่ยนจุดรับเป็นดอนเมืองค่ะ" at the
 * summary was kept as a note and the summary still said Suvarnabhumi): "เปลี่ยนจุดรับเป็น ...",
 * "เปลี่ยนที่ส่งเป็น ...", "change the pickup to ...", "change the drop-off / destination to ...".
 */
const TH_NEW_PICKUP = new RegExp(`เปลี่ยน(?:จุด|ที่)รับ(?:เป็น|ไปที่|ไป|ที่)\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);
const TH_NEW_DROP = new RegExp(`เปลี่ยน(?:จุด|ที่)(?:ส่ง|หมาย|ปลายทาง)(?:เป็น|ไปที่|ไป|ที่)\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);
const EN_NEW_PICKUP = new RegExp(`\\bchange (?:the |our |my )?pick-?up(?: point| place| location| address)? to\\s+${EN_PLACE}`, 'i');
const EN_NEW_DROP = new RegExp(`\\bchange (?:the |our |my )?(?:drop-?off|destination)(?: point| place| location| address)? to\\s+${EN_PLACE}`, 'i');

export function changedRouteEnd(text: string): RouteEnd | undefined {
  const from = TH_NEW_PICKUP.exec(text) ?? EN_NEW_PICKUP.exec(text);
  if (from) return { from: from[1].trim() };
  const to = TH_NEW_DROP.exec(text) ?? EN_NEW_DROP.exec(text);
  return to ? { to: to[1].trim() } : undefined;
}

/** The two ends of a route as this module writes it ("from A to B", "จากAไปB", "รับที่A ไปส่งB"). */
function endsOf(route: string): { from: string; to: string } | undefined {
  const m = /^from (.+) to (.+)$/.exec(route) ?? /^จาก(.+?)ไป(.+)$/.exec(route) ?? /^รับที่(.+?) ไปส่ง(.+)$/.exec(route);
  return m ? { from: m[1], to: m[2] } : undefined;
}

/** The route with one end changed; undefined when the route kept is not one this module wrote (a place typed alone). */
export function withRouteEnd(route: string, changed: RouteEnd, thai: boolean): string | undefined {
  const ends = endsOf(route);
  if (!ends) return undefined;
  const { from, to } = 'from' in changed ? { ...ends, from: changed.from } : { ...ends, to: changed.to };
  return thai ? `รับที่${from} ไปส่ง${to}` : `from ${from} to ${to}`;
}
