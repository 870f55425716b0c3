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
  "(?=\\s+(?:on\\s+(?:\\d|the\\s+\\d|(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\\b)|at\\s+\\d|by\\s+\\d|for\\s+\\d|(?:tomorrow|today|tonight|this|next|around|please|pls|for\\s+(?:one|two|three|four|five|six|seven|eight|me|us)|in\\s+the\\s+(?:morning|afternoon|evening))\\b)|\\s*[,.!?;\\n]|\\s*$)";
const EN_ROUTE = new RegExp(`\\bfrom\\s+((?!\\d)[^,.!?;\\n]{2,60}?)\\s+to\\s+((?!\\d)(?!book|reserve|go\\b)[^,.!?;\\n]{2,60}?)${EN_END}`, 'i');

/**
 * The two ends said apart in English: "we land at Don Mueang tomorrow at 10pm ... going to our hotel
 * in Silom" (r54: the customer was asked where to, which they had said).
 */
const EN_PLACE = `((?!\\d)(?!the\\s+(?:morning|afternoon|evening)\\b)[^,.!?;\\n]{2,60}?)${EN_END}`;
const EN_PICKUP = new RegExp(`\\b(?:land(?:s|ing)?|arriv(?:e|es|ing)|pick (?:us|me|them) up|picked up) (?:at|in|from)\\s+${EN_PLACE}`, 'i');
const EN_DROP = new RegExp(`\\b(?:(?:going|heading|headed|take (?:us|me|them)|drive (?:us|me|them)) to|drop (?:us|me|them)(?: off)? (?:at|to))\\s+${EN_PLACE}`, 'i');

const TH_END = '(?=พรุ่งนี้|มะรืน|วันนี้|คืนนี้|เย็นนี้|วัน|เวลา|ตอน|ตี\\s*\\d|บ่าย|\\d|\\s|ค่ะ|คะ|ครับ|นะ|$)';
const TH_ROUTE = new RegExp(`จาก\\s*((?!\\d)[^\\s\\d]{2,40}?)\\s*ไป(?:ส่ง(?:ที่)?|ยัง|ที่)?\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);

/** The two ends said apart: "ไปส่งสนามบินดอนเมือง ... รับที่โรงแรมแถวสยาม" (to Don Mueang, picked up at a hotel near Siam). */
const TH_PICKUP = new RegExp(`รับ(?:ที่|จาก)\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`);
const TH_DROP = new RegExp(`(?:ไปส่ง|ส่งที่|(?<!รับ)ไป)(?:ที่)?\\s*((?!\\d)[^\\s\\d]{2,40}?)${TH_END}`, 'g');

/**
 * A place named by its kind alone: "จองรถไปสนามบิน ... ไปสุวรรณภูมิ" names the airport in its second
 * "ไป", which is kept (the first had been, and which airport was lost).
 */
const ONLY_A_KIND = /^(?:สนามบิน|โรงแรม|บ้าน|ที่พัก)$/;

export function extractRoute(text: string): string | undefined {
  const en = EN_ROUTE.exec(text);
  if (en) return `from ${en[1].trim()} to ${en[2].trim()}`;
  const [from, to] = [EN_PICKUP.exec(text), EN_DROP.exec(text)];
  if (from && to) return `from ${from[1].trim()} to ${to[1].trim()}`;
  const th = TH_ROUTE.exec(text);
  if (th) return `จาก${th[1]}ไป${th[2]}`;
  const pickup = TH_PICKUP.exec(text);
  const drops = pickup ? [...text.matchAll(TH_DROP)].map((m) => m[1]) : [];
  const drop = drops.find((d) => !ONLY_A_KIND.test(d)) ?? drops[0];
  if (pickup && drop) return `รับที่${pickup[1]} ไปส่ง${drop}`;
  return undefined;
}
