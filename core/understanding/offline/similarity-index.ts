import type { Kind } from '../classification.ts';
import { phrasingsOf } from '../../contracts/faq-phrasings.ts';
import type { Taxonomy } from '../taxonomy.ts';
import { KIND_PROTOTYPES, OFF_TOPIC, SMALL_TALK, type SmallTalkType } from './kind-prototypes.ts';
import { normalizeText, perCue, textFeatures, topicWords, type Counts, type Cue, type TextFeatures } from './text-features.ts';
import { sentenceVector, unit, wordVectors, type WordVectors } from './word-vectors.ts';
import { scoreLinear, trainLinear, type LabelledText, type LinearModel, type Spaces } from './linear-model.ts';
import { whiten, withinClassWhitening, type Whitening } from './whitening.ts';
import { hubPenalties } from './hubness.ts';
import { spellingsOf, type Spellings } from './spelling.ts';

/**
 * A TF-IDF index of one taxonomy, built once and kept (see `indexFor`): every class (case type,
 * bookable service, FAQ entry, and the built-in generic examples of each kind) is a set of example
 * documents, a centroid, and a list of keywords. Scoring a message is a sparse dot product through
 * inverted postings, so its cost grows with the message's features and their postings, not with
 * the number of classes times examples. English texts also have a meaning (`MeaningIndex`): a
 * dense vector, compared with every English document and centroid.
 */

export type ClassSource = 'case' | 'booking' | 'faq' | 'generic';

export interface IndexedClass {
  kind: Kind;
  source: ClassSource;
  /** The taxonomy key; for generic classes, the kind. */
  key: string;
  /** Example documents [docStart, docEnd) in the index: the business's phrases, then its names. */
  docStart: number;
  docEnd: number;
  /** Where the names begin: [docStart, phrasesEnd) are the phrases the business wrote as examples. */
  phrasesEnd: number;
  /** FAQ answers [answerStart, answerEnd): used to tell FAQ entries apart, never for the kind. */
  answerStart: number;
  answerEnd: number;
  keywords: Keyword[];
  /**
   * Per name (documents [phrasesEnd, docEnd)), how much it counts among the nearest examples the
   * kind is judged by: its specificity as a keyword. A name is the business's title for the class,
   * a few words with nothing of how customers ask; when other classes say those words too (the
   * service "Order", and "where is my order?" in the FAQ entry on order status), the name speaks
   * for this class as little as its keyword does. In full for the type (hubs discounted), and for a
   * class that has no phrases but its name.
   */
  nameWeight: number[];
  /**
   * Per cue (`CUES`), the share of its phrases worded so: how the business words this class. A
   * question the business itself writes as trouble ("the internet does not work on my new SIM")
   * is not set back when a message is worded the same way.
   */
  cueShare: Record<Cue, number>;
  /**
   * The same, or 1 when the class's name is worded so: what happened, as the business tells its
   * types apart ("Pending top-up", "Declined transfer"; the phrases alone may not say it).
   */
  happenedShare: Record<Cue, number>;
  /** For the built-in small talk: what each example is for, by document (greeting, thanks, ...). */
  tags?: string[];
}

interface Keyword {
  /** Thai (or mixed) keywords: the normalised text without spaces, matched as a substring. */
  compact?: string;
  /** All its tokens (particles and function words too: "ของไม่มา" is not just "ไม่"), matched in
   * order with at most KEYWORD_GAP other tokens between them. */
  tokens: string[];
  /** Latin keywords: the tokens written together ("top up" = "topup"). */
  joined?: string;
  /** 1 / number of classes using this keyword: as a keyword, or in their examples. */
  specificity: number;
}

interface Postings {
  docs: Int32Array;
  weights: Float32Array;
}

interface Space {
  vocab: Map<string, number>;
  idf: Float64Array;
  maxIdf: number;
  docPostings: Postings[];
  centroidPostings: Postings[];
}

export interface TaxonomyIndex {
  classes: IndexedClass[];
  /**
   * Per word feature: how many texts of the business (its examples, names, descriptions, keywords,
   * FAQ questions and answers) use it. The built-in generic examples do not count.
   */
  businessWordCount: Int32Array;
  /** 1 for the example documents of the built-in generic classes. */
  genericDoc: Uint8Array;
  /** Example documents are [0, businessDocEnd); answers follow. */
  businessDocEnd: number;
  /** Word features used by the built-in small-talk examples (for `smallTalkCoverage`). */
  smallTalkVocab: Set<string>;
  docCount: number;
  /** The text of each example document (answers excluded), for leave-one-out calibration. */
  docText: string[];
  /** What each document (examples and answers) is about (`topicWords`), for `saysWhatClassIsAbout`. */
  docTopics: string[][];
  words: Space;
  chars: Space;
  /** Scratch buffers, reused by every query (scoring is synchronous). */
  scratch: { docWord: Float32Array; docChar: Float32Array; centWord: Float32Array; centChar: Float32Array; wordNorm: number; charNorm: number };
  /** The meaning of the English texts (from word vectors), when the process has word vectors. */
  meaning: MeaningIndex | undefined;
  /** The word vectors the index was built with (an index is rebuilt when they change). */
  vectors: WordVectors | null;
  /** The English words of the business's texts, for a customer's slip of the keyboard (`spelling.ts`). */
  spellings: Spellings;
  /**
   * Which of booking, case and question (`KIND_MODEL_LABELS`) a text of this business is, learnt
   * from its examples and the built-in wording of each kind (`linear-model.ts`, `trainKindModel`);
   * none when the business has classes of one kind only.
   * Two, like the confidence models: on words and letters alone (for any message without a
   * meaning: Thai is judged exactly as without word vectors), and with meaning (English).
   */
  kindModel: { lexical: LinearModel; meaning: LinearModel | undefined } | undefined;
  /**
   * Per example document of the business, what its similarity loses when a type is chosen within a
   * kind (`hubness.ts`): by words and letters, and with meaning (English), as a message is scored.
   */
  hub: { lexical: Float32Array; meaning: Float32Array | undefined };
}

/**
 * Sentence vectors (`offline/word-vectors.ts`) of every document and class centroid, centred on
 * the taxonomy's own mean: what all of this business's texts share (and the generic examples') says
 * nothing about which of them a message is like.
 */
interface MeaningIndex {
  vectors: WordVectors;
  dims: number;
  mean: Float32Array;
  /** How the business's phrases of one class vary, discounted (`offline/whitening.ts`); null: plain cosine. */
  whitening: Whitening | null;
  /** Per document / class: its unit vector (rows of `dims`), and whether it has one (English). */
  doc: Float32Array;
  hasDoc: Uint8Array;
  centroid: Float32Array;
  hasCentroid: Uint8Array;
  /**
   * How alike two texts of different classes of this business are, at most, nine times in ten:
   * a cosine up to this is the background of the language, and counts 0.
   */
  background: number;
  /** Scratch: cosine of the message to each document and centroid, rescaled. */
  docSim: Float32Array;
  centroidSim: Float32Array;
  /** Scratch: the last message's centred unit meaning (null: it had none). */
  query: Float32Array | null;
}

export interface ClassScores {
  /** Per class: best example similarity, top-k mean, centroid similarity, keyword evidence (0..1). */
  top1: Float64Array;
  /** Per class: the example document of `top1` (-1 when none). */
  topDoc: Int32Array;
  topk: Float64Array;
  /**
   * Per class of the business, top-1 and top-k again with each example's hub penalty taken off
   * (`hubness.ts`): what chooses the type within a kind.
   */
  typeTop1: Float64Array;
  typeTopk: Float64Array;
  /** Per class: best example similarity by words and letters alone (without meaning). */
  lexicalTop1: Float64Array;
  centroid: Float64Array;
  keyword: Float64Array;
  /** Per FAQ class: best similarity to one of its answers (0 for other classes). */
  answer: Float64Array;
  /** Share of the message's word weight (idf) made of small-talk vocabulary, 0..1. */
  smallTalkCoverage: number;
  /**
   * Share of the message's word weight (idf) made of words the business itself uses, 0..1: "how
   * long does pizza take" shares "how long ... take" with a card-delivery question, not "pizza".
   */
  businessCoverage: number;
  /** Whether the message's meaning (word vectors) counted: an English message, vectors loaded. */
  meaning: boolean;
}

/** The key of the built-in off-topic lines' class (`OFF_TOPIC`), a generic class of kind `other`. */
export const OFF_TOPIC_KEY = 'off_topic';

/** Weight of word features against character n-grams in the similarity. */
export const WORD_WEIGHT = 0.5;
/**
 * Weight of meaning (word vectors) in the similarity of two English texts, against their words and
 * character n-grams together: three kinds of evidence, each a third.
 */
export const MEANING_WEIGHT = 1 / 3;
/** See `MeaningIndex.background`. */
const BACKGROUND_QUANTILE = 0.9;
/** Pairs of texts sampled for the background, at most: bounds build time. */
const BACKGROUND_PAIRS = 20_000;
/** Weight of a description or FAQ answer in a class centroid, against an example. */
const CONTEXT_WEIGHT = 0.5;

const THAI = /[\u0E00-\u0E7F]/;

interface ClassDraft {
  kind: Kind;
  source: ClassSource;
  key: string;
  examples: string[];
  /** How many of the last `examples` are the class's names (an example of how customers say it too). */
  nameCount: number;
  /** Text that describes the class but is not how customers write (centroid only, down-weighted). */
  context: string[];
  /** FAQ answers. */
  answers: string[];
  keywords: string[];
  tags?: string[];
}

function drafts(taxonomy: Taxonomy): ClassDraft[] {
  const out: ClassDraft[] = [];
  const entry = (kind: Kind, source: ClassSource, e: Taxonomy['caseTypes'][number]): ClassDraft => {
    const names = [e.name?.en, e.name?.th].filter((n): n is string => !!n && n.trim() !== '');
    return {
      kind,
      source,
      key: e.key,
      examples: [...(e.examples ?? []).filter((t) => typeof t === 'string' && t.trim() !== ''), ...names],
      nameCount: names.length,
      context: e.description ? [e.description] : [],
      answers: [],
      keywords: [...(e.keywords ?? []), ...names],
    };
  };
  for (const e of taxonomy.caseTypes ?? []) out.push(entry('case', 'case', e));
  for (const e of taxonomy.bookingTypes ?? []) out.push(entry('booking', 'booking', e));
  for (const f of taxonomy.faq ?? []) {
    out.push({
      kind: 'question',
      source: 'faq',
      key: f.key,
      examples: phrasingsOf(f.question),
      nameCount: 0,
      context: phrasingsOf(f.answer),
      answers: phrasingsOf(f.answer),
      keywords: f.keywords ?? [],
    });
  }
  for (const kind of ['question', 'booking', 'case'] as const) {
    out.push({ kind, source: 'generic', key: kind, examples: KIND_PROTOTYPES[kind], nameCount: 0, context: [], answers: [], keywords: [] });
  }
  // What no service business is there for: matched like the small talk, named `out_of_scope`.
  out.push({ kind: 'other', source: 'generic', key: OFF_TOPIC_KEY, examples: OFF_TOPIC, nameCount: 0, context: [], answers: [], keywords: [] });
  const smallTalk = Object.entries(SMALL_TALK) as [SmallTalkType, string[]][];
  out.push({
    kind: 'other',
    source: 'generic',
    key: 'other',
    examples: smallTalk.flatMap(([, lines]) => lines),
    nameCount: 0,
    tags: smallTalk.flatMap(([tag, lines]) => lines.map(() => tag)),
    context: [],
    answers: [],
    keywords: [],
  });
  return out;
}

/** Tokens a keyword may skip between its own words ("ยอดไม่ขึ้น" matches "ยอดยังไม่ขึ้น"). */
const KEYWORD_GAP = 2;

function keywordOf(text: string): Omit<Keyword, 'specificity'> | null {
  const normalized = normalizeText(text).trim();
  if (!normalized) return null;
  const tokens = textFeatures(text).allTokens;
  if (THAI.test(normalized)) return { compact: normalized.replace(/\s+/g, ''), tokens };
  if (tokens.length === 0) return null;
  return { tokens, joined: tokens.join('') };
}

const keywordId = (k: Omit<Keyword, 'specificity'>) => k.compact ?? `~${k.joined}`;

type Vec = Map<number, number>;

function weigh(counts: Counts, vocab: Map<string, number>, idf: Float64Array): Vec {
  const v: Vec = new Map();
  let norm = 0;
  for (const [f, c] of counts) {
    const id = vocab.get(f);
    if (id === undefined) continue;
    const w = (1 + Math.log(c)) * idf[id];
    v.set(id, w);
    norm += w * w;
  }
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (const [id, w] of v) v.set(id, w * inv);
  }
  return v;
}

/**
 * The vocabulary and inverse frequencies of one feature space. Frequencies count classes, not
 * documents: a word that all five examples of one class use is that class's signature, and must
 * not weigh less than a word used once by chance.
 */
function buildSpace(docFeatures: Counts[], docClass: number[], contextFeatures: Counts[]): Omit<Space, 'docPostings' | 'centroidPostings'> {
  const vocab = new Map<string, number>();
  const df: number[] = [];
  const lastClass: number[] = [];
  for (let d = 0; d < docFeatures.length; d++) {
    for (const f of docFeatures[d].keys()) {
      let id = vocab.get(f);
      if (id === undefined) {
        id = vocab.size;
        vocab.set(f, id);
        df.push(0);
        lastClass.push(-1);
      }
      if (lastClass[id] !== docClass[d]) {
        df[id]++;
        lastClass[id] = docClass[d];
      }
    }
  }
  // Features seen only in descriptions and keywords get the rarest weight.
  for (const counts of contextFeatures) {
    for (const f of counts.keys()) {
      if (!vocab.has(f)) {
        vocab.set(f, vocab.size);
        df.push(0);
      }
    }
  }
  const n = new Set(docClass).size;
  const idf = new Float64Array(df.length);
  let maxIdf = 1;
  for (let i = 0; i < df.length; i++) {
    idf[i] = Math.log((n + 1) / (df[i] + 1)) + 1;
    if (idf[i] > maxIdf) maxIdf = idf[i];
  }
  return { vocab, idf, maxIdf };
}

/**
 * Per feature, the documents that have it and their weights, in document order. All lists are views
 * into two arrays, filled in two passes (count, then place): a build makes tens of thousands of
 * lists (one per character n-gram), and one small array each cost about 6 % of a build, mostly in
 * garbage collection (docs/understanding.md, "Latency").
 */
function toPostings(vectors: Vec[], size: number): Postings[] {
  const start = new Int32Array(size + 1);
  for (const v of vectors) for (const id of v.keys()) start[id + 1]++;
  for (let id = 0; id < size; id++) start[id + 1] += start[id];
  const docs = new Int32Array(start[size]);
  const weights = new Float32Array(start[size]);
  const next = start.slice(0, size);
  vectors.forEach((v, doc) => {
    for (const [id, w] of v) {
      docs[next[id]] = doc;
      weights[next[id]++] = w;
    }
  });
  return Array.from({ length: size }, (_, id) => ({ docs: docs.subarray(start[id], start[id + 1]), weights: weights.subarray(start[id], start[id + 1]) }));
}

function addInto(target: Vec, v: Vec, by: number): void {
  for (const [id, w] of v) target.set(id, (target.get(id) ?? 0) + w * by);
}

function normalise(v: Vec): Vec {
  let norm = 0;
  for (const w of v.values()) norm += w * w;
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (const [id, w] of v) v.set(id, w * inv);
  }
  return v;
}

/**
 * The features of the built-in generic examples, off-topic lines and small talk: the same for every
 * taxonomy, so read once per process, not at every build (about a tenth of a build's cost).
 */
const builtInFeatures = new Map<string, TextFeatures>();

/** The features of a built-in text (`offline/kind-prototypes.ts`), read once. */
export function featuresOfBuiltIn(text: string): TextFeatures {
  let f = builtInFeatures.get(text);
  if (!f) builtInFeatures.set(text, (f = textFeatures(text)));
  return f;
}

export function buildIndex(taxonomy: Taxonomy): TaxonomyIndex {
  const classDrafts = drafts(taxonomy);
  const classes: IndexedClass[] = [];
  const docFeats: TextFeatures[] = [];
  const docText: string[] = [];
  const docClass: number[] = [];
  /** Answer documents: scored like examples but kept out of every class's own examples. */
  const answerDocs: { cls: number; f: TextFeatures }[] = [];
  const contextFeats: { cls: number; f: TextFeatures; weight: number }[] = [];

  // Keywords: one per distinct normalised form per class; specificity by how many classes share it.
  const keywordClasses = new Map<string, Set<number>>();
  const classKeywords: Omit<Keyword, 'specificity'>[][] = [];

  classDrafts.forEach((d, ci) => {
    const docStart = docFeats.length;
    for (const ex of d.examples) {
      docFeats.push(d.source === 'generic' ? featuresOfBuiltIn(ex) : textFeatures(ex));
      docText.push(ex);
      docClass.push(ci);
    }
    const phrasesEnd = docFeats.length - d.nameCount;
    const phrases = docFeats.slice(docStart, phrasesEnd);
    const share = (cue: Cue) => (phrases.length ? phrases.filter((f) => f.cues[cue]).length / phrases.length : 0);
    const names = docFeats.slice(phrasesEnd);
    const happened = (cue: Cue) => (names.some((f) => f.cues[cue]) ? 1 : share(cue));
    classes.push({ kind: d.kind, source: d.source, key: d.key, docStart, docEnd: docFeats.length, phrasesEnd, answerStart: 0, answerEnd: 0, keywords: [], nameWeight: [], cueShare: perCue(share), happenedShare: perCue(happened), tags: d.tags });
    for (const a of d.answers) answerDocs.push({ cls: ci, f: textFeatures(a) });
    for (const c of d.context) contextFeats.push({ cls: ci, f: textFeatures(c), weight: CONTEXT_WEIGHT });
    const kws = new Map<string, Omit<Keyword, 'specificity'>>();
    for (const k of d.keywords) {
      if (typeof k !== 'string') continue;
      const kw = keywordOf(k);
      if (!kw) continue;
      const id = keywordId(kw);
      kws.set(id, kw);
      if (!keywordClasses.has(id)) keywordClasses.set(id, new Set());
      keywordClasses.get(id)!.add(ci);
      // Keywords also describe the class in its centroid, like an example.
      contextFeats.push({ cls: ci, f: textFeatures(k), weight: 1 });
    }
    classKeywords.push([...kws.values()]);
  });
  // A keyword is as specific as the classes that use it are few: those that have it as a keyword,
  // and the business's other classes whose examples say it ("order" names the service Order, and
  // the FAQ entry on order status asks "where is my order?").
  const compactDocs = docFeats.map((f) => f.normalized.replace(/\s+/g, ''));
  // Per class, every token its examples use and all their text: most classes are ruled out at once.
  const classTokens = classes.map((c) => {
    const seen = new Set<string>();
    for (let d = c.docStart; d < c.docEnd; d++) {
      for (const t of docFeats[d].allTokens) seen.add(t);
      for (const t of docFeats[d].words.keys()) seen.add(t);
    }
    return seen;
  });
  const classCompact = classes.map((c) => compactDocs.slice(c.docStart, c.docEnd).join('\n'));
  // Counted by entry, not by class: an FAQ entry is a class per language it is asked in, and its
  // keywords are the entry's, in both.
  const entryOf = (oi: number) => `${classes[oi].kind}:${classes[oi].key}`;
  const usedBy = (k: Omit<Keyword, 'specificity'>, owners: Set<number>): number => {
    const entries = new Set([...owners].map(entryOf));
    classes.forEach((o, oi) => {
      if (owners.has(oi) || o.source === 'generic' || entries.has(entryOf(oi))) return;
      const maybe =
        (k.compact !== undefined && classCompact[oi].includes(k.compact)) ||
        (k.joined !== undefined && classTokens[oi].has(k.joined)) ||
        (k.tokens.length > 0 && k.tokens.every((t) => classTokens[oi].has(t)));
      if (!maybe) return;
      for (let d = o.docStart; d < o.docEnd; d++) {
        if (keywordIn(k, docFeats[d], compactDocs[d])) {
          entries.add(entryOf(oi));
          return;
        }
      }
    });
    return entries.size;
  };
  classes.forEach((c, ci) => {
    c.keywords = classKeywords[ci].map((k) => ({ ...k, specificity: 1 / usedBy(k, keywordClasses.get(keywordId(k))!) }));
    for (let d = c.phrasesEnd; d < c.docEnd; d++) {
      const name = keywordOf(docText[d]);
      const asKeyword = name && c.keywords.find((k) => keywordId(k) === keywordId(name));
      c.nameWeight.push(asKeyword && c.phrasesEnd > c.docStart ? asKeyword.specificity : 1);
    }
  });
  // Answers go after every example (they do not count in document frequencies: they are not how
  // customers write), each class's answers contiguous.
  const exampleCount = docFeats.length;
  classes.forEach((c, ci) => {
    c.answerStart = docFeats.length;
    for (const a of answerDocs) {
      if (a.cls !== ci) continue;
      docFeats.push(a.f);
      docClass.push(ci);
    }
    c.answerEnd = docFeats.length;
  });

  const space = (pick: (f: TextFeatures) => Counts): Space => {
    const base = buildSpace(
      docFeats.slice(0, exampleCount).map(pick),
      docClass.slice(0, exampleCount),
      [...contextFeats.map((c) => pick(c.f)), ...docFeats.slice(exampleCount).map(pick)],
    );
    const docVecs = docFeats.map((f) => weigh(pick(f), base.vocab, base.idf));
    const centroids: Vec[] = classes.map(() => new Map());
    docVecs.forEach((v, doc) => {
      if (doc < exampleCount) addInto(centroids[docClass[doc]], v, 1);
    });
    for (const c of contextFeats) addInto(centroids[c.cls], weigh(pick(c.f), base.vocab, base.idf), c.weight);
    centroids.forEach(normalise);
    return {
      ...base,
      docPostings: toPostings(docVecs, base.vocab.size),
      centroidPostings: toPostings(centroids, base.vocab.size),
    };
  };

  const words = space((f) => f.words);
  const chars = space((f) => f.chars);
  const genericDoc = new Uint8Array(exampleCount);
  const businessWordCount = new Int32Array(words.vocab.size);
  const countBusiness = (feats: TextFeatures) => {
    for (const t of feats.words.keys()) {
      const id = words.vocab.get(t);
      if (id !== undefined) businessWordCount[id]++;
    }
  };
  classes.forEach((c, ci) => {
    for (let d = c.docStart; d < c.docEnd; d++) {
      if (c.source === 'generic') genericDoc[d] = 1;
      else countBusiness(docFeats[d]);
    }
    for (let d = c.answerStart; d < c.answerEnd; d++) countBusiness(docFeats[d]);
    if (c.source !== 'generic') for (const x of contextFeats) if (x.cls === ci) countBusiness(x.f);
  });
  const smallTalkVocab = new Set<string>();
  for (const c of classes) {
    if (c.source !== 'generic' || c.kind !== 'other' || c.key === OFF_TOPIC_KEY) continue;
    for (let d = c.docStart; d < c.docEnd; d++) for (const t of docFeats[d].tokens) smallTalkVocab.add(t);
  }
  const vectors = wordVectors();
  const meaning = vectors ? buildMeaning(vectors, classes, docFeats, exampleCount, contextFeats) : undefined;
  return {
    hub: hubs(classes, docFeats, words, chars, meaning),
    meaning,
    spellings: spellingsOf([...docText, ...classDrafts.flatMap((d) => d.keywords)]),
    kindModel: kindModels(classes, docFeats, { words, chars, wordWeight: WORD_WEIGHT, meaningWeight: MEANING_WEIGHT }, meaning),
    vectors,
    classes,
    smallTalkVocab,
    businessWordCount,
    genericDoc,
    businessDocEnd: exampleCount,
    docCount: docFeats.length,
    docText,
    docTopics: docFeats.map(topicWords),
    words,
    chars,
    scratch: {
      docWord: new Float32Array(docFeats.length),
      docChar: new Float32Array(docFeats.length),
      centWord: new Float32Array(classes.length),
      centChar: new Float32Array(classes.length),
      wordNorm: 0,
      charNorm: 0,
    },
  };
}

/** The labels of `kindModel`, in order. */
export const KIND_MODEL_LABELS = ['booking', 'case', 'question'] as const;

/** Example phrases the kind model is trained on, at most (evenly spread): bounds build time. */
const MAX_KIND_TEXTS = 500;

/**
 * Trains `kindModel` on the business's example phrases (names included; up to MAX_KIND_TEXTS,
 * evenly spread over the taxonomy), each labelled with its class's kind, and on the built-in
 * examples of how people ask, book and report a problem (`KIND_PROTOTYPES`). The business's
 * phrases teach which of its topics are which kind; the built-in ones teach the wording of each,
 * which five phrases per class cannot: "where is my order?" asks about an order whatever kind the
 * business's classes on orders are. Each kind weighs the same in all, however many examples it
 * has: a business with 30 FAQ entries and 5 case types does not teach that most messages are
 * questions. No model when the business's own classes are of one kind only.
 */
function trainKindModel(classes: IndexedClass[], docFeats: TextFeatures[], spaces: Spaces, meaning: MeaningIndex | undefined): LinearModel | undefined {
  const business: { d: number; label: number }[] = [];
  const builtIn: { d: number; label: number }[] = [];
  for (const c of classes) {
    const label = KIND_MODEL_LABELS.indexOf(c.kind as (typeof KIND_MODEL_LABELS)[number]);
    if (label < 0) continue;
    for (let d = c.docStart; d < c.docEnd; d++) (c.source === 'generic' ? builtIn : business).push({ d, label });
  }
  const texts: LabelledText[] = [];
  const add = ({ d, label }: { d: number; label: number }) => {
    const dense = meaning && meaning.hasDoc[d] ? meaning.doc.subarray(d * meaning.dims, (d + 1) * meaning.dims) : null;
    texts.push({ f: docFeats[d], meaning: dense, label, weight: 1 });
  };
  const stride = Math.max(1, business.length / MAX_KIND_TEXTS);
  for (let i = 0; i < business.length && texts.length < MAX_KIND_TEXTS; i += stride) add(business[Math.floor(i)]);
  if (new Set(texts.map((t) => t.label)).size < 2) return undefined;
  builtIn.forEach(add);
  const perKind = KIND_MODEL_LABELS.map(() => 0);
  for (const t of texts) perKind[t.label]++;
  const kinds = perKind.filter((n) => n > 0).length;
  for (const t of texts) t.weight = texts.length / (kinds * perKind[t.label]);
  return trainLinear(KIND_MODEL_LABELS.length, texts, spaces, meaning ? meaning.dims : 0);
}

function kindModels(classes: IndexedClass[], docFeats: TextFeatures[], spaces: Spaces, meaning: MeaningIndex | undefined): TaxonomyIndex['kindModel'] {
  const lexical = trainKindModel(classes, docFeats, spaces, undefined);
  return lexical && { lexical, meaning: meaning && trainKindModel(classes, docFeats, spaces, meaning) };
}

/**
 * The kind model's probability of booking, case and question (`KIND_MODEL_LABELS`) for a message,
 * or null when the taxonomy has none; after `scoreClasses` on the same message (it reuses its
 * meaning). A scratch array, valid until the next call.
 */
export function kindProbabilities(index: TaxonomyIndex, f: TextFeatures, meaning: boolean): Float64Array | null {
  if (!index.kindModel) return null;
  const spaces: Spaces = { words: index.words, chars: index.chars, wordWeight: WORD_WEIGHT, meaningWeight: MEANING_WEIGHT };
  const query = meaning && index.meaning ? index.meaning.query : null;
  const model = query && index.kindModel.meaning ? index.kindModel.meaning : index.kindModel.lexical;
  return scoreLinear(model, f, model === index.kindModel.lexical ? null : query, spaces);
}

function buildMeaning(vectors: WordVectors, classes: IndexedClass[], docFeats: TextFeatures[], exampleCount: number, contextFeats: { cls: number; f: TextFeatures; weight: number }[]): MeaningIndex | undefined {
  const dims = vectors.dims;
  const raw = docFeats.map((f) => sentenceVector(f.normalized, vectors));
  const mean = new Float32Array(dims);
  let count = 0;
  for (let d = 0; d < exampleCount; d++) {
    const r = raw[d];
    if (!r) continue;
    for (let i = 0; i < dims; i++) mean[i] += r[i];
    count++;
  }
  // A taxonomy with no English text at all: meaning never counts.
  if (count === 0) return undefined;
  for (let i = 0; i < dims; i++) mean[i] /= count;
  // Whitened by how the business's own phrases of one class vary (built-in generic classes left out).
  const whitening = withinClassWhitening(
    classes.filter((c) => c.source !== 'generic').map((c) => raw.slice(c.docStart, c.phrasesEnd).filter((r): r is Float32Array => r !== null)),
    dims,
  );
  const project = (r: Float32Array) => (whitening ? unit(whiten(whitening, r, mean)) : unit(r, mean));
  const doc = new Float32Array(docFeats.length * dims);
  const hasDoc = new Uint8Array(docFeats.length);
  raw.forEach((r, d) => {
    if (!r) return;
    doc.set(project(r), d * dims);
    hasDoc[d] = 1;
  });
  const centroid = new Float32Array(classes.length * dims);
  const hasCentroid = new Uint8Array(classes.length);
  classes.forEach((c, ci) => {
    const sum = new Float32Array(dims);
    let any = false;
    for (let d = c.docStart; d < c.docEnd; d++) {
      if (!hasDoc[d]) continue;
      any = true;
      for (let i = 0; i < dims; i++) sum[i] += doc[d * dims + i];
    }
    for (const x of contextFeats) {
      if (x.cls !== ci) continue;
      const r = sentenceVector(x.f.normalized, vectors);
      if (!r) continue;
      any = true;
      const u = project(r);
      for (let i = 0; i < dims; i++) sum[i] += x.weight * u[i];
    }
    if (!any) return;
    centroid.set(unit(sum), ci * dims);
    hasCentroid[ci] = 1;
  });
  // The background: cosines of the business's example texts of different classes, evenly sampled.
  const ids: number[] = [];
  const owner: number[] = [];
  classes.forEach((c, ci) => {
    if (c.source === 'generic') return;
    for (let d = c.docStart; d < c.docEnd; d++) {
      if (!hasDoc[d]) continue;
      ids.push(d);
      owner.push(ci);
    }
  });
  const step = Math.max(1, Math.floor((ids.length * (ids.length - 1)) / 2 / BACKGROUND_PAIRS));
  const sims: number[] = [];
  let k = 0;
  for (let a = 0; a < ids.length; a++) {
    for (let b = a + 1; b < ids.length; b++) {
      if (owner[a] === owner[b] || k++ % step !== 0) continue;
      let x = 0;
      for (let i = 0; i < dims; i++) x += doc[ids[a] * dims + i] * doc[ids[b] * dims + i];
      sims.push(x);
    }
  }
  sims.sort((x, y) => x - y);
  const background = sims.length ? Math.max(0, Math.min(0.9, sims[Math.floor(BACKGROUND_QUANTILE * (sims.length - 1))])) : 0;
  return { vectors, dims, mean, whitening, doc, hasDoc, centroid, hasCentroid, background, docSim: new Float32Array(docFeats.length), centroidSim: new Float32Array(classes.length), query: null };
}

/**
 * Whether a message that is about something is about what a class is about: one of its topic words
 * is a topic word of the class's phrases or answers, or (English) its meaning is nearer to one of
 * them than the business's texts of different classes are to each other nine times in ten
 * (`exclude`: a document left out). English words meet on their first four letters ("reserve",
 * "reservation"); Thai words when one holds the other ("จอดรถ", "ที่จอดรถ"), as Thai word boundaries
 * are a guess. A message about nothing in particular ("how much?", "where are you?") contradicts no
 * class, and says yes.
 *
 * A word that several of the business's classes use ("ร้าน", the shop: where it is, when it opens)
 * says less: met on such words alone, the class must account for at least half of the message's
 * words, or the message must name nothing the business never wrote of. "ที่ร้านมีที่จอดรถไหมคะ" (is
 * there parking at the shop?) meets the location entry on "ร้าน" alone and asks about parking,
 * which none of the business's texts mention: a question for a person, not the address.
 */
export function saysWhatClassIsAbout(index: TaxonomyIndex, cls: number, f: TextFeatures, meaning: boolean, exclude = -1): boolean {
  const mine = topicWords(f);
  if (mine.length === 0) return true;
  const c = index.classes[cls];
  // A keyword the business gave this class alone says what it is about, whatever its texts say.
  const compact = f.normalized.replace(/\s+/g, '');
  if (c.keywords.some((k) => k.specificity >= 1 && keywordIn(k, f, compact))) return true;
  const m = meaning ? index.meaning : undefined;
  const docs = [c.docStart, c.docEnd, c.answerStart, c.answerEnd];
  const met = new Set<string>();
  for (let r = 0; r < docs.length; r += 2) {
    for (let d = docs[r]; d < docs[r + 1]; d++) {
      if (d === exclude) continue;
      if (m && m.hasDoc[d] && m.docSim[d] > 0) return true;
      for (const theirs of index.docTopics[d]) for (const w of mine) if (sameTopicWord(w, theirs)) met.add(w);
    }
  }
  if (met.size === 0) return false;
  const classes = (w: string) => classesUsing(index, w, exclude);
  if ([...met].some((w) => classes(w) <= 1)) return true;
  return mine.filter((w) => met.has(w)).length * 2 >= mine.length || !mine.some((w) => classes(w) === 0);
}

interface TopicUse {
  doc: number;
  cls: number;
}

/**
 * Per index: each topic word of the business's texts (examples, names, answers) and where it is
 * used; and each word a message asked about, with the uses of the words it meets (`sameTopicWord`).
 */
const topicUses = new WeakMap<TaxonomyIndex, { vocabulary: Map<string, TopicUse[]>; asked: Map<string, TopicUse[]> }>();
/** Words asked about remembered per index: a message's words are few, but a flood of messages could be all new words. */
const ASKED_KEPT = 20_000;

/** How many of the business's classes use a word in a text other than `exclude`. */
function classesUsing(index: TaxonomyIndex, w: string, exclude: number): number {
  let uses = topicUses.get(index);
  if (!uses) topicUses.set(index, (uses = { vocabulary: topicVocabulary(index), asked: new Map() }));
  let met = uses.asked.get(w);
  if (!met) {
    if (uses.asked.size >= ASKED_KEPT) uses.asked.clear();
    met = [];
    for (const [word, those] of uses.vocabulary) if (sameTopicWord(w, word)) met.push(...those);
    uses.asked.set(w, met);
  }
  const classes = new Set<number>();
  for (const u of met) if (u.doc !== exclude) classes.add(u.cls);
  return classes.size;
}

function topicVocabulary(index: TaxonomyIndex): Map<string, TopicUse[]> {
  const byWord = new Map<string, TopicUse[]>();
  index.classes.forEach((c, cls) => {
    if (c.source === 'generic') return;
    for (const [start, end] of [[c.docStart, c.docEnd], [c.answerStart, c.answerEnd]]) {
      for (let doc = start; doc < end; doc++) {
        for (const w of new Set(index.docTopics[doc])) {
          const uses = byWord.get(w);
          if (uses) uses.push({ doc, cls });
          else byWord.set(w, [{ doc, cls }]);
        }
      }
    }
  });
  return byWord;
}

const LATIN_WORD = /^[a-z]+$/;
const THAI_WORD = /^[\u0E00-\u0E7F]+$/;

function sameTopicWord(a: string, b: string): boolean {
  if (a === b) return true;
  if (LATIN_WORD.test(a) && LATIN_WORD.test(b)) return a.length >= 4 && b.length >= 4 && a.slice(0, 4) === b.slice(0, 4);
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 2 && THAI_WORD.test(short) && long.includes(short);
}


/** Whether a message's meaning would count against this index (an English message, vectors loaded). */
export function hasMeaning(index: TaxonomyIndex, f: TextFeatures): boolean {
  return index.meaning !== undefined && sentenceVector(f.normalized, index.meaning.vectors) !== null;
}

/**
 * Cosines of the message's meaning to every document and centroid that has one, above the
 * background and rescaled to 0..1. False when the message has no meaning to compare (Thai, no
 * known English word).
 */
function scoreMeaning(m: MeaningIndex, f: TextFeatures): boolean {
  const v = meaningOf(m, f);
  m.query = v;
  if (!v) return false;
  cosines(m, v, m.doc, m.hasDoc, m.docSim);
  cosines(m, v, m.centroid, m.hasCentroid, m.centroidSim);
  return true;
}

/** A text's centred unit meaning, as the business's classes vary; null when it has no known English word. */
function meaningOf(m: MeaningIndex, f: TextFeatures): Float32Array | null {
  const r = sentenceVector(f.normalized, m.vectors);
  if (!r) return null;
  return m.whitening ? unit(whiten(m.whitening, r, m.mean)) : unit(r, m.mean);
}

/** Cosine of `v` to each row (from `start` to `end`) that has a vector, rescaled above the background of the language. */
function cosines(m: MeaningIndex, v: Float32Array, rows: Float32Array, has: Uint8Array, out: Float32Array, start = 0, end = has.length): void {
  const { dims, background } = m;
  for (let row = start; row < end; row++) {
    if (!has[row]) continue;
    let x = 0;
    for (let i = 0, o = row * dims; i < dims; i++) x += v[i] * rows[o + i];
    out[row] = x > background ? (x - background) / (1 - background) : 0;
  }
}

/** Cosine similarities of a message's features to every document and centroid of one space; the message's length (norm). */
function scoreSpace(space: Space, counts: Counts, docOut: Float32Array, centOut: Float32Array): number {
  docOut.fill(0);
  centOut.fill(0);
  const ids: number[] = [];
  const ws: number[] = [];
  let norm = 0;
  for (const [f, c] of counts) {
    const id = space.vocab.get(f);
    const w = featureWeight(space, id, c);
    norm += w * w;
    if (id !== undefined) {
      ids.push(id);
      ws.push(w);
    }
  }
  if (norm === 0) return 0;
  const inv = 1 / Math.sqrt(norm);
  for (let i = 0; i < ids.length; i++) {
    const w = ws[i] * inv;
    const p = space.docPostings[ids[i]];
    for (let j = 0; j < p.docs.length; j++) docOut[p.docs[j]] += w * p.weights[j];
    const q = space.centroidPostings[ids[i]];
    for (let j = 0; j < q.docs.length; j++) centOut[q.docs[j]] += w * q.weights[j];
  }
  return Math.sqrt(norm);
}

/**
 * A message's weight of a feature it has `count` times: its count, sublinear, times its rarity. A
 * feature the taxonomy never uses still counts in the message's length (as the rarest): a message
 * that is mostly about something else is less similar.
 */
function featureWeight(space: Space, id: number | undefined, count: number): number {
  return (1 + Math.log(count)) * (id === undefined ? space.maxIdf : space.idf[id]);
}

/**
 * `scoreSpace`'s document similarities for `other`, a text with a few features more or fewer than
 * `counts`, whose similarities are `docIn` and length `norm`: the dot products are linear in the
 * message's weights, so only the features whose count differs are looked up.
 */
function rescoreSpace(space: Space, counts: Counts, other: Counts, docIn: Float32Array, norm: number): Float32Array {
  const out = new Float32Array(docIn.length);
  for (let d = 0; d < out.length; d++) out[d] = docIn[d] * norm;
  let otherSquared = norm * norm;
  const change = (f: string, before: number, after: number) => {
    const id = space.vocab.get(f);
    const wBefore = before ? featureWeight(space, id, before) : 0;
    const wAfter = after ? featureWeight(space, id, after) : 0;
    otherSquared += wAfter * wAfter - wBefore * wBefore;
    if (id === undefined) return;
    const p = space.docPostings[id];
    for (let j = 0; j < p.docs.length; j++) out[p.docs[j]] += (wAfter - wBefore) * p.weights[j];
  };
  for (const [f, c] of counts) {
    const after = other.get(f) ?? 0;
    if (after !== c) change(f, c, after);
  }
  for (const [f, c] of other) if (!counts.has(f)) change(f, 0, c);
  // Rounding can leave a text with no features a hair above zero.
  if (other.size === 0 || otherSquared <= 1e-12) return out.fill(0);
  const inv = 1 / Math.sqrt(otherSquared);
  for (let d = 0; d < out.length; d++) out[d] *= inv;
  return out;
}

/** Whether a text (its features, and its normalised text without spaces) contains a keyword. */
function keywordIn(k: Omit<Keyword, 'specificity'>, f: TextFeatures, compact: string): boolean {
  return (
    (k.compact !== undefined && compact.includes(k.compact)) ||
    (k.joined !== undefined && f.words.has(k.joined)) ||
    (k.tokens.length > 0 && containsInOrder(f.allTokens, k.tokens))
  );
}

function keywordEvidence(cls: IndexedClass, f: TextFeatures, compact: string): number {
  let sum = 0;
  for (const k of cls.keywords) if (keywordIn(k, f, compact)) sum += k.specificity;
  return 1 - Math.exp(-sum);
}

/** Whether `run` occurs in `tokens` in order, with at most KEYWORD_GAP tokens between neighbours. */
function containsInOrder(tokens: string[], run: string[]): boolean {
  for (let i = 0; i + run.length <= tokens.length; i++) {
    if (tokens[i] !== run[0]) continue;
    let at = i;
    let j = 1;
    for (; j < run.length; j++) {
      let found = -1;
      for (let x = at + 1; x <= at + 1 + KEYWORD_GAP && x < tokens.length; x++) {
        if (tokens[x] === run[j]) {
          found = x;
          break;
        }
      }
      if (found < 0) break;
      at = found;
    }
    if (j === run.length) return true;
  }
  return false;
}

/**
 * The hub penalty of each of the business's example documents (`hubness.ts`), measured with the
 * similarity a message gets: words and letters, and for two English texts their meaning too.
 */
function hubs(classes: IndexedClass[], docFeats: TextFeatures[], words: Space, chars: Space, m: MeaningIndex | undefined): TaxonomyIndex['hub'] {
  const owner = new Int32Array(docFeats.length).fill(-1);
  const docs: number[] = [];
  classes.forEach((c, ci) => {
    if (c.source === 'generic') return;
    for (let d = c.docStart; d < c.docEnd; d++) {
      owner[d] = ci;
      docs.push(d);
    }
  });
  const docWord = new Float32Array(docFeats.length);
  const docChar = new Float32Array(docFeats.length);
  const centWord = new Float32Array(classes.length);
  const centChar = new Float32Array(classes.length);
  const lexical = new Float64Array(docFeats.length);
  const withMeaning = new Float64Array(docFeats.length);
  // Scored from a candidate neighbour `n` to every phrase (the similarities are symmetric).
  const [lexicalHub, meaningHub] = hubPenalties(docs, (d) => owner[d], docFeats.length, m ? 2 : 1, (n) => {
    scoreSpace(words, docFeats[n].words, docWord, centWord);
    scoreSpace(chars, docFeats[n].chars, docChar, centChar);
    for (const d of docs) lexical[d] = WORD_WEIGHT * docWord[d] + (1 - WORD_WEIGHT) * docChar[d];
    if (!m) return [lexical];
    for (const d of docs) {
      if (!m.hasDoc[n] || !m.hasDoc[d]) {
        withMeaning[d] = lexical[d];
        continue;
      }
      let x = 0;
      for (let i = 0, on = n * m.dims, od = d * m.dims; i < m.dims; i++) x += m.doc[on + i] * m.doc[od + i];
      const r = x > m.background ? (x - m.background) / (1 - m.background) : 0;
      withMeaning[d] = (1 - MEANING_WEIGHT) * lexical[d] + MEANING_WEIGHT * r;
    }
    return [lexical, withMeaning];
  });
  return { lexical: lexicalHub, meaning: meaningHub };
}

/**
 * How similar a message is to every class of the index. `exclude` leaves one example document out
 * (its own): the index then scores one of its own examples as if it had never seen it, which is
 * how the classifier learns, per taxonomy, what a score means (`offline/calibration.ts`).
 */
export function scoreClasses(index: TaxonomyIndex, f: TextFeatures, exclude = -1, lexicalOnly = false): ClassScores {
  const { docWord, docChar, centWord, centChar } = index.scratch;
  index.scratch.wordNorm = scoreSpace(index.words, f.words, docWord, centWord);
  index.scratch.charNorm = scoreSpace(index.chars, f.chars, docChar, centChar);
  // Meaning counts between two English texts; any other pair is compared by words and letters only.
  const m = index.meaning;
  const meaning = !lexicalOnly && m !== undefined && scoreMeaning(m, f);
  const lexicalSim = (d: number) => WORD_WEIGHT * docWord[d] + (1 - WORD_WEIGHT) * docChar[d];
  const docSim = (d: number) => (meaning && m!.hasDoc[d] ? (1 - MEANING_WEIGHT) * lexicalSim(d) + MEANING_WEIGHT * m!.docSim[d] : lexicalSim(d));
  const hub = (meaning && index.hub.meaning) || index.hub.lexical;
  const n = index.classes.length;
  const top1 = new Float64Array(n);
  const typeTop1 = new Float64Array(n);
  const typeTopk = new Float64Array(n);
  const lexicalTop1 = new Float64Array(n);
  const topDoc = new Int32Array(n).fill(-1);
  const topk = new Float64Array(n);
  const centroid = new Float64Array(n);
  const keyword = new Float64Array(n);
  const answer = new Float64Array(n);
  const compact = f.normalized.replace(/\s+/g, '');
  const nearest = new NearestExamples();
  for (let c = 0; c < n; c++) {
    const cls = index.classes[c];
    topDoc[c] = nearest.read(cls, exclude, docSim, hub);
    if (meaning) for (let d = cls.docStart; d < cls.docEnd; d++) if (d !== exclude) lexicalTop1[c] = Math.max(lexicalTop1[c], lexicalSim(d));
    top1[c] = nearest.top1;
    if (!meaning) lexicalTop1[c] = top1[c];
    topk[c] = nearest.topk;
    typeTop1[c] = nearest.typeTop1;
    typeTopk[c] = nearest.typeTopk;
    const lexical = WORD_WEIGHT * centWord[c] + (1 - WORD_WEIGHT) * centChar[c];
    centroid[c] = meaning && m!.hasCentroid[c] ? (1 - MEANING_WEIGHT) * lexical + MEANING_WEIGHT * m!.centroidSim[c] : lexical;
    keyword[c] = cls.keywords.length ? keywordEvidence(cls, f, compact) : 0;
    for (let d = cls.answerStart; d < cls.answerEnd; d++) {
      const s = docSim(d);
      if (s > answer[c]) answer[c] = s;
    }
  }
  return { top1, topDoc, topk, typeTop1, typeTopk, lexicalTop1, centroid, keyword, answer, smallTalkCoverage: coverage(index, f), businessCoverage: businessCoverage(index, f, exclude), meaning };
}

/**
 * The type scores (`typeTop1`, `typeTopk` of `ClassScores`) of `about`, a text a few words shorter
 * or longer than `f`, for the classes `which` selects; the others keep those of `f`, whose scores
 * are `scored`. `f` must be the message `scoreClasses` scored last on this index, with the same
 * `exclude` and `lexicalOnly`: `about`'s words and letters are rescored from its (`rescoreSpace`),
 * its meaning anew, for the selected classes' examples only. The index's scratch still holds `f`'s
 * scores afterwards.
 */
export function typeScoresOf(index: TaxonomyIndex, f: TextFeatures, scored: ClassScores, about: TextFeatures, which: (cls: IndexedClass) => boolean, exclude = -1, lexicalOnly = false): Pick<ClassScores, 'typeTop1' | 'typeTopk'> {
  const typeTop1 = Float64Array.from(scored.typeTop1);
  const typeTopk = Float64Array.from(scored.typeTopk);
  const selected = index.classes.filter(which);
  if (selected.length === 0) return { typeTop1, typeTopk };
  const docWord = rescoreSpace(index.words, f.words, about.words, index.scratch.docWord, index.scratch.wordNorm);
  const docChar = rescoreSpace(index.chars, f.chars, about.chars, index.scratch.docChar, index.scratch.charNorm);
  const m = index.meaning;
  const query = !lexicalOnly && m !== undefined ? meaningOf(m, about) : null;
  const meaningSim = query ? new Float32Array(m!.hasDoc.length) : undefined;
  if (meaningSim) for (const cls of selected) cosines(m!, query!, m!.doc, m!.hasDoc, meaningSim, cls.docStart, cls.docEnd);
  const lexicalSim = (d: number) => WORD_WEIGHT * docWord[d] + (1 - WORD_WEIGHT) * docChar[d];
  const docSim = (d: number) => (meaningSim && m!.hasDoc[d] ? (1 - MEANING_WEIGHT) * lexicalSim(d) + MEANING_WEIGHT * meaningSim[d] : lexicalSim(d));
  const hub = (meaningSim && index.hub.meaning) || index.hub.lexical;
  const nearest = new NearestExamples();
  index.classes.forEach((cls, c) => {
    if (!which(cls)) return;
    nearest.read(cls, exclude, docSim, hub);
    typeTop1[c] = nearest.typeTop1;
    typeTopk[c] = nearest.typeTopk;
  });
  return { typeTop1, typeTopk };
}

/**
 * A class's nearest examples to a message: top-1 and top-k, its names counted by `nameWeight` (what
 * the kind is judged by), and with hub penalties taken off (what the type is chosen by).
 */
class NearestExamples {
  top1 = 0;
  topk = 0;
  typeTop1 = 0;
  typeTopk = 0;
  private readonly best = [0, 0, 0];
  private readonly typeBest = [0, 0, 0];

  /** Reads one class by `sim` (example document to similarity); returns the document of `top1`, or -1. */
  read(cls: IndexedClass, exclude: number, sim: (d: number) => number, hub: Float32Array): number {
    const { best, typeBest } = this;
    // Examples come in two languages: the top-k runs over about half of them.
    const k = Math.max(1, Math.min(3, Math.ceil((cls.docEnd - cls.docStart) / 2)));
    best[0] = best[1] = best[2] = 0;
    typeBest[0] = typeBest[1] = typeBest[2] = -Infinity;
    let topDoc = -1;
    for (let d = cls.docStart; d < cls.docEnd; d++) {
      if (d === exclude) continue;
      const s = sim(d);
      if (insertTop3(best, d < cls.phrasesEnd ? s : s * cls.nameWeight[d - cls.phrasesEnd])) topDoc = d;
      insertTop3(typeBest, s - hub[d]);
    }
    this.top1 = best[0];
    this.topk = topkOf(best, k);
    // Too few examples left (one left out of a class of one or two): the plain scores.
    this.typeTop1 = typeBest[0] === -Infinity ? this.top1 : typeBest[0];
    this.typeTopk = typeBest[k - 1] === -Infinity ? this.topk : topkOf(typeBest, k);
    return topDoc;
  }
}

function topkOf(b: number[], k: number): number {
  return k === 1 ? b[0] : k === 2 ? (b[0] + b[1]) / 2 : (b[0] + b[1] + b[2]) / 3;
}

/** Keeps `top` (length 3) the three largest values seen, largest first; whether `s` is the new largest. */
function insertTop3(top: number[], s: number): boolean {
  if (s <= top[2]) return false;
  if (s > top[0]) {
    top[2] = top[1];
    top[1] = top[0];
    top[0] = s;
    return true;
  }
  if (s > top[1]) {
    top[2] = top[1];
    top[1] = s;
  } else top[2] = s;
  return false;
}

function businessCoverage(index: TaxonomyIndex, f: TextFeatures, exclude: number): number {
  // A left-out example's own words do not count as the business's unless another text uses them.
  const own = exclude >= 0 && exclude < index.businessDocEnd && !index.genericDoc[exclude] ? 1 : 0;
  let covered = 0;
  let total = 0;
  for (const t of f.tokens) {
    const id = index.words.vocab.get(t);
    const w = id === undefined ? index.words.maxIdf : index.words.idf[id];
    total += w;
    if (id !== undefined && index.businessWordCount[id] > own) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}

function coverage(index: TaxonomyIndex, f: TextFeatures): number {
  let covered = f.emoji > 0 ? 1 : 0;
  let total = covered;
  for (const t of f.tokens) {
    const id = index.words.vocab.get(t);
    const w = id === undefined ? index.words.maxIdf : index.words.idf[id];
    total += w;
    if (index.smallTalkVocab.has(t)) covered += w;
  }
  return total === 0 ? 0 : covered / total;
}

/**
 * The index of a taxonomy, built on first use and kept: by object identity (the usual case: an
 * org's taxonomy object is loaded once and reused), else by a hash of its content (a taxonomy
 * parsed anew for every message), for a handful of recent taxonomies.
 */
const byObject = new WeakMap<object, TaxonomyIndex>();
const byHash = new Map<string, TaxonomyIndex>();
/** Each index's content key, so that using it by identity keeps it among the recently used. */
const keyOfIndex = new WeakMap<TaxonomyIndex, string>();
const HASH_CACHE_SIZE = 16;

function hash(text: string): string {
  // FNV-1a, twice with different seeds: 64 bits is plenty for a cache key.
  let h1 = 0x811c9dc5;
  let h2 = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000193) ^ (h2 >>> 15);
  }
  return `${(h1 >>> 0).toString(16)}-${(h2 >>> 0).toString(16)}-${text.length}`;
}

export function indexFor(taxonomy: Taxonomy): TaxonomyIndex {
  const vectors = wordVectors();
  const known = byObject.get(taxonomy);
  if (known && known.vectors === vectors) {
    // Used by identity is used all the same: an org's taxonomy read on every message must not be
    // pushed out by others', or its next copy (the same content read again) is built anew.
    const knownKey = keyOfIndex.get(known);
    if (knownKey !== undefined) keepRecent(knownKey, known);
    return known;
  }
  const key = hash(JSON.stringify(taxonomy));
  let index = byHash.get(key);
  if (index && index.vectors !== vectors) index = undefined;
  if (!index) {
    index = buildIndex(taxonomy);
    keyOfIndex.set(index, key);
  }
  keepRecent(key, index);
  byObject.set(taxonomy, index);
  return index;
}

/** (Re-)inserts an index as the most recently used, and lets the least recently used go. */
function keepRecent(key: string, index: TaxonomyIndex): void {
  byHash.delete(key);
  byHash.set(key, index);
  if (byHash.size > HASH_CACHE_SIZE) byHash.delete(byHash.keys().next().value!);
}
