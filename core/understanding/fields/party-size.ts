import { ENGLISH_SMALL_NUMBER_SRC, parseCount, THAI_NUMBER_SRC } from './numbers.ts';
import { CURRENCY_AFTER_SRC, type Claims, eachMatch, NON_MONEY_UNIT_SRC } from './text.ts';

/**
 * How many people a booking is for (1 to 100).
 *
 * Supported: "2 คน", "2 ท่าน", "2 ที่นั่ง", "สองคน", "ห้าท่าน", "คนเดียว" (1); "2 people", "4 persons", "2 spots", "3 seats", "2 tickets",
 * "เอาสองที่", "จอง 2 ที่", "2 ที่ค่ะ" alone; "2 pax", "3 guests", "2 ppl", "2 passengers", "4 players", "3 travellers", "two people", "for 4 people", "for 2", "for two", "table for 4",
 * "party of 6", "group of 8", "a family of 5", "4 of us", "we are 4", "massage x2" (last of all); "my two daughters", "me and
 * my 2 sons" (3); two by who they are: "me and my
 * wife", "my husband and I", "with my mum", "with a friend", "the two of us", "a couples massage", "ฉันกับแฟน",
 * "แม่กับพ่อ", "ไปกับเพื่อน", "นวดคู่", "สปาคู่", "a couples spa"; adults and children: "2 adults", "ผู้ใหญ่ 2",
 * "ผู้ใหญ่ 2 ท่าน", "2 adults and 1 child", "ผู้ใหญ่ 2 เด็ก 1" are summed (children, kids, infants,
 * babies, เด็ก, ทารก all count as people: 3 here).
 * Precedence: adults + children, then a count with a people word, then "for N" / "party of N";
 * among equals the first one.
 * Not: a count of anything else ("2 ชั่วโมง", "2 nights", "for 2 hours", "for 500 baht"), the bare
 * "2 ที่" after anything but "เอา / จอง / ขอ" or alone (ที่ is too common a word), "คนละ 500" (per person), counts above 100 ("1000 คน" is more
 * likely followers than guests).
 */

const MAX_PARTY = 100;

const COUNT = `\\d{1,3}|${ENGLISH_SMALL_NUMBER_SRC}|${THAI_NUMBER_SRC}`;
const ADULT = '(?:adults?(?![a-z])|ผู้ใหญ่)';
const CHILD = '(?:(?:children|child|kids?|infants?|babies|baby|toddlers?)(?![a-z])|เด็กเล็ก|เด็ก|ทารก)';
// "2 คิว", two places in the queue (r156: asked how many, and again).
const PEOPLE = '(?:คน(?!ละ)|ท่าน(?!ละ)|ที่นั่ง|ผู้โดยสาร|คิว(?!ว่าง|ละ)|(?:people|persons?|pax|guests?|ppl|pp|spots?|places?|seats?|tickets?|passengers?|travell?ers?|participants?|players?)(?![a-z]))';
/** What kind of seat or ticket, between the count and the word: "3 ringside tickets", "2 VIP seats" (r140: asked how many). */
const SEAT_KIND = '(?:ringside|vip|front[- ]row|premium|standard|economy|business|regular|adult|child|student|general(?:\\s+admission)?|concert|match|show|boat|ferry|bus|train)';

const ADULTS_RE = new RegExp(
  `(?<![\\d.,])(?<n1>${COUNT})\\s*${ADULT}|${ADULT}\\s*[:x×]?\\s*(?<n2>${COUNT})(?!\\d)(?:\\s*(?:คน|ท่าน))?`,
  'gi',
);
/** "เด็ก 6 ขวบ", "a child 6 years old": an age, not how many (r76: "เด็ก 6 ขวบเรียนได้ไหมคะ" booked 6). */
const AGE_AFTER = `(?!\\s*(?:ขวบ|ปี|years?(?![a-z])|yrs?(?![a-z])|y/?o(?![a-z])|-year))`;
const CHILDREN_RE = new RegExp(
  `(?<![\\d.,])(?<n1>${COUNT})\\s*${CHILD}|${CHILD}\\s*[:x×]?\\s*(?<n2>${COUNT})(?!\\d)${AGE_AFTER}(?:\\s*(?:คน|ท่าน))?`,
  'gi',
);
const ONE_CHILD_RE = /\b(?:and|with|plus|\+)\s+(?:a|an|one)\s+(?:baby|child|kid|infant|toddler)\b/i;
const PEOPLE_RE = new RegExp(`(?<![\\d.,])(?<n>${COUNT})\\s*(?:${SEAT_KIND}\\s+)?${PEOPLE}`, 'gi');
/**
 * A group by who they are, counted: "8 colleagues" for a team building (r147: asked how many, and again).
 * Not after "with" or "me and" ("me and 3 colleagues" is one more, and left to be asked).
 */
const GROUP_NOUN_RE = new RegExp(`(?<![\\d.,])(?<!\\bwith\\s+|\\bme\\s+and\\s+|\\band\\s+)\\b(?<n>\\d{1,3}|${ENGLISH_SMALL_NUMBER_SRC})\\s+(?:colleagues|co-?workers|coworkers|students|employees|staff|members|teammates|team\\s+members)(?![a-z])`, 'gi');
const GROUP_RE = new RegExp(
  `(?:\\b(?:party|group|table|family|team)\\s+of\\s+(?<n1>\\d{1,3}|${ENGLISH_SMALL_NUMBER_SRC})` +
    `|\\b(?:table\\s+|booking\\s+|reservation\\s+|book\\s+)?for\\s+(?<n2>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})` +
    `|(?<![\\d.,])(?<n3>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})\\s+of\\s+us\\b` +
    `|\\bwe(?:'re|\\s+are)\\s+(?:a\\s+(?:group|party|family|team)\\s+of\\s+)?(?<n4>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC}))` +
    `(?!\\d|[:./]\\d)`,
  'gi',
);
/**
 * Places, the Thai way: "เอาสองที่", "จอง 2 ที่", "ขอ 3 ที่" (take / book / ask for two places), or
 * "2 ที่ค่ะ" alone as an answer, or ending a booking's message's clause ("... 10 โมง 2 ที่ค่ะ", r58: asked how
 * many; "... บ่ายโมง 1 ที่ค่ะ ไม่เคยทำมาก่อนเลย", r143) or the message ("จองคลาสซูชิ 5 ธันวา 10 โมง 3 ที่", r165), or just before the time ("คืนนี้ 2 ที่ 1 ทุ่มค่ะ", r96; "2 ที่ ช่วง 6 โมงเย็น", r159), or said to be enough ("ไม่สิ 3 ที่พอค่ะ",
 * r121: noted for the team, the booking kept at 4); and tickets counted by the sheet ("ตั๋วคอนเสิร์ต
 * ... 2 ใบ", r123: asked how many). Only after those verbs, alone, last
 * with its polite ending, or before a time: "ที่" is otherwise too common a word ("วันที่ 2", "2 ที่ผ่านมา").
 */
const SEATS_RE = new RegExp(`(?:เอา|จอง|ขอ)\\s*(?<n1>${COUNT})\\s*ที่(?!นั่ง|[ก-๛])|(?:เอา|จอง|ขอ)\\s*(?<n2>${COUNT})\\s*ที่(?=ค่ะ|คะ|ครับ|คับ|จ้า|นะ)|^\\s*(?<n3>\\d{1,2})\\s*ที่\\s*(?:ค่ะ|คะ|ครับ|คับ|จ้า|นะคะ|นะครับ)?\\s*$|(?<=\\s)(?<n4>${COUNT})\\s*ที่\\s*(?:ค่ะ|คะ|ครับ|คับ|จ้า|นะคะ|นะครับ)(?=[\\s.!]|$)|(?<=\\s)(?<n5>\\d{1,2})\\s*ที่\\s+(?=(?:(?:ช่วง|ตอน|เวลา|รอบ)\\s*)?(?:\\d{1,2}|${THAI_NUMBER_SRC})\\s*(?:ทุ่ม|โมง|นาฬิกา|น\\.|[:.]\\d\\d))|(?<=^|\\s)(?<n>${COUNT})\\s*ที่\\s*(?:ก็)?พอ(?!ดี|ใจ)(?:แล้ว)?|(?<=ตั๋ว.{0,40})(?<![\\d,.])(?<n6>${COUNT})\\s*ใบ|(?<=\\s)(?<n7>\\d{1,2})\\s*ที่\\s*[.!]*$`, 'gi');
/**
 * One: "คนเดียว", "just me", "by myself", and "for myself" with nobody named after it (r125: asked how many,
 * and again); "just her" (r139); "just one" as the answer (r144: asked again); "book me a thai massage"
 * (r155).
 */
const ALONE_RE = new RegExp(`คนเดียว|\\b(?:book|reserve|get)\\s+me\\s+(?:a|an|one)\\b|\\b(?:just|only)\\s+(?:one|1)\\b(?=\\s*(?:please|pls|thanks?|thank\\s+you)?\\s*(?:[,.!]|$))|\\b(?:just|only)\\s+(?:me|myself|her|him)\\b|\\b(?:her|him)\\s+(?:only|alone)\\b|\\bby\\s+myself\\b|\\bfor\\s+(?:just\\s+)?myself\\b(?!\\s*(?:,|&|\\+|and\\b|with\\b|plus\\b))`, 'gi');
/**
 * Treatments counted, one each: "pls book 1 massage tmr 6pm" (r155: asked how many, and again), "2 thai
 * massages". Not a length ("1 hour massage", "90 minute massage"). Read after every count of people.
 */
const TREATMENTS_RE = new RegExp(`(?<![\\d.,:])\\b(?<n>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})\\s+(?:(?!hours?\\b|hrs?\\b|mins?\\b|minutes?\\b)[a-z]+\\s+)?(?:massages?|treatments?|facials?)\\b`, 'gi');
/** "massage x2", "× 3": a count of the thing booked, read last (after every other reading of people). */
const TIMES_RE = /(?<=^|[\s(])[x×]\s?(?<n>\d{1,2})(?![\d.,:/])(?!\s*(?:baht|บาท|thb|฿|hours?|hrs?|ชั่วโมง|ชม|nights?|คืน|days?|วัน|kg|cm|m\b))/giu;

/**
 * Two, said by who they are: the customer and one other person, or two people named. One person
 * each (a wife, a friend), never a group ("me and my friends", "me and my family"), and nobody named
 * after them ("me and my wife and our two kids" is more than two, and left to be asked).
 */
const ONE_OTHER_EN = '(?:wife|husband|partner|girlfriend|boyfriend|gf|bf|hubby|wifey|fianc[eé]e?|friend|bestie|bff|mum|mom|mother|dad|father|son|daughter|sister|sis|brother|bro|colleague|kid|child)';
const ONE_OTHER_TH = '(?:แฟน|สามี|ภรรยา|เมีย|เพื่อน|คุณแม่|คุณพ่อ|แม่|พ่อ|ลูกสาว|ลูกชาย|ลูก|น้องสาว|น้องชาย|น้อง|พี่สาว|พี่ชาย|พี่|คุณป้า|ป้า|คุณลุง|ลุง|คุณน้า|น้า|คุณยาย|ยาย|คุณตา|คุณย่า|ย่า|คุณปู่|ปู่|หลาน)';
const ME_TH = '(?:ฉัน|ผม|หนู|ดิฉัน|เรา|เค้า|เขา)';
// A comma before what is said of them is no one more ("for my son, he is a complete beginner", r143: asked how
// many; "for me and my wife, we are on our honeymoon", r157).
const NOBODY_MORE = '(?![\'’]|ๆ|\\s*(?:,(?!\\s*(?:he|she|they|we|who|it|please|pls|thanks?|thank\\s+you)\\b)|&|\\+|and\\b|with\\b|plus\\b|กับ|และ|\\d))';
const PAIR_RE = new RegExp(
  `\\b(?:me|myself)\\s+(?:and|&|n|\\+)\\s+my\\s+${ONE_OTHER_EN}(?![a-z])${NOBODY_MORE}` +
    `|\\bmy\\s+${ONE_OTHER_EN}\\s+(?:and|&|n|\\+)\\s+(?:i|me|myself)\\b${NOBODY_MORE}` +
    `|\\bwith\\s+(?:my|a|one)\\s+${ONE_OTHER_EN}(?![a-z])${NOBODY_MORE}` +
    // Two others named, as "ลูกสาวกับลูกชาย" is below, who come: "can my son and daughter join the
    // class?" (r109: asked how many, and again after "confirm"). Not booked for ("for my mother and my
    // sister", the customer may come too), nor with the customer ("me and my son and daughter").
    `|\\b(?<!\\b(?:me|i|myself)\\s+(?:and|&|n|\\+)\\s+|\\bfor\\s+)my\\s+${ONE_OTHER_EN}\\s+(?:and|&|n|\\+)\\s+(?:my\\s+)?${ONE_OTHER_EN}(?![a-z])${NOBODY_MORE}` +
    `|\\b(?:the\\s+two\\s+of\\s+us|both\\s+of\\s+us|us\\s+two|couples?\\s+massage|as\\s+a\\s+couple|for\\s+a\\s+couple(?!\\s+of))\\b` +
    `|(?:${ME_TH}|${ONE_OTHER_TH})กับ${ONE_OTHER_TH}${NOBODY_MORE}` +
    `|(?:ไป|มา)กับ${ONE_OTHER_TH}${NOBODY_MORE}` +
    // "สปาคู่" (a couples spa, r91: asked how many) as "นวดคู่" is.
    `|(?:นวด|สปา)คู่|คู่รัก|\\bcouples?\\s+(?:spa|package|treatment)\\b` +
    // Booked for a pair by one word (r98): "for my parents", "ให้คุณพ่อคุณแม่", "ให้ตายาย".
    `|\\bfor\\s+my\\s+(?:parents|grandparents|in-laws)\\b${NOBODY_MORE}|ให้(?:คุณ)?(?:พ่อ(?:กับ|และ)?(?:คุณ)?แม่|แม่(?:กับ|และ)?(?:คุณ)?พ่อ|ปู่(?:กับ|และ)?(?:คุณ)?ย่า|ตา(?:กับ|และ)?(?:คุณ)?ยาย)${NOBODY_MORE}`,
  'gi',
);

/**
 * Several named by who they are, with their number: "can my two daughters have a private lesson
 * together" (r95: asked how many, and again after "confirm"), "for our three sons": that many; "me and
 * my two sons", "with my 2 daughters": one more, the customer. Nobody named after them ("my two sons
 * and I", "my 2 sons and their friend") is left to be asked. (Children are counted as children, above.)
 */
const THEIR_RE = new RegExp(
  `(?<with>\\b(?:me|myself)\\s+(?:and|&|n|\\+)\\s+|\\bwith\\s+)?\\b(?:my|our)\\s+(?<n>\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})\\s+(?:daughters|sons|friends|boys|girls|grandchildren|grandkids|nieces|nephews|sisters|brothers|colleagues)(?![a-z'’])${NOBODY_MORE}`,
  'gi',
);

/**
 * One other person booked for: "a massage for my mother tomorrow at 11am" (r65: asked how many, and
 * again after "yes"), "จองนวดให้คุณแม่", "my daughter wants to join the thai cooking class" (r148). Read after the pairs ("with my mother" is two) and nobody
 * named after them ("for my mother and me", "ให้แม่กับน้อง" are left to be asked).
 */
const FOR_ONE_OTHER_RE = new RegExp(`\\bfor\\s+my\\s+${ONE_OTHER_EN}(?![a-z'’])${NOBODY_MORE}|\\bmy\\s+${ONE_OTHER_EN}\\s+(?:wants|would\\s+like|wishes|is\\s+keen)\\s+to\\s+(?:join|come|take|do|try|learn|attend)\\b|จอง\\S{0,12}?ให้(?:คุณ)?${ONE_OTHER_TH}${NOBODY_MORE}`, 'gi');

/**
 * Some of the party told of, not the party's size (r92: "one of us is vegetarian" and "มีผู้สูงอายุ 1
 * ท่านนะคะ", there is one elderly guest, at the summary made a booking for 3 one for 1): "N of us"
 * with what they are or need after it, and "มี" with who they are before the count.
 */
const SOME_OF_US_RE = new RegExp(
  `\\b(?:\\d{1,2}|${ENGLISH_SMALL_NUMBER_SRC})\\s+of\\s+(?:us|them)\\s+(?:is|are|was|were|will|has|have|had|can(?:'t|not)?|don'?t|doesn'?t|needs?|would|prefers?|uses?)\\b` +
    `|มี(?:ผู้สูงอายุ|ผู้สูงวัย|คนแก่|ผู้พิการ|คนพิการ|คนท้อง|หญิงตั้งครรภ์|คนแพ้[^\\s\\d]*|คนทาน[^\\s\\d]*|คนไม่ทาน[^\\s\\d]*|มังสวิรัติ|วีแกน)\\s*(?:${COUNT})\\s*(?:ท่าน|คน)`,
  'gi',
);

/** Between two counts of people, what makes them two groups: "1 ท่าน กับนวดน้ำมัน 1 ท่าน", "2 people and 1 more person". */
const JOINS = /กับ|และ|\band\b|\bplus\b|\+/i;

/** After "for 2": words that make it not a party ("for 2 hours", "for 2pm", "for 2nd"). */
const NOT_PEOPLE_AFTER = new RegExp(
  `\\s*(?:${CURRENCY_AFTER_SRC}|${NON_MONEY_UNIT_SRC}|a\\.?m\\b|p\\.?m\\b|o'?clock|(?:st|nd|rd|th)(?![a-z])|k(?![a-z]))`,
  'iy',
);

function countOf(token: string | undefined): number | null {
  if (token === undefined) return null;
  const n = parseCount(token);
  return n !== null && Number.isInteger(n) && n >= 1 && n <= MAX_PARTY ? n : null;
}

interface Found {
  index: number;
  n: number;
}

function collect(re: RegExp, s: string, claims: Claims, read: (m: RegExpExecArray) => number | null, check?: (end: number) => boolean): Found[] {
  const found: Found[] = [];
  eachMatch(re, s, (m) => {
    const n = read(m);
    const end = m.index + m[0].length;
    if (n === null || (check !== undefined && !check(end)) || !claims.take(m.index, end)) return 'retry';
    found.push({ index: m.index, n });
  });
  return found;
}

function first(found: Found[]): Found | undefined {
  let best: Found | undefined;
  for (const f of found) if (best === undefined || f.index < best.index) best = f;
  return best;
}

export function extractPartySize(s: string, claims: Claims): number | undefined {
  const byGroups = (m: RegExpExecArray): number | null => {
    const g = m.groups!;
    return countOf(g.n1 ?? g.n2 ?? g.n3 ?? g.n4 ?? g.n5 ?? g.n6 ?? g.n7 ?? g.n);
  };
  // Claimed first, so that no count inside them is read as the party's.
  collect(SOME_OF_US_RE, s, claims, () => 0);
  const adults = first(collect(ADULTS_RE, s, claims, byGroups));
  const children = first(collect(CHILDREN_RE, s, claims, byGroups));
  if (adults !== undefined || children !== undefined) {
    // "2 adults and a baby" (r142: booked for 2): a child said without a number is one.
    const oneChild = adults !== undefined && children === undefined && ONE_CHILD_RE.test(s) ? 1 : 0;
    const total = (adults?.n ?? 0) + (children?.n ?? 0) + oneChild;
    return total <= MAX_PARTY ? total : undefined;
  }
  const counted = collect(PEOPLE_RE, s, claims, byGroups).sort((a, b) => a.index - b.index);
  // "นวดไทย 1 ท่าน กับนวดน้ำมัน 1 ท่าน" (r101: one person): counts joined by "กับ", "และ", "and",
  // "plus" are of different people, summed; otherwise the first counts.
  const joined = counted.length > 1 && counted.every((c, i) => i === 0 || JOINS.test(s.slice(counted[i - 1].index, c.index)));
  if (joined) {
    const total = counted.reduce((sum, c) => sum + c.n, 0);
    return total <= MAX_PARTY ? total : undefined;
  }
  const people = first(counted) ?? first(collect(GROUP_NOUN_RE, s, claims, byGroups));
  if (people !== undefined) return people.n;
  const seats = first(collect(SEATS_RE, s, claims, byGroups));
  if (seats !== undefined) return seats.n;
  const notFollowedByUnit = (end: number): boolean => {
    NOT_PEOPLE_AFTER.lastIndex = end;
    return !NOT_PEOPLE_AFTER.test(s);
  };
  const group = first(collect(GROUP_RE, s, claims, byGroups, notFollowedByUnit));
  if (group !== undefined) return group.n;
  const their = first(
    collect(THEIR_RE, s, claims, (m) => {
      const n = countOf(m.groups!.n);
      return n === null ? null : n + (m.groups!.with ? 1 : 0);
    }),
  );
  if (their !== undefined) return their.n;
  const pair = first(collect(PAIR_RE, s, claims, () => 2));
  if (pair !== undefined) return pair.n;
  const alone = first(collect(ALONE_RE, s, claims, () => 1)) ?? first(collect(FOR_ONE_OTHER_RE, s, claims, () => 1));
  if (alone !== undefined) return alone.n;
  return first(collect(TREATMENTS_RE, s, claims, byGroups))?.n ?? first(collect(TIMES_RE, s, claims, byGroups))?.n;
}

/**
 * A change to the number of people already given, not a number: "one more person", "add 2 people",
 * "another guest", "+1", "เพิ่มอีก 1 คน", "มาเพิ่มอีกคน" (+1); "one less", "2 fewer people", "ลด 1 คน"
 * (−1, −2). Read in a booking whose number is known (bot/conversation/booking-slots.ts), where
 * "เพิ่มอีก 1 คน" was taken as one person. Not "ลดเหลือ 2 คน" (down to 2: a number, read as one).
 */
const WHO = `(?:${PEOPLE}|friends?(?![a-z])|adults?(?![a-z])|kids?(?![a-z])|child(?:ren)?(?![a-z]))`;
const MORE_RE = new RegExp(
  `(?<![\\d.,])(?<n1>${COUNT})\\s+more(?:\\s+${WHO}|(?=\\s*(?:please|pls|is coming|are coming|coming|joining|[.!]|$)))` +
    `|\\badd(?:ing)?\\s+(?:another\\s+|(?<n2>${COUNT}|a|an)\\s+)?(?:more\\s+)?${WHO}|\\banother\\s+(?:person|guest|adult|friend|kid|child)\\b` +
    `|(?:^|\\s)\\+\\s*(?<n3>\\d)(?!\\d)|\\bplus\\s+(?<n4>one|two|1|2)\\b(?!\\s*(?:am|pm|o'?clock))` +
    // One more by who they are (r125: "oh and my wife will come too" at a booking for one was not read):
    // "my wife is coming too", "plus my husband", "แฟนจะมาด้วย".
    `|\\bmy\\s+${ONE_OTHER_EN}\\s+(?:will\\s+(?:come|join)|is\\s+(?:coming|joining)|wants\\s+to\\s+(?:come|join)|comes|joins)(?:\\s+(?:us|me))?\\s+(?:too|as\\s+well|also)\\b|\\bplus\\s+my\\s+${ONE_OTHER_EN}(?![a-z])` +
    `|(?<![ก-๛])${ONE_OTHER_TH}(?:จะ|ก็)?(?:มา|ไป)ด้วย(?!\\s*(?:อีก\\s*)?(?:${COUNT}))` +
    `|(?:ขอ|มา)?เพิ่ม(?:อีก)?\\s*(?<n5>${COUNT})?\\s*(?:คน|ท่าน|ที่)|มา(?:ด้วย)?อีก\\s*(?<n6>${COUNT})?\\s*(?:คน|ท่าน)|(?:ขอ|(?<![ก-๛]))อีก\\s*(?<n7>${COUNT})\\s*(?:คน|ท่าน)(?!ละ)`,
  'iu',
);
const CANNOT_COME = "(?:can'?t|cannot|can\\s+not|won'?t|will\\s+not|couldn'?t|could\\s+not|isn'?t|is\\s+not|aren'?t|are\\s+not)\\s+(?:come|coming|make\\s+it|join|go|going|be\\s+there|attend)\\b";
const FEWER_RE = new RegExp(
  `(?<![\\d.,])(?<n1>${COUNT})\\s+(?:less|fewer)\\b|(?<![\\d.,])(?<n2>${COUNT})\\s+(?:person|people|guests?)\\s+(?:less|fewer)\\b|\\bminus\\s+(?<n3>one|two|1|2)\\b` +
    `|ลด(?:ลง)?(?!เหลือ)\\s*(?<n4>${COUNT})\\s*(?:คน|ท่าน)|(?:ขาด|หาย)(?:ไป)?\\s*(?<n5>${COUNT})\\s*(?:คน|ท่าน)` +
    // Those who drop out: "one of us can't come" (r105: kept as a note, the booking made for three),
    // "a friend can't make it", "ไปไม่ได้ 1 คน", "1 คนมาไม่ได้แล้ว".
    `|(?<![\\d.,])(?<n6>${COUNT})\\s+of\\s+(?:us|them|the\\s+group|our\\s+group)\\s+${CANNOT_COME}|\\b(?:a|one)\\s+(?:person|friend|guest|of\\s+my\\s+friends)\\s+${CANNOT_COME}` +
    `|(?:มา|ไป)ไม่ได้(?:แล้ว)?\\s*(?<n7>${COUNT})\\s*(?:คน|ท่าน)|(?<![\\d.,])(?<n8>${COUNT})\\s*(?:คน|ท่าน)(?:มา|ไป)ไม่ได้|(?<![\\d.,])(?<n9>${COUNT})\\s*(?:คน|ท่าน)ไม่(?:มา|ไป)แล้ว`,
  'iu',
);

export function extractPartyChange(text: string): number | undefined {
  const n = (g: Record<string, string | undefined> | undefined) => {
    const token = Object.values(g ?? {}).find((v) => v !== undefined);
    return token === undefined || /^(?:a|an)$/i.test(token) ? 1 : countOf(token);
  };
  const fewer = FEWER_RE.exec(text);
  if (fewer) return -(n(fewer.groups) ?? 0) || undefined;
  const more = MORE_RE.exec(text);
  if (more) return n(more.groups) ?? undefined;
  return undefined;
}
