import { z } from 'zod';

/**
 * What a business says it does: the case types and bookable services (with descriptions,
 * keywords and example phrases) and FAQ entries the classifiers work from. The same shape is the
 * `--taxonomy` file of `npm run classify`; an org's taxonomy is read from its master data.
 */
export const taxonomyEntrySchema = z.object({
  key: z.string().min(1),
  name: z.object({ en: z.string().optional(), th: z.string().optional() }).default({}),
  description: z.string().default(''),
  keywords: z.array(z.string()).default([]),
  examples: z.array(z.string()).default([]),
});

export const faqEntrySchema = z.object({
  key: z.string().min(1),
  question: z.string().min(1),
  answer: z.string().min(1),
  /** Words that name what the entry is about ("แผนที่", "parking"), as for case types and services. */
  keywords: z.array(z.string()).optional(),
});

export const taxonomySchema = z.object({
  caseTypes: z.array(taxonomyEntrySchema).default([]),
  bookingTypes: z.array(taxonomyEntrySchema).default([]),
  faq: z.array(faqEntrySchema).default([]),
});

export type TaxonomyEntry = z.infer<typeof taxonomyEntrySchema>;
export type FaqEntry = z.infer<typeof faqEntrySchema>;
export type Taxonomy = z.infer<typeof taxonomySchema>;

/**
 * The entries (case types or services) whose own words (names, keywords, examples) `words` finds: a
 * business's type for moving a booking is the one whose examples ask to move one
 * ("ขอเลื่อนคลาสวันเสาร์ได้ไหมคะ"); a service that is a gift voucher says so in its name.
 */
export function entriesSaying(entries: TaxonomyEntry[], words: RegExp): string[] {
  return entries.filter((c) => [c.name.en, c.name.th, ...c.keywords, ...c.examples].some((w) => w && words.test(w))).map((c) => c.key);
}

/** The FAQ entries whose question, answer or keywords `words` finds: an entry that speaks of what to bring. */
export function faqSaying(faq: FaqEntry[], words: RegExp): string[] {
  return faq.filter((f) => [f.question, f.answer, ...(f.keywords ?? [])].some((w) => words.test(w))).map((f) => f.key);
}

/**
 * The service a text names, by its name (Thai or English) or one of its keywords, the longest match
 * first ("private lesson", "คลาสทำอาหารไทย"): what a question about a price is about. Undefined when
 * it names none, or when the FAQ entry `answeredBy` (the one the message was read as) names that
 * service too: the business's own answer wins. One that does not ("นวดไทยราคาเท่าไหร่" read as the
 * cooking classes' prices, which say nothing of massage) does not answer for it.
 * `orElse`: the service meant when the text names none (the one being booked, for "how much is it?").
 */
export function serviceNamedIn(taxonomy: Taxonomy, text: string, answeredBy?: string, orElse?: string): string | undefined {
  let best = entryNamedIn(taxonomy.bookingTypes, text);
  if (!best && orElse && taxonomy.bookingTypes.some((s) => s.key === orElse)) best = orElse;
  if (!best || answeredBy === undefined) return best;
  const service = taxonomy.bookingTypes.find((s) => s.key === best)!;
  const answer = taxonomy.faq.filter((f) => f.key === answeredBy).map((f) => `${f.question}\n${f.answer}`).join('\n').toLowerCase();
  return namesOf(service).some((w) => w.length >= 3 && answer.includes(w)) ? undefined : best;
}

/**
 * The service a text calls by its own name, Thai or English (not a keyword), the longest first: "do
 * you offer airport transfers?" calls the airport transfer; "do you do hot stone massage?" calls
 * none (a keyword, "massage", says only what kind of thing it is).
 */
export function serviceCalledIn(taxonomy: Taxonomy, text: string): string | undefined {
  return entryNamedIn(taxonomy.bookingTypes, text, ownNamesOf) ?? entryNamedIn(taxonomy.bookingTypes, text, (e) => keywordsJoinedIn(e, text.toLowerCase()));
}

/**
 * Two of a service's keywords said one after the other, as a name is ("airport pickups" at a business
 * whose airport transfer has both "airport" and "pickup"; r145: no answer found, a person called): the
 * words so joined. One keyword ("hot stone massage") or two apart ("massage at the spa") call nothing.
 */
function keywordsJoinedIn(e: TaxonomyEntry, said: string): string[] {
  const words = e.keywords.map((w) => w.trim().toLowerCase()).filter((w) => w.length >= 3);
  const joined: string[] = [];
  for (const a of words) {
    for (let at = said.indexOf(a); at >= 0; at = said.indexOf(a, at + 1)) {
      const after = said.slice(at + a.length).replace(/^[\s-]/, '');
      // A word of Latin letters ends where a letter does not follow (a plural's "s" aside); Thai runs on.
      const ends = (b: string) => !/[a-z]$/.test(b) || !/^\p{L}/u.test(after.slice(b.length).replace(/^s\b/, ''));
      for (const b of words) if (b !== a && after.startsWith(b) && ends(b)) joined.push(said.slice(at, said.length - after.length + b.length));
    }
  }
  return joined;
}

/**
 * Every service a text names by its name or a keyword, in the order it names them: "a massage and
 * the city tour, both for tomorrow" is the massage, then the tour. A longer name claims its words
 * first, so a word of it is not another service's too ("Thai cooking class" is not also the
 * "cooking class" of another); a service named twice counts once.
 */
export function servicesNamedIn(taxonomy: Taxonomy, text: string): string[] {
  const said = text.toLowerCase();
  const found: { key: string; at: number; length: number }[] = [];
  for (const e of taxonomy.bookingTypes) {
    for (const w of namesOf(e)) {
      if (w.length < 3) continue;
      for (let at = said.indexOf(w); at >= 0; at = said.indexOf(w, at + 1)) found.push({ key: e.key, at, length: w.length });
      const apart = spreadIn(said, w);
      if (apart) found.push({ key: e.key, ...apart });
    }
  }
  const claimed: { at: number; end: number; key: string }[] = [];
  for (const f of found.sort((a, b) => b.length - a.length)) {
    if (!claimed.some((c) => f.at < c.end && c.at < f.at + f.length)) claimed.push({ at: f.at, end: f.at + f.length, key: f.key });
  }
  return [...new Set(claimed.sort((a, b) => a.at - b.at).map((c) => c.key))];
}

/**
 * The case type a text names by its name or one of its keywords, the longest match first ("I want
 * a full refund" at a business whose refund type's keyword is "refund"; "ขอคืนเงิน", its Thai name).
 */
export function caseTypeNamedIn(taxonomy: Taxonomy, text: string): string | undefined {
  return entryNamedIn(taxonomy.caseTypes, text);
}

function entryNamedIn(entries: TaxonomyEntry[], text: string, names: (e: TaxonomyEntry) => string[] = namesOf): string | undefined {
  const said = text.toLowerCase();
  let best: { key: string; length: number } | undefined;
  for (const e of entries) {
    for (const w of names(e)) {
      if (w.length >= 3 && (said.includes(w) || spreadIn(said, w)) && (!best || w.length > best.length)) best = { key: e.key, length: w.length };
    }
  }
  return best?.key;
}

/**
 * A Thai name of words apart ("ทริปส่วนตัว 1 วัน") said with a few words between them, in its order:
 * "ทริปส่วนตัวไปอยุธยา 1 วัน ราคาเท่าไหร่คะ" (r143: where the trip goes, between; no answer found, a
 * person called). Thai only, where a name's spaces part its own words: in English "thai massage and
 * a cooking class" would be the Thai cooking class. Where it is said, from its first word to its last.
 */
function spreadIn(said: string, name: string): { at: number; length: number } | undefined {
  let apart = SPREAD.get(name);
  if (apart === undefined) {
    const words = name.split(/\s+/);
    apart = words.length < 2 || !/\p{Script=Thai}/u.test(name) ? null : new RegExp(words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join(String.raw`\s*[^\s]{0,12}\s?`));
    SPREAD.set(name, apart);
  }
  const m = apart?.exec(said);
  return m ? { at: m.index, length: m[0].length } : undefined;
}
/** Each name's pattern, made once (null: a name that is not Thai words apart). */
const SPREAD = new Map<string, RegExp | null>();

/**
 * An entry's names and keywords, lower-cased; a class's name also as what it teaches is said
 * ("คลาสทำอาหารไทย": "เรียนทำอาหารไทย"; "Thai cooking class": "learn thai cooking", "thai cooking
 * lesson"): a parent writes "อยากให้ลูกเรียนทำอาหารไทย", not the class's name (r69).
 */
/** An entry's own names, Thai and English, lower-cased: no keyword. */
function ownNamesOf(e: TaxonomyEntry): string[] {
  return [e.name.en, e.name.th].flatMap((n) => (n?.trim() ? [n.trim().toLowerCase()] : []));
}

function namesOf(e: TaxonomyEntry): string[] {
  const names = [e.name.en, e.name.th, ...e.keywords].flatMap((w) => (w?.trim() ? [w.trim().toLowerCase()] : []));
  return names.flatMap((n) => [n, ...taughtAs(n)]);
}

function taughtAs(name: string): string[] {
  const thai = /^(?:คลาส|คอร์ส)(.{3,})$/.exec(name);
  if (thai) return [`เรียน${thai[1]}`];
  const english = /^(.{3,}?) (?:class|course)$/.exec(name);
  return english ? [`learn ${english[1]}`, `${english[1]} lesson`] : [];
}
