/**
 * Text normalisation and features for the offline classifier: Thai and English chat messages
 * (mixed, with typos, slang, emoji and polite particles) turned into two bags of features,
 *
 * - `words`: word tokens (Thai words from ICU's dictionary segmenter, English words lower-cased
 *   and lightly stemmed), polite particles and English function words left out, plus every pair of
 *   neighbouring tokens written together ("top up" -> "topup", "เติม"+"เงิน" -> "เติมเงิน") so that
 *   spelling and segmentation variants of compounds meet;
 * - `chars`: character n-grams of the content words (Latin 3-5 within a word, Thai 2-4 over runs of
 *   Thai text, Thai function words included, because Thai word boundaries are themselves a guess), which absorb typos,
 *   inflections and segmentation noise.
 *
 * Everything here is pure and deterministic; nothing is fetched or loaded.
 */

/** Work is capped: a message longer than this is cut (customers say what matters first). */
export const MAX_CHARS = 1000;
/** At most this many word tokens are used. */
const MAX_TOKENS = 160;

export type Counts = Map<string, number>;

export interface TextFeatures {
  words: Counts;
  chars: Counts;
  /** The normalised text (for keyword matching). */
  normalized: string;
  /** Content tokens in order (stemmed). */
  tokens: string[];
  /** Every token in order, function words and particles included (for keyword phrase matching). */
  allTokens: string[];
  /** Emoji seen (pictographs, after dropping modifiers). */
  emoji: number;
  /** The message is worded as a question: "?", an interrogative word, a Thai question particle. */
  questionCue: boolean;
  /**
   * How the message is worded, whatever it is about (`CUES`): it says something went wrong
   * (`trouble`), it asks for a fact (`fact`), and what happened: still waiting, refused, not the
   * customer's doing, failed, undone.
   */
  cues: Record<Cue, boolean>;
}

const THAI_DIGIT_ZERO = 0x0e50;
const ZERO_WIDTH = /[\u200B-\u200F\u2060-\u2064\uFEFF\u00AD\u034F]/g;
const EMOJI = /\p{Extended_Pictographic}/gu;
const EMOJI_MODIFIERS = /[\u{1F3FB}-\u{1F3FF}\uFE0E\uFE0F\u20E3\u{E0020}-\u{E007F}]/gu;
const THAI_CHAR = /[\u0E00-\u0E7F]/;

/**
 * Common spelling variants of chat Thai, mapped to one form. These are facts of the written
 * language (colloquial question particles, informal transliterations), not of any taxonomy.
 */
const THAI_VARIANTS: [RegExp, string][] = [
  [/\u0E4D\u0E32/g, '\u0E33'], // nikhahit + sara aa typed for sara am
  [/(หรือ|รึ|หรือว่า)(เปล่า|ป่าว|ป่ะ|เปล่าคะ)/g, 'ไหม'],
  [/มั้ย|มั๊ย|ไม๊|มั๋ย/g, 'ไหม'],
  [/เท่าไร่|เท่าไร|เท่าไหร(?!่)|เท่าไห่/g, 'เท่าไหร่'],
  [/ยังงัย|ยังไงอ่ะ|ยังงี้|อย่างไร/g, 'ยังไง'],
  [/คร้าบ|ครัช|ครัฟ|คับ|ค้าบ|งับ/g, 'ครับ'],
  [/ค้ะ|คร่ะ/g, 'ค่ะ'],
  [/ล็อค/g, 'ล็อก'],
  [/เช็ค/g, 'เช็ก'],
  [/แอพ/g, 'แอป'],
  [/อัพ/g, 'อัป'],
  [/เดท(?=$|[^\u0E30-\u0E4E])/g, 'เดต'],
  [/อีเมล์/g, 'อีเมล'],
  [/ไลค์/g, 'ไลก์'],
  [/ๆ/g, ' '],
];

/** English contractions and their apostrophe-less chat spellings. */
const EN_NEGATIONS: [RegExp, string][] = [
  [/\b(ca|wo)n'?t\b/g, '$1n not'],
  [/\b(is|are|was|were|has|have|had|do|does|did|could|would|should|must|need)n'?t\b/g, '$1 not'],
  [/\bwon\b(?= not)/g, 'will'],
  [/\bcannot\b/g, 'can not'],
  [/'(s|re|ll|ve|m|d)\b/g, ''],
  [/\b(u)\b/g, 'you'],
  [/\b(ur)\b/g, 'your'],
  [/\b(pls|plz|plx)\b/g, 'please'],
  [/\b(tmr|tmrw|tomoro|tomorow|tommorow|tommorrow)\b/g, 'tomorrow'],
  [/\b(thx|thanx|tks|ty)\b/g, 'thanks'],
];

/**
 * Thai function words. ICU's dictionary also cuts compounds into them: "ที่อยู่" (address) is
 * "ที่" + "อยู่", "เจ้าหน้าที่" ends in "ที่", "ให้บริการ" starts with "ให้". Alone they are no word
 * feature, but they stay in the run of Thai letters that the character n-grams are cut from, so
 * that a compound made of them is not lost ("เปลี่ยนที่อยู่", change the address, was "เปลี่ยน").
 */
const THAI_FUNCTION_WORDS = new Set(['ที่', 'ของ', 'และ', 'ก็', 'ให้', 'ไป', 'มา', 'แล้ว', 'อยู่', 'เลย', 'จะ', 'คือ', 'ว่า', 'ซึ่ง', 'อัน', 'นี้', 'นั้น']);

/**
 * Left out of word features: English function words and Thai polite particles and pronouns. Kept
 * on purpose: negations (not, no, never, ไม่), question words (what, how, ไหม, ...), modal "can",
 * "please"; they carry the difference between a request, a problem and a question.
 */
const STOPWORDS = new Set([
  // English
  'a', 'an', 'the', 'i', 'me', 'my', 'mine', 'myself', 'we', 'our', 'us', 'you', 'your', 'yours', 'it', 'its', 'this',
  'that', 'these', 'those', 'is', 'am', 'are', 'was', 'were', 'be', 'been', 'being', 'to', 'of', 'in', 'on', 'at',
  'for', 'with', 'and', 'or', 'but', 'so', 'as', 'by', 'from', 'into', 'than', 'then', 'there', 'here', 'he', 'she',
  'they', 'them', 'their', 'his', 'her', 'him', 'just', 'also', 'very', 'really', 'will', 'would', 'shall', 'should',
  'have', 'has', 'had', 'do', 'does', 'did', 'get', 'got', 'some', 'any', 'all', 'too', 'guys', 'oh', 'um', 'hmm',
  // Thai particles, pronouns and fillers
  'ค่ะ', 'คะ', 'ครับ', 'ค่า', 'ฮะ', 'จ้า', 'จ้ะ', 'จ๊ะ', 'จ๋า', 'นะ', 'น่ะ', 'น้า', 'นะคะ', 'นะครับ', 'อ่ะ', 'อะ',
  'เด้อ', 'ล่ะ', 'ละ', 'ผม', 'ดิฉัน', 'ฉัน', 'หนู', 'เค้า', 'เรา', 'คุณ', 'พี่', 'น้อง', 'แอดมิน', 'แอด', 'ๆ',
  // Thai function words (also syllables of compounds: THAI_FUNCTION_WORDS)
  ...THAI_FUNCTION_WORDS,
]);

/** Light English stemming: plural, -ing, -ed, -ly, final e; doubled final consonants undone. */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || !/^[a-z]+$/.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = w.slice(0, -3) + 'y';
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // -ing / -ed only when a real stem remains ("noted" must not become "not").
  const suffix = w.endsWith('ing') ? 3 : w.endsWith('ed') ? 2 : 0;
  if (suffix) {
    const rest = w.slice(0, -suffix);
    const doubled = /([b-df-hj-np-tv-z])\1$/.test(rest) && !/(ll|ss|zz)$/.test(rest);
    if (doubled && rest.length >= 4) w = rest.slice(0, -1);
    else if (rest.length >= 4 && /[aeiouy]/.test(rest)) w = rest;
  } else if (w.endsWith('ly') && w.length >= 6) w = w.slice(0, -2);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  if (w.endsWith('y') && w.length > 4) w = w.slice(0, -1) + 'i';
  return w;
}

/** Normalisation shared by features and keyword matching. Never throws. */
export function normalizeText(input: string): string {
  let s = typeof input === 'string' ? input : '';
  if (s.length > MAX_CHARS) s = s.slice(0, MAX_CHARS);
  s = s.normalize('NFC').replace(ZERO_WIDTH, '').toLowerCase();
  s = s.replace(/[\u0E50-\u0E59]/g, (d) => String(d.charCodeAt(0) - THAI_DIGIT_ZERO));
  // Drawn-out letters: Thai vowels and tone marks never double; consonants and Latin letters
  // repeated three times or more are emphasis ("ค่าาาา", "คร้าบบบ", "pleaseeee").
  s = s.replace(/เเ/g, 'แ'); // two sara e typed for sara ae
  s = s.replace(/([\u0E30-\u0E3A\u0E40-\u0E4E])\1+/g, '$1');
  s = s.replace(/([\u0E01-\u0E2E])\1{2,}/g, '$1');
  s = s.replace(/([a-z])\1{2,}/g, '$1$1');
  for (const [re, to] of THAI_VARIANTS) s = s.replace(re, to);
  s = s.replace(/[’‘`´]/g, "'");
  // An order or booking number ("ORD-77812", "B-000123", "TX#5521") is one id: split at its
  // hyphen, its letters read as a word ("ord" as "order") and the report moved off its type.
  s = s.replace(/\b[a-z]{1,6}[-#]\d{3,}\b/g, ' xid ');
  for (const [re, to] of EN_NEGATIONS) s = s.replace(re, to);
  // Thousands separators and times, before punctuation goes.
  s = s.replace(/(\d),(\d{3})\b/g, '$1$2');
  return s;
}

/** Placeholder tokens written by `textFeatures` itself. */
const SENTINELS = new Set(['xtime', 'xsticker', 'xnum', 'xid', 'xlaugh', 'xemoji']);

/**
 * Numbers written as words are numbers: "a table for five at nine" is "a table for 5 at 9", which
 * the business's examples may have written either way. Not "one" or "หนึ่ง", which are also "a" ("a
 * new one", "อีกหนึ่งอย่าง"), nor "หก", which is also to spill.
 */
const NUMBER_WORDS = new Set([
  'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen',
  'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy',
  'eighty', 'ninety', 'hundred', 'thousand',
  'สอง', 'สาม', 'สี่', 'ห้า', 'เจ็ด', 'แปด', 'เก้า', 'สิบ', 'ยี่สิบ', 'ร้อย', 'พัน',
]);

/** Maps a raw word segment to the token used as a feature (or '' to drop it). */
function tokenOf(seg: string): string {
  if (SENTINELS.has(seg)) return seg;
  if (/^\d+$/.test(seg)) return /^5{3,}$/.test(seg) ? 'xlaugh' : 'xnum';
  if (NUMBER_WORDS.has(seg)) return 'xnum';
  if (/^\d{1,2}(am|pm|โมง|ทุ่ม|น)$/.test(seg)) return 'xtime';
  if (/\d/.test(seg) && /[a-z]/.test(seg)) return seg.length >= 4 ? 'xid' : seg.replace(/\d+/g, '');
  if (/^(ha){2,}h?$|^(he){2,}$|^lo+l$|^lmao$|^ฮ่า+$|^ฮ่าฮ่า$|^อิอิ$|^คิคิ$/.test(seg)) return 'xlaugh';
  if (/^[a-z']+$/.test(seg)) return stem(seg.replace(/'/g, ''));
  return seg;
}

/**
 * Words any question is asked with, whatever it is about: interrogatives, the verbs of asking and
 * wanting, negation, and the Thai question particles and asking phrases ("ได้ไหม", "อยากทราบ").
 * "Can I park?" shares "can I" with "Can I cancel?", and nothing of what that entry is about.
 */
const ASKING_WORDS = new Set(
  [
    'what', 'when', 'where', 'which', 'who', 'whom', 'whose', 'why', 'how', 'can', 'could', 'may', 'might', 'must',
    'please', 'tell', 'know', 'want', 'like', 'need', 'wonder', 'ask', 'question', 'there', 'much', 'many', 'long',
    'possible', 'able', 'not', 'no', 'yes', 'ok', 'okay',
    'ไหม', 'มั้ย', 'ได้ไหม', 'ได้', 'กี่', 'เท่าไหร่', 'เท่าไร', 'ยังไง', 'อย่างไร', 'อะไร', 'ที่ไหน', 'ตรงไหน', 'ไหน',
    'เมื่อไหร่', 'ทำไม', 'หรือยัง', 'รึยัง', 'บ้าง', 'อยาก', 'ทราบ', 'สอบถาม', 'ขอ', 'ถาม', 'รู้', 'หรือ', 'เปล่า',
    'ต้อง', 'มี', 'ไม่', 'หน่อย', 'ยัง', 'ไง',
  ].map(tokenOf),
);

/**
 * The words of a text that say what it is about: its content tokens less the words it is asked
 * with, and less numbers, times, ids and laughter.
 */
export function topicWords(f: TextFeatures): string[] {
  return f.tokens.filter((t) => !ASKING_WORDS.has(t) && !SENTINELS.has(t));
}

/** English particles that form compounds with the word before them ("log in", "sign in", "check out"). */
const PARTICLE_PAIRS = new Set(['in', 'on', 'out', 'off', 'up']);

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

function add(map: Counts, key: string, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function addCharGrams(map: Counts, text: string, min: number, max: number): void {
  const padded = `<${text}>`;
  // Thai and Latin letters are one code unit each: n-grams are slices. A letter outside the Basic
  // Multilingual Plane takes two, and the text is cut by code points instead.
  if (!SURROGATE.test(padded)) {
    for (let n = min; n <= max; n++) for (let i = 0; i + n <= padded.length; i++) add(map, padded.slice(i, i + n));
    return;
  }
  const chars = Array.from(padded);
  for (let n = min; n <= max; n++) {
    for (let i = 0; i + n <= chars.length; i++) add(map, chars.slice(i, i + n).join(''));
  }
}
const SURROGATE = /[\uD800-\uDFFF]/;

const QUESTION_EN = /^(what|when|where|which|who|whom|whose|why|how|is|are|do|does|did|can|could|will|would|may|should|any)\b|\b(what|when|where|which|who|why|how)\b|\b(i|we) (want|would like|need|like) to know\b|\btell me (about|if|whether)\b|\b(wonder|wondering|curious) (if|whether|about)\b|\binquir|\benquir/;
/**
 * Thai question words and particles, and the phrases that announce a question in polite Thai
 * ("อยากทราบว่า..." I would like to know, "สอบถาม..." I would like to ask, "ขอทราบ", "อยากรู้").
 */
const QUESTION_TH = /ไหม|กี่|เท่าไหร่|ยังไง|อะไร|ที่ไหน|ตรงไหน|ทางไหน|อันไหน|วันไหน|เมื่อไหร่|ทำไม|หรือยัง|รึยัง|เหรอ|หรอ|ป่ะ|มั้ง|บ้าง(?:คะ|ครับ|$|\s)|คะ(?:$|\s|\?)|อยากทราบ|ขอทราบ|อยากรู้|สอบถาม|ถามหน่อย|รบกวนถาม/;

/**
 * Saying something went wrong, whatever it is about: a failure, a loss, a negated action
 * ("can not", "has not arrived", "ยังไม่ได้"), a wait that goes on ("still"); and what happened
 * when it was refused, not the customer's doing, or failed (`WENT_WRONG`: "unauthorized use of my
 * card"). In English and Thai; "หรือไม่" (whether) and "ไม่ทราบ" (I do not know, a polite way to ask)
 * are asking, not trouble.
 */
const TROUBLE_EN = /\b(?<!or )(not|never|wrong|fail\w*|error\w*|problem\w*|issue|missing|lost|stolen|declin\w*|refus\w*|reject\w*|revert\w*|broke|broken|stuck|still|unable|trouble|twice|fraud\w*|scam\w*|overcharg\w*|damaged|faulty|incorrect)\b/;
const TROUBLE_TH = /(?<!หรือ)ไม่(?!ทราบ)|ผิด|หาย|พัง|ค้าง|ปัญหา|เสีย(?!เงิน|ค่า)|โดนหัก|ถูกหัก/;

/**
 * Asking for a fact: what, when, where, which, who, why, how much / many / long, and their Thai
 * (อะไร, เมื่อไหร่, ที่ไหน, เท่าไหร่, กี่, ทำไม); in English also asked as a request to be told
 * ("tell me my credit limit", "I want to know my balance", "let me know the time of the train"),
 * but not when what follows is a yes or no ("tell me if ...") or a way ("tell me how ..."), as
 * the question words themselves do not count those. Asking how to get something done ("what do I
 * do to order checks", "what is the procedure for ...") is a request for it, not a fact.
 */
const FACT_EN = /\b(what|when|where|which|who|whose|why)\b|\bhow (much|many|long|often|far|soon|old)\b|\b(tell me|let me know|(want|would like|need|like) to know)\b(?! (how|if|whether)\b)/;
const PROCEDURE_EN = /\b(what|who) (do|should|can|must) (i|we) (do|contact|ask|call|talk|see)\b|\bwhat (is|are) the (procedure|protocol|process|steps|way)\b|\bwhat (do|will) (i|we) need\b/;
const FACT_TH = /อะไร|เมื่อไหร่|ที่ไหน|ตรงไหน|เท่าไหร่|กี่|ทำไม|อันไหน|วันไหน/;

/**
 * What happened, in words any business's customers use: still waiting ("still pending", "has not
 * arrived", "ยังไม่ได้รับ"), refused ("declined", "was not accepted", "ไม่ผ่าน"), not the
 * customer's doing ("I did not make it", "unauthorised", "a bogus charge", "used without my
 * permission", "ไม่ได้สั่ง"), failed ("failed", "stopped
 * working", "ใช้ไม่ได้"), undone ("reverted", "cancelled", "ตีกลับ"). Matched on the normalised text,
 * where "hasn't" is "has not". "รอ" (wait) not inside "กรอก", "รอบ", "รอง", "รอด".
 */
const WAITING_EN = /\b(still|yet|pending|wait\w*|how long|(has|have|is|are|was|did) not (arrive\w*|receiv\w*|show\w*|clear\w*|come|gone|go|process\w*|appear\w*|updat\w*|reach\w*|credit\w*))\b/;
const WAITING_TH = /ยังไม่|รอ(?![กบงด])|ค้าง|นานแค่ไหน|เมื่อไหร่จะ/;
const REFUSED_EN = /\b(declin\w*|refus\w*|reject\w*|denied|blocked|(will|would|did|does) not (accept|go through|approve|let me)|not (accepted|approved|allowed|permitted))\b/;
const REFUSED_TH = /ปฏิเสธ|ไม่ผ่าน|ไม่อนุมัติ|ถูกบล็อก|โดนบล็อก/;
const DISOWNED_EN = /\b(not me|not mine|(did not|never) (make|do|authori[sz]e|perform|buy|order|request|purchase|sign up)|(do|does|did) not recogni[sz]e|not recogni[sz]ed|unrecogni[sz]ed|unauthori[sz]ed|unknown|strange|weird|suspicious|fraud\w*|unfamiliar|bogus|fake|without (my )?(permission|authori[sz]ation|consent|knowledge))\b/;
const DISOWNED_TH = /ไม่ได้ทำ|ไม่ได้สั่ง|ไม่ได้ซื้อ|ไม่ได้ใช้|ไม่ได้สมัคร|ไม่รู้จัก|แปลก|ไม่ใช่ของ/;
const FAILED_EN = /\b(fail\w*|error\w*|(not|stopped) work\w*|broke\w*|unsuccessful|crash\w*)\b/;
const FAILED_TH = /ไม่สำเร็จ|ล้มเหลว|ใช้ไม่ได้|ใช้งานไม่ได้|ไม่ได้ผล|พัง|เออเร่อ/;
const UNDONE_EN = /\b(revert\w*|revers\w*|returned|bounced|came back|sent back|refunded|cancel\w*|undo\w*)\b/;
const UNDONE_TH = /คืนเงิน|ส่งคืน|ตีกลับ|ยกเลิก/;

/** What happened, by cue: its English and Thai expressions. */
const HAPPENED = {
  waiting: [WAITING_EN, WAITING_TH],
  refused: [REFUSED_EN, REFUSED_TH],
  disowned: [DISOWNED_EN, DISOWNED_TH],
  failed: [FAILED_EN, FAILED_TH],
  undone: [UNDONE_EN, UNDONE_TH],
};
const says = (expressions: RegExp[]) => (normalized: string) => expressions.some((re) => re.test(normalized));
/** The same expressions, to take every occurrence out (`replace` needs them global). */
const HAPPENED_EVERYWHERE = Object.values(HAPPENED).flatMap((expressions) => expressions.map((re) => new RegExp(re.source, 'g')));

/**
 * A normalised text without the words that say what happened ("I was declined when I tried to get
 * cash" becomes "I was   when I tried to get cash"): what the message is about, when the state is
 * judged apart from it.
 */
export function withoutWhatHappened(normalized: string): string {
  let text = normalized;
  for (const re of HAPPENED_EVERYWHERE) text = text.replace(re, ' ');
  return text;
}

/**
 * What happened that is itself something gone wrong: refused, not the customer's doing, failed. A
 * wait or an undoing may be what the customer asks about ("how long does it take", "can I cancel").
 */
const WENT_WRONG = [HAPPENED.refused, HAPPENED.disowned, HAPPENED.failed].map(says);

/** Ways of wording a message that say something of its kind or type, whatever it is about. */
export const CUES = {
  trouble: (normalized: string) => TROUBLE_EN.test(normalized) || TROUBLE_TH.test(normalized) || WENT_WRONG.some((saysIt) => saysIt(normalized)),
  fact: (normalized: string) => (FACT_EN.test(normalized) && !PROCEDURE_EN.test(normalized)) || FACT_TH.test(normalized),
  waiting: says(HAPPENED.waiting),
  refused: says(HAPPENED.refused),
  disowned: says(HAPPENED.disowned),
  failed: says(HAPPENED.failed),
  undone: says(HAPPENED.undone),
};
export type Cue = keyof typeof CUES;
const CUE_NAMES = Object.keys(CUES) as Cue[];

/** Each cue of `CUES`, counted by `count`: one place to add a cue. */
export function perCue<T>(count: (cue: Cue) => T): Record<Cue, T> {
  return Object.fromEntries(CUE_NAMES.map((cue) => [cue, count(cue)])) as Record<Cue, T>;
}

/**
 * Asking the business to arrange something, in any words: to book, reserve, order, buy, rent,
 * sign up, get or have something; a request ("can you ...", "please", "I'd like", "ขอ", "อยาก",
 * "ต้องการ"); or whether there is room ("any slots", "available", "free"). A question with none of
 * these ("How much is the sushi class?", "Is the city tour suitable for kids?") asks about a service;
 * it does not book it (`asksAboutOnly`).
 */
const WANTS_EN = /\b(book\w*|reserv\w*|schedul\w*|sign (me )?up|order|buy|purchas\w*|rent\w*|appointment|get|getting|have|apply|join|slots?|availab\w*|free|want|wanna|like to|need|let's|please|can you|could you|would you|find me)\b/;
// "อยากทราบ", "ขอทราบ", "ต้องการทราบ", "ขอสอบถาม" announce a question (QUESTION_TH), not a want.
const WANTS_TH = /จอง|นัด|สั่ง|ซื้อ|ขอ(?!ทราบ|ถาม|สอบถาม|รู้)|อยาก(?!ทราบ|รู้|ถาม|สอบถาม)|ต้องการ(?!ทราบ|รู้)|สมัคร|เอา|ว่างไหม|ว่างมั้ย|มีคิว|ได้ไหม|ได้มั้ย/;
export const wantsArranged = (normalized: string) => WANTS_EN.test(normalized) || WANTS_TH.test(normalized);

/** Whether a normalised text is worded as a question. */
export function hasQuestionCue(normalized: string): boolean {
  if (normalized.includes('?')) return true;
  return normalized.split(/[.!,;\n]+/).some((clause) => QUESTION_EN.test(clause.trim())) || QUESTION_TH.test(normalized);
}

/** Features of one message (or one taxonomy phrase). */
export function textFeatures(input: string): TextFeatures {
  const normalized = normalizeText(input);
  const words: Counts = new Map();
  const chars: Counts = new Map();
  let emoji = 0;

  // Emoji become tokens of their own ("e:😂") plus one generic token; modifiers are dropped.
  let text = normalized.replace(EMOJI_MODIFIERS, '');
  text = text.replace(EMOJI, (e) => {
    emoji++;
    if (emoji <= 8) {
      add(words, `e:${e}`);
      add(words, 'xemoji');
    }
    return ' ';
  });
  // Times like 22:00 or 9.30 are one token; stickers from LINE arrive as a bracketed word.
  text = text.replace(/\b\d{1,2}[:.]\d{2}\b/g, ' xtime ');
  text = text.replace(/[[(]\s*(sticker|สติกเกอร์|สติ๊กเกอร์)\s*[\])]/g, ' xsticker ');

  const tokens: string[] = [];
  const allTokens: string[] = [];
  // Every token, stopwords included, for neighbour pairs; `content` only for unigrams and n-grams.
  const seq: { tok: string; content: boolean; thai: boolean }[] = [];
  for (const part of segmenter.segment(text)) {
    if (!part.isWordLike) continue;
    const seg = part.segment;
    const tok = tokenOf(seg);
    if (!tok) continue;
    const content = !STOPWORDS.has(tok) && !STOPWORDS.has(seg);
    seq.push({ tok, content, thai: THAI_CHAR.test(tok) });
    allTokens.push(tok);
    if (seq.length >= MAX_TOKENS) break;
  }

  let thaiRun = '';
  const flushThai = () => {
    if (thaiRun) addCharGrams(chars, thaiRun, 2, 4);
    thaiRun = '';
  };
  for (let i = 0; i < seq.length; i++) {
    const { tok, content, thai } = seq[i];
    if (content) {
      add(words, tok);
      tokens.push(tok);
      if (thai) thaiRun += tok;
      else {
        flushThai();
        if (tok.length >= 2 && !tok.startsWith('x')) addCharGrams(chars, tok, 3, 5);
      }
    } else if (thai && THAI_FUNCTION_WORDS.has(tok)) thaiRun += tok;
    else if (!thai) flushThai();
    if (i > 0) {
      const prev = seq[i - 1];
      if ((prev.content && content) || (prev.content && !thai && PARTICLE_PAIRS.has(tok))) add(words, prev.tok + tok);
    }
  }
  flushThai();

  return { words, chars, normalized, tokens, allTokens, emoji, questionCue: hasQuestionCue(normalized), cues: perCue((cue) => CUES[cue](normalized)) };
}
