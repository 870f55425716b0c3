import type { Classification, Classifier, ClassifyInput, Kind, OtherType } from './classification.ts';
import { weighted, fitLogistic, predict, type Coefficients, type Sample } from './offline/calibration.ts';
import { OFF_TOPIC, SMALL_TALK, type SmallTalkType } from './offline/kind-prototypes.ts';
import type { Taxonomy } from './taxonomy.ts';
import { buildIndex, featuresOfBuiltIn, hasMeaning, indexFor, kindProbabilities, KIND_MODEL_LABELS, OFF_TOPIC_KEY, saysWhatClassIsAbout, scoreClasses, typeScoresOf, type ClassScores, type IndexedClass, type TaxonomyIndex } from './offline/similarity-index.ts';
import { spelledAsTheBusiness } from './offline/spelling.ts';
import { MAX_CHARS, textFeatures, wantsArranged, withoutWhatHappened, type Cue, type TextFeatures } from './offline/text-features.ts';
import { wordVectors } from './offline/word-vectors.ts';
import { detectLanguage, extractFields } from './extract-fields.ts';
import { knownPhraseOf } from './known-phrases.ts';

/**
 * The offline classifier: few-shot nearest neighbours and class centroids over TF-IDF weighted word
 * tokens and character n-grams, from the org's own taxonomy (case types, bookable services, FAQ
 * entries: their examples, names, keywords and descriptions) plus built-in generic examples of
 * questions, small talk, booking requests and problem reports (`offline/kind-prototypes.ts`).
 * Between two English texts their meaning counts too, from word vectors installed with the package
 * (`offline/word-vectors.ts`). No network, deterministic; the index of a taxonomy is built once
 * and cached (`offline/similarity-index.ts`).
 *
 * Per class c (case type, service, FAQ entry), a score of about 0..1:
 *   s(c) = W_KNN * (top-1 + top-k mean similarity to its examples) / 2
 *        + W_CENTROID * similarity to its centroid + W_KEYWORD * keyword evidence
 * Per kind, with g(k) the similarity to the generic examples of kind k:
 *   question, other: K = max(best class of k, GENERIC_WEIGHT * g(k)) + GENERIC_PRIOR * g(k)
 *   booking, case:   K = best class of k + GENERIC_PRIOR * g(k)   (0 when no class reaches TYPE_MIN)
 * so the kind follows what the closest classes are about: a message near a case type's examples
 * is a case even when it is phrased as a question. Wording that tells against a kind (saying
 * something went wrong, asking for a fact: `CUES_AGAINST`) takes up to half of the nearest-example
 * part of s(c) of the classes of that kind, less as more of the class's own phrases are worded so
 * (generic classes too). g(other) is scaled by how much of the message
 * is small-talk vocabulary, and g(question) by NO_QUESTION_CUE when the message is not worded as a
 * question (its FAQ classes are not: what a message is about decides, not how it is worded).
 * A linear model trained on the business's examples (`kindModel`, `offline/linear-model.ts`) then
 * gives P(booking), P(case), P(question); each of those three K is multiplied by
 * (1 + KIND_MODEL_WEIGHT * P(k)) / (1 + KIND_MODEL_WEIGHT * max P), so the likeliest keeps its
 * score and none rises. The kind is the best K (below FLOOR: `other`); the type is the class of
 * that kind with the best type score, s(c) with each example's hub penalty taken off its
 * similarities (`offline/hubness.ts`) and its nearest-example part weighed by what the message says
 * happened (`WHAT_HAPPENED`); for a question, the FAQ entry is the best FAQ class
 * counting its answer too.
 *
 * Then two questions are answered with models fitted on the taxonomy itself (see `fitModel`):
 * is the message about anything the business does at all (else `other`, `out_of_scope`), and how
 * likely is the decision to be right (the confidence). So a confidence of 0.8 means about the
 * same on a taxonomy of five terse examples per class as on one of twenty long ones.
 *
 * `fields` come from `extractFields`, `language` from `detectLanguage` (./extract-fields.ts).
 */

const W_KNN = 0.6;
const W_CENTROID = 0.5;
const W_KEYWORD = 0.3;
/** Generic examples count for less than the org's own classes. */
const GENERIC_WEIGHT = 0.85;
const GENERIC_PRIOR = 0.25;
/** Factor on the question score of a message not worded as a question. */
const NO_QUESTION_CUE = 0.75;
/**
 * Wording that tells against a kind, whatever the message is about (`CUES`): saying something went
 * wrong tells against a booking and a question ("my card was not accepted"), asking for a fact
 * against a booking ("what is the lowest amount I can pay on my bill?" is not paying it). A class
 * keeps 1 - CUE_WEIGHT * (1 - share of its own phrases worded so) of its nearest-example score
 * for each: half when the business never words it so. Measured at 0.25 to 0.65 on every set
 * (docs/understanding.md); the gain stops growing at about half.
 */
const CUES_AGAINST: Partial<Record<Cue, readonly Kind[]>> = { trouble: ['booking', 'question'], fact: ['booking'] };
const CUE_WEIGHT = 0.5;

function wordingFactor(f: TextFeatures, cls: IndexedClass): number {
  let factor = 1;
  for (const cue of Object.keys(CUES_AGAINST) as Cue[]) {
    if (f.cues[cue] && CUES_AGAINST[cue]!.includes(cls.kind)) factor *= 1 - CUE_WEIGHT * (1 - cls.cueShare[cue]);
  }
  return factor;
}

/**
 * What the message says happened (`CUES`): it is still waiting, it was refused, it was not the
 * customer's doing, it failed, it was undone. Types about one thing differ by that ("pending cash
 * withdrawal" and "cash withdrawal not recognised"), and the business says it in the type's name or
 * phrases. For each of these the message says, a class keeps 1 - CUE_WEIGHT * (1 - t) of its
 * nearest-example type score, t the share of its phrases worded so, or 1 when its name is: the same
 * rule as `CUES_AGAINST`, for the type within a kind. It never chooses the kind.
 */
const WHAT_HAPPENED: readonly Cue[] = ['waiting', 'refused', 'disowned', 'failed', 'undone'];

function happenedFactor(f: TextFeatures, cls: IndexedClass): number {
  let factor = 1;
  for (const cue of WHAT_HAPPENED) if (f.cues[cue]) factor *= 1 - CUE_WEIGHT * (1 - cls.happenedShare[cue]);
  return factor;
}

/**
 * The scores of what a message that says what happened is about: "I was declined when I tried to
 * get cash" without "declined". Otherwise the state would count twice, once in `happenedFactor` and
 * once in the words the message shares with every type in that state, and "declined" would draw it
 * to the declined transfers, whose phrases say it most. Only the nearest examples are compared so:
 * the centroid and keywords hold the class's name, the business's own words for the type, state
 * included. Undefined when the message says nothing happened, or nothing else, or was cut. After
 * `scoreClasses` on the message, whose scores are `scored` (`typeScoresOf` starts from them); only
 * the case types and services are rescored (the FAQ entry is not chosen by type score).
 */
function aboutWithoutWhatHappened(index: TaxonomyIndex, f: TextFeatures, scored: ClassScores, exclude: number, lexicalOnly: boolean): Pick<ClassScores, 'typeTop1' | 'typeTopk'> | undefined {
  if (!WHAT_HAPPENED.some((cue) => f.cues[cue])) return undefined;
  // A message cut at MAX_CHARS says much besides what happened, and the state's few words weigh
  // little in it: it is scored as it is. Read again, the longest messages would cost twice, and
  // they set the slowest percent (docs/understanding.md, "Latency").
  if (f.normalized.length >= MAX_CHARS) return undefined;
  const about = aboutFeatures(f);
  return about.words.size === 0 ? undefined : typeScoresOf(index, f, scored, about, isType, exclude, lexicalOnly);
}

/**
 * The features of a text without the words of what happened, read once per text: a taxonomy's
 * calibration scores each of its texts twice (with meaning and without), the built-in ones at
 * every build.
 */
const aboutOf = new WeakMap<TextFeatures, TextFeatures>();
function aboutFeatures(f: TextFeatures): TextFeatures {
  let about = aboutOf.get(f);
  if (!about) aboutOf.set(f, (about = textFeatures(withoutWhatHappened(f.normalized))));
  return about;
}

/** The business's case types and services: the classes a type is chosen among. */
const isType = (cls: IndexedClass) => cls.source !== 'generic' && (cls.kind === 'case' || cls.kind === 'booking');
/** Below this best kind score nothing matched: `other`. */
const FLOOR = 0.08;
/** Weight of the similarity to a FAQ entry's answer when choosing the entry. */
const W_ANSWER = 0.3;
/** A FAQ entry must score this much to be named. */
const FAQ_MIN = 0.08;
/** A case type / service must score this much to be named. */
const TYPE_MIN = 0.06;
/**
 * Confidence of `other` when nothing matched at all: deliberately low, so that the router asks
 * rather than acts. (On the eval set such messages were small talk, i.e. right as `other`, so this
 * under-states their accuracy; see the calibration table of `npm run eval`.)
 */
const NOTHING_CONFIDENCE = 0.35;

/**
 * How much the kind model (`offline/linear-model.ts`) counts: a kind it gives no chance loses up to
 * a fifth of its score (1 / (1 + 0.25)) against the one it finds likeliest.
 */
const KIND_MODEL_WEIGHT = 0.25;

const KIND_ORDER: Kind[] = ['booking', 'case', 'question', 'other'];

/** What the confidence is computed from (exposed for the evaluation and for debugging). */
export interface ConfidenceSignals {
  /** The winning kind's score. */
  top: number;
  /** Winning kind score minus the runner-up's. */
  kindMargin: number;
  /** Best class score minus the second best of the same kind (0 when no class was chosen). */
  typeMargin: number;
  /** How close the message is to anything the business wrote (its best class, or a generic question). */
  inScope: number;
  /** Share of the message's words that the business's own texts use. */
  coverage: number;
  /** Nothing to read: no words, no emoji. */
  nothing: boolean;
}

export interface OfflineDecision {
  classification: Classification;
  kindScores: Record<Kind, number>;
  signals: ConfidenceSignals;
}

/** The scores of one message against one taxonomy, before any decision. */
interface Evidence {
  kindScores: Record<Kind, number>;
  /** Per kind: the best class score of the org's own classes (what the kind is decided on). */
  best: Record<Kind, number>;
  /**
   * Per kind: the class of the org's own with the best type score (index into `index.classes`, -1:
   * none), and how far ahead of the second it is: which type, and how sure.
   */
  bestClass: Record<Kind, number>;
  typeMargin: Record<Kind, number>;
  classScore: Float64Array;
  /** Per class: its score with its examples' hub penalties taken off (`offline/hubness.ts`). */
  typeScore: Float64Array;
  answer: Float64Array;
  inScope: number;
  /** The best of the business's own classes, whatever the kind. */
  businessBest: number;
  /** The best resemblance to the built-in generic questions, booking requests and problem reports. */
  genericBest: number;
  /** Share of the message's words the business itself uses. */
  coverage: number;
  /** What the nearest built-in small-talk example is for, when it is near enough to say. */
  smallTalk: SmallTalkType | undefined;
  /** How much the message is small talk (its similarity to the built-in small talk). */
  smallTalkScore: number;
  /** Resemblance to the built-in off-topic lines. */
  offTopic: number;
  /** The same, by words and letters alone: the nearest off-topic line (top-1). */
  offTopicWords: number;
  /** Words the message has that say what it is about (not numbers, ids, times or particles). */
  contentWords: number;
  /** Whether its meaning (English word vectors) counted in the scores. */
  meaning: boolean;
}

/** Tokens `textFeatures` writes for numbers, ids and times: they say how much or which, not what. */
const NUMBER_TOKENS = new Set(['xnum', 'xid', 'xtime']);
const THAI_SCRIPT = /[\u0E00-\u0E7F]/;
/** Similarity to the built-in small talk from which it is named (greeting, thanks, small talk). */
const SMALL_TALK_TAG_MIN = 0.3;

function evidence(index: TaxonomyIndex, f: TextFeatures, exclude = -1, lexicalOnly = false): Evidence | null {
  if (f.words.size === 0 && f.chars.size === 0) return null;
  // Numbers alone ("500", an order id, a phone number) are an answer to a question, not a
  // request: the conversation that asked for them reads them, the classifier does not guess.
  if (f.emoji === 0 && f.tokens.length > 0 && f.tokens.every((t) => NUMBER_TOKENS.has(t))) return null;
  const s = scoreClasses(index, f, exclude, lexicalOnly);
  // The type's nearest examples are compared on what the message is about, the words that say what
  // happened taken out: `happenedFactor` judges the state, once.
  const typeKnn = aboutWithoutWhatHappened(index, f, s, exclude, lexicalOnly) ?? s;
  const classScore = new Float64Array(index.classes.length);
  const typeScore = new Float64Array(index.classes.length);
  const best: Record<Kind, number> = { booking: 0, case: 0, question: 0, other: 0 };
  const bestType: Record<Kind, number> = { booking: -Infinity, case: -Infinity, question: -Infinity, other: -Infinity };
  const secondType: Record<Kind, number> = { booking: -Infinity, case: -Infinity, question: -Infinity, other: -Infinity };
  const bestClass: Record<Kind, number> = { booking: -1, case: -1, question: -1, other: -1 };
  const generic: Record<Kind, number> = { booking: 0, case: 0, question: 0, other: 0 };
  let smallTalk: SmallTalkType | undefined;
  let offTopic = 0;
  let offTopicWords = 0;
  index.classes.forEach((cls, c) => {
    const wording = wordingFactor(f, cls);
    const knn = ((s.top1[c] + s.topk[c]) / 2) * wording;
    if (cls.source === 'generic' && cls.key === OFF_TOPIC_KEY) {
      offTopic = knn;
      offTopicWords = s.lexicalTop1[c];
      return;
    }
    if (cls.source === 'generic') {
      // Small talk is a whole message of small talk: "hey, my order has not arrived" is not.
      generic[cls.kind] = cls.kind === 'other' ? knn * Math.sqrt(s.smallTalkCoverage) : knn;
      if (cls.kind === 'other' && s.topDoc[c] >= 0 && generic.other >= SMALL_TALK_TAG_MIN) smallTalk = cls.tags?.[s.topDoc[c] - cls.docStart] as SmallTalkType | undefined;
      return;
    }
    const rest = W_CENTROID * s.centroid[c] + W_KEYWORD * s.keyword[c];
    classScore[c] = W_KNN * knn + rest;
    best[cls.kind] = Math.max(best[cls.kind], classScore[c]);
    // The type is chosen with hubs discounted (a phrase near many types speaks for none of them),
    // and by what the message says happened.
    typeScore[c] = W_KNN * ((typeKnn.typeTop1[c] + typeKnn.typeTopk[c]) / 2) * wording * happenedFactor(f, cls) + rest;
    if (typeScore[c] > bestType[cls.kind]) {
      secondType[cls.kind] = bestType[cls.kind];
      bestType[cls.kind] = typeScore[c];
      bestClass[cls.kind] = c;
    } else if (typeScore[c] > secondType[cls.kind]) secondType[cls.kind] = typeScore[c];
  });
  // A generic question ("what time is it ...", "do you have an email address?") is a question for
  // this business as far as its words are the business's own: resemblance to the generic questions
  // counts in proportion to the share of the message's words the business uses. "What is the
  // minimum top-up?" keeps it; "what time is it in Sacramento?" mostly loses it.
  generic.question *= s.businessCoverage;
  // Resemblance to the built-in off-topic lines (a personal assistant's requests, trivia) makes a
  // message `other` the way small talk does; the nearest of the two says which `other` it is.
  const smallTalkScore = generic.other;
  generic.other = Math.max(smallTalkScore, offTopic);
  const kindScores: Record<Kind, number> = { booking: 0, case: 0, question: 0, other: 0 };
  for (const k of KIND_ORDER) {
    // `question` and `other` are recognised by their generic examples; for `booking` and `case`
    // those only say how the message is phrased, and the org's own services and case types say
    // what it is about, so there the generic examples are a prior and never win alone.
    if (k === 'question' || k === 'other') {
      kindScores[k] = Math.max(best[k], GENERIC_WEIGHT * generic[k]) + GENERIC_PRIOR * generic[k];
    } else {
      kindScores[k] = best[k] >= TYPE_MIN ? best[k] + GENERIC_PRIOR * generic[k] : 0;
    }
  }
  // Without a question mark, an interrogative or a Thai question particle, resemblance to the
  // generic questions comes from topic words only ("... the listed price"): it counts for less.
  // Resemblance to the business's own FAQ entries does not: a message like the examples of a FAQ
  // entry is a question however it is worded ("อัตราค่าโทรไปญี่ปุ่น", the call rate to Japan).
  if (!f.questionCue) {
    const g = generic.question * NO_QUESTION_CUE;
    kindScores.question = Math.max(best.question, GENERIC_WEIGHT * g) + GENERIC_PRIOR * g;
  }
  // The business's kind model weighs booking, case and question against each other: the kind it
  // finds likeliest keeps its score, the others lose in proportion. It never raises a score, so
  // what is out of scope stays out of scope.
  const p = kindProbabilities(index, f, s.meaning);
  if (p) {
    const pMax = Math.max(...p);
    KIND_MODEL_LABELS.forEach((k, i) => (kindScores[k] *= (1 + KIND_MODEL_WEIGHT * p[i]) / (1 + KIND_MODEL_WEIGHT * pMax)));
  }
  // What a business is there for: its own classes, and the generic ways of asking, booking and
  // reporting a problem ("it still has not arrived" is a business's matter whatever the type).
  const businessBest = Math.max(best.booking, best.case, best.question);
  const genericBest = Math.max(generic.question, generic.booking, generic.case);
  const inScope = Math.max(businessBest, GENERIC_WEIGHT * genericBest);
  // Thai is cut finer than English ("เติมเงิน", top-up, is two segments): a Thai segment counts half.
  let contentWords = f.emoji;
  for (const t of f.tokens) if (!NUMBER_TOKENS.has(t)) contentWords += THAI_SCRIPT.test(t) ? 0.5 : 1;
  const typeMargin = { ...ZERO };
  for (const k of KIND_ORDER) if (bestClass[k] >= 0) typeMargin[k] = secondType[k] === -Infinity ? bestType[k] : bestType[k] - secondType[k];
  return { kindScores, bestClass, best, typeMargin, classScore, typeScore, answer: s.answer, inScope, businessBest, genericBest, coverage: s.businessCoverage, smallTalk: smallTalkScore >= offTopic ? smallTalk : undefined, smallTalkScore, offTopic, offTopicWords, contentWords, meaning: s.meaning };
}

interface Choice {
  kind: Kind;
  /** The chosen case type, service or FAQ entry (index into `index.classes`), or -1. */
  cls: number;
  signals: ConfidenceSignals;
}

function choose(index: TaxonomyIndex, ev: Evidence): Choice {
  let kind: Kind = 'other';
  let runnerUp = 0;
  for (const k of KIND_ORDER) if (ev.kindScores[k] > ev.kindScores[kind]) kind = k;
  for (const k of KIND_ORDER) if (k !== kind && ev.kindScores[k] > runnerUp) runnerUp = ev.kindScores[k];
  const signals: ConfidenceSignals = { top: ev.kindScores[kind], kindMargin: ev.kindScores[kind] - runnerUp, typeMargin: 0, inScope: ev.inScope, coverage: ev.coverage, nothing: false };
  if (ev.kindScores[kind] < FLOOR) return { kind: 'other', cls: -1, signals };
  let cls = -1;
  if (kind === 'case' || kind === 'booking') {
    cls = ev.bestClass[kind];
    signals.typeMargin = ev.typeMargin[kind];
  } else if (kind === 'question') {
    // Which FAQ entry: its question as above, and its answer, which names the topic in words the
    // question may not use ("office hours?" against "open ... during opening hours"). Not by type
    // score: with hubs discounted, "can I park there?" comes nearest the location entry, whose
    // meaning lets it through `saysWhatClassIsAbout`, and the bot would answer with the address
    // (docs/understanding.md, 2026-11-25).
    let bestFaqScore = FAQ_MIN;
    let secondFaqScore = 0;
    index.classes.forEach((c, i) => {
      if (c.source !== 'faq') return;
      const score = ev.classScore[i] + W_ANSWER * ev.answer[i];
      if (score >= bestFaqScore) {
        secondFaqScore = Math.max(secondFaqScore, bestFaqScore === FAQ_MIN ? 0 : bestFaqScore);
        cls = i;
        bestFaqScore = score;
      } else if (score > secondFaqScore) secondFaqScore = score;
    });
    if (cls >= 0) signals.typeMargin = bestFaqScore - secondFaqScore;
  }
  return { kind, cls, signals };
}

// ---- what a score means, per taxonomy -----------------------------------------------------------

/**
 * Two models fitted on the taxonomy itself when its index is first built (`offline/calibration.ts`):
 * - `scope`: the probability that a message is about something the business wrote, from its
 *   in-scope score. Positives: each of the business's own examples scored as if unseen (left out
 *   of its class); negatives: the built-in small talk and off-topic messages.
 * - `correct`: the probability that the chosen kind and class are right, from the winning score
 *   and the margins, on the same left-out examples.
 */
interface Models {
  scope: Coefficients;
  correct: Coefficients;
  /** Where chatter falls on this taxonomy: the CHATTER_QUANTILE of the built-in off-topic lines. */
  chatter: { business: number; generic: number; coverage: number };
}

/**
 * Scores with meaning (English word vectors) and without are on different scales, so each has its
 * models, fitted on the same texts scored the same way: a message whose meaning counted (English)
 * is judged by `meaning`, any other (Thai, no known word, no vectors installed) by `lexical`,
 * which is then exactly the model of a classifier without word vectors.
 */
interface TaxonomyModel {
  lexical: Models;
  meaning: Models | undefined;
}

/**
 * A message is out of scope, whatever the scope model says, when it is no more like the business
 * than this share of the built-in off-topic lines are on every count: its best class, its
 * resemblance to generic questions, bookings and problem reports, and the share of its words the
 * business uses. The threshold is per taxonomy (where chatter falls on it), the share is not: it was
 * chosen on the union of the evaluation sets, as the highest that kept every set's kind accuracy.
 */
const CHATTER_QUANTILE = 0.8;

function quantile(values: number[], q: number): number {
  if (values.length === 0) return -Infinity;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))];
}

/**
 * Most messages a business receives are about its business: the scope model assumes four in five
 * are (a base rate, not a fitted number), so a message is called out of scope only when it is
 * clearly more like chatter than like anything the business wrote.
 */
const IN_SCOPE_SHARE = 0.8;
/** Defaults the fits are pulled towards: they decide for a taxonomy with (almost) no examples. */
const SCOPE_PRIOR: Coefficients = [-5, 20, 2];
const CORRECT_PRIOR: Coefficients = [-1, 3, 8, 3];
/** Left-out examples used to fit, at most (evenly spread over the taxonomy): bounds build time. */
const MAX_CALIBRATION_EXAMPLES = 200;
/**
 * A decision that is about nothing the business wrote, and near none of the built-in off-topic
 * lines either, is reported below this confidence: a guess. (The bot asks back on any
 * `out_of_scope`, however sure: bot/conversation/decide.ts.)
 */
const OUT_OF_SCOPE_CONFIDENCE_CAP = 0.45;
/** The confidence of a guess (one word, a tie): below the bot's 0.5. */
const GUESS_CONFIDENCE = 0.45;
/** Class scores closer than this are a tie. */
const TIE = 1e-6;

const models = new WeakMap<TaxonomyIndex, TaxonomyModel>();

function scopeX(ev: Evidence): number[] {
  return [ev.inScope, ev.coverage];
}

function correctX(x: ConfidenceSignals): number[] {
  return [x.top, x.kindMargin, x.typeMargin];
}

/** The texts the models are fitted on, each scored as if unseen (left out of its own class). */
interface CalibrationText {
  f: TextFeatures;
  exclude: number;
  /** The class it is an example of (business examples), or -1. */
  own: number;
  role: 'example' | 'offTopic' | 'smallTalk';
}

function calibrationTexts(index: TaxonomyIndex): CalibrationText[] {
  const inScopeDocs: number[] = [];
  index.classes.forEach((c) => {
    if (c.kind === 'other') return;
    for (let d = c.docStart; d < c.docEnd; d++) inScopeDocs.push(d);
  });
  const stride = Math.max(1, inScopeDocs.length / MAX_CALIBRATION_EXAMPLES);
  const picked: number[] = [];
  for (let i = 0; i < inScopeDocs.length && picked.length < MAX_CALIBRATION_EXAMPLES; i += stride) picked.push(inScopeDocs[Math.floor(i)]);
  const classOfDoc = (d: number) => index.classes.findIndex((c) => d >= c.docStart && d < c.docEnd);
  const texts: CalibrationText[] = picked.map((d) => ({ f: textFeatures(index.docText[d]), exclude: d, own: classOfDoc(d), role: 'example' }));
  // Each off-topic line is left out of its own class, like the business's examples.
  const offTopicClass = index.classes.find((c) => c.source === 'generic' && c.key === OFF_TOPIC_KEY);
  for (const [i, text] of OFF_TOPIC.entries()) texts.push({ f: featuresOfBuiltIn(text), exclude: offTopicClass ? offTopicClass.docStart + i : -1, own: -1, role: 'offTopic' });
  for (const text of Object.values(SMALL_TALK).flat()) texts.push({ f: featuresOfBuiltIn(text), exclude: -1, own: -1, role: 'smallTalk' });
  return texts;
}

function fitModels(index: TaxonomyIndex, texts: CalibrationText[], scored: (Evidence | null)[]): Models {
  const positives: number[][] = [];
  const correct: Sample[] = [];
  const negatives: number[][] = [];
  const offTopic: Evidence[] = [];
  texts.forEach((t, i) => {
    const ev = scored[i];
    if (!ev) return;
    if (t.role !== 'example') {
      negatives.push(scopeX(ev));
      if (t.role === 'offTopic') offTopic.push(ev);
      return;
    }
    positives.push(scopeX(ev));
    const choice = choose(index, ev);
    const ownClass = index.classes[t.own];
    const right = choice.kind === ownClass.kind && (ownClass.source === 'generic' || choice.cls === t.own);
    correct.push({ x: correctX(choice.signals), y: right ? 1 : 0, weight: 1 });
  });
  const chatter = {
    business: quantile(offTopic.map((e) => e.businessBest), CHATTER_QUANTILE),
    generic: quantile(offTopic.map((e) => e.genericBest), CHATTER_QUANTILE),
    coverage: quantile(offTopic.map((e) => e.coverage), CHATTER_QUANTILE),
  };
  const w = weighted(positives, negatives, IN_SCOPE_SHARE);
  const scopeSamples: Sample[] = [
    ...positives.map((x): Sample => ({ x, y: 1, weight: w.pos })),
    ...negatives.map((x): Sample => ({ x, y: 0, weight: w.neg })),
  ];
  const scope = fitLogistic(scopeSamples, SCOPE_PRIOR);
  return { scope, correct: fitLogistic(correct, CORRECT_PRIOR), chatter };
}

function fitModel(index: TaxonomyIndex): TaxonomyModel {
  const texts = calibrationTexts(index);
  const lexical = texts.map((t) => evidence(index, t.f, t.exclude, true));
  if (!index.meaning) return { lexical: fitModels(index, texts, lexical), meaning: undefined };
  // A text without meaning scores the same both ways: only the English ones are scored again.
  const withMeaning = texts.map((t, i) => (hasMeaning(index, t.f) ? evidence(index, t.f, t.exclude) : lexical[i]));
  return { lexical: fitModels(index, texts, lexical), meaning: fitModels(index, texts, withMeaning) };
}

/**
 * Builds the index of a taxonomy and fits its models, without the cache: what the first message of
 * a new or edited taxonomy costs (for the benchmark).
 */
export function prepareTaxonomy(taxonomy: Taxonomy): void {
  fitModel(buildIndex(taxonomy));
}

function modelFor(index: TaxonomyIndex): TaxonomyModel {
  let m = models.get(index);
  if (!m) models.set(index, (m = fitModel(index)));
  return m;
}

interface Decision {
  kind: Kind;
  type?: string;
  faqKey?: string;
  otherType?: OtherType;
  confidence: number;
  kindScores: Record<Kind, number>;
  signals: ConfidenceSignals;
  /** The reading close behind this one, if any: what the bot offers beside it when unsure. */
  alternative?: Reading;
}

type Reading = NonNullable<Classification['alternative']>;

/**
 * A second entry counts as close behind the first when it scores at least this share of the
 * first's score: "did you mean X or Y?" (bot/conversation/decide.ts). Chosen on the sets the
 * classifier was tuned on (`npm run eval`, "Did you mean"), measured on those kept aside.
 */
const CLOSE_BEHIND = 0.85;

/** The business's entry (case type, service or FAQ entry) that scores best after the chosen one, when it is close behind. */
function closeBehind(index: TaxonomyIndex, ev: Evidence, chosen: number): Reading | undefined {
  if (chosen < 0) return undefined;
  let second = -1;
  index.classes.forEach((c, i) => {
    if (i === chosen || c.source === 'generic' || c.kind === 'other') return;
    if (second < 0 || ev.classScore[i] > ev.classScore[second]) second = i;
  });
  if (second < 0 || ev.classScore[second] < TYPE_MIN || ev.classScore[second] < CLOSE_BEHIND * ev.classScore[chosen]) return undefined;
  const c = index.classes[second];
  return { kind: c.kind as Reading['kind'], key: c.key };
}

/** At least this sure of a message that is one of the business's phrases word for word: sure enough to act on (0.5). */
const KNOWN_PHRASE_CONFIDENCE = 0.9;

const NOTHING: ConfidenceSignals = { top: 0, kindMargin: 0, typeMargin: 0, inScope: 0, coverage: 0, nothing: true };
const ZERO: Record<Kind, number> = { booking: 0, case: 0, question: 0, other: 0 };

/** `exclude`: an example document of the index left out, to read it as if never seen. */
function decide(index: TaxonomyIndex, f: TextFeatures, exclude = -1): Decision {
  // The models first: fitting them (the first message of a taxonomy) scores other texts, and the
  // index's scratch must hold this message's scores when `saysWhatClassIsAbout` reads them.
  const models = modelFor(index);
  const ev = evidence(index, f, exclude);
  if (!ev) return { kind: 'other', otherType: 'out_of_scope', confidence: NOTHING_CONFIDENCE, kindScores: { ...ZERO }, signals: NOTHING };
  const model = ev.meaning && models.meaning ? models.meaning : models.lexical;
  const choice = choose(index, ev);
  const pIn = predict(model.scope, scopeX(ev));
  const base = { kindScores: ev.kindScores, signals: choice.signals };
  if (choice.kind === 'other') {
    const otherType: OtherType = choice.signals.top >= FLOOR && ev.smallTalk ? ev.smallTalk : 'out_of_scope';
    // Small talk is sure when it is unlike the business or very like the built-in small talk. A
    // message nearest to the built-in off-topic lines is as sure as the scope model says it is out
    // of scope, or as the decision model says a decision with its scores and margins is right.
    // Anything else out of scope (nothing near enough) is a guess.
    // Near by meaning alone is not near enough to be sure: the word vectors of a text in no
    // language they know (Thai in Latin letters: "tem ngern laew mai kao ka") point anywhere.
    const nearOffTopic = choice.signals.top >= FLOOR && !ev.smallTalk && (!ev.meaning || (GENERIC_WEIGHT + GENERIC_PRIOR) * ev.offTopicWords >= FLOOR);
    const confidence =
      otherType !== 'out_of_scope'
        ? Math.max(1 - pIn, Math.min(0.95, ev.smallTalkScore))
        : nearOffTopic
          ? Math.max(1 - pIn, predict(model.correct, correctX(choice.signals)))
          : Math.min(OUT_OF_SCOPE_CONFIDENCE_CAP, 1 - pIn);
    return { kind: 'other', otherType, confidence, ...base };
  }
  const c = model.chatter;
  const likeChatter = ev.businessBest < c.business && ev.genericBest < c.generic && ev.coverage < c.coverage;
  if (pIn < 0.5 || likeChatter) {
    // Closer to what businesses are not there for than to anything this business wrote.
    return { kind: 'other', otherType: 'out_of_scope', confidence: Math.min(OUT_OF_SCOPE_CONFIDENCE_CAP, 1 - pIn), ...base };
  }
  let confidence = pIn * predict(model.correct, correctX(choice.signals));
  // A single word ("refund", "เติมเงิน") names a topic, not what the customer wants done with it;
  // and two classes that score the same cannot be told apart (the same examples, say). Either way
  // the decision is a guess, reported below 0.5 so that the bot asks back rather than acts.
  // A word asking for a fact (where, when, how much) with the one word is a whole question, though:
  // "ร้านอยู่ที่ไหนคะ" (where is the shop?) asks for the address.
  const oneWord = ev.contentWords <= 1 && !(choice.kind === 'question' && f.cues.fact);
  if (oneWord || (choice.cls >= 0 && choice.signals.typeMargin < TIE)) confidence = Math.min(confidence, GUESS_CONFIDENCE);
  const key = choice.cls >= 0 ? index.classes[choice.cls].key : undefined;
  if (choice.kind === 'question') {
    // An entry answers only a question about what it is about. "จอดรถได้ไหม" (can I park?) is worded
    // like "ยกเลิกได้ไหม" (can I cancel?) and says nothing of cancelling: a question the business has
    // no entry for, for a person to answer, not the cancellation policy.
    const about = key !== undefined && saysWhatClassIsAbout(index, choice.cls, f, ev.meaning, exclude);
    return { kind: 'question', faqKey: about ? key : undefined, confidence, ...base, alternative: about ? closeBehind(index, ev, choice.cls) : undefined };
  }
  return { kind: choice.kind, type: key, confidence, ...base, alternative: closeBehind(index, ev, choice.cls) };
}

/** A customer's text as the classifier reads it: its slips of the keyboard spelt as the business spells the words (`offline/spelling.ts`). */
function customerFeatures(index: TaxonomyIndex, text: string): TextFeatures {
  const vectors = index.vectors;
  // The text spelt is normalised already; normalising it again changes nothing more.
  return textFeatures((vectors && spelledAsTheBusiness(text, index.spellings, (w) => vectors.row.has(w))) || text);
}

/** Classifies one message synchronously (the work is CPU only); never throws. */
export function classifyOffline(input: ClassifyInput): OfflineDecision {
  const text = typeof input?.text === 'string' ? input.text : '';
  const taxonomy: Taxonomy = input?.taxonomy ?? { caseTypes: [], bookingTypes: [], faq: [] };
  let d: Decision;
  let f: TextFeatures;
  try {
    const index = indexFor(taxonomy);
    f = customerFeatures(index, text);
    d = decide(index, f);
    // The business's own phrase, word for word: its class, whatever it is most like, and no other
    // reading close behind it to ask about (known-phrases.ts).
    const known = knownPhraseOf(taxonomy, text);
    if (known) d = { ...d, kind: known.kind, type: known.kind === 'question' ? undefined : known.key, faqKey: known.kind === 'question' ? known.key : undefined, otherType: undefined, confidence: Math.max(d.confidence, KNOWN_PHRASE_CONFIDENCE), alternative: undefined };
  } catch {
    // Not expected (the taxonomy is validated at the edge); a malformed one still gets an answer.
    f = textFeatures(text);
    d = { kind: 'other', otherType: 'out_of_scope', confidence: NOTHING_CONFIDENCE, kindScores: { ...ZERO }, signals: NOTHING };
  }
  const confidence = Math.min(0.99, Math.max(0.01, d.confidence));
  const classification: Classification = {
    kind: d.kind,
    confidence: Math.round(confidence * 1000) / 1000,
    language: detectLanguage(text),
    fields: extractFields(text, { now: input?.now, timeZone: input?.timeZone, orderIdPatterns: input?.orderIdPatterns }),
  };
  // A question about a service, with nothing asked of the business and no date, time or party
  // size, asks about it; it does not book it. Read as a booking, it is a guess, asked back.
  if (d.kind === 'booking' && asksAboutOnly(f, classification.fields)) classification.confidence = Math.min(classification.confidence, GUESS_CONFIDENCE);
  if (d.kind === 'case' && d.type) classification.caseType = d.type;
  if (d.kind === 'booking' && d.type) classification.bookingType = d.type;
  if (d.faqKey) classification.faqKey = d.faqKey;
  if (d.kind === 'other' && d.otherType) classification.otherType = d.otherType;
  if (d.alternative) classification.alternative = d.alternative;
  return { classification, kindScores: d.kindScores, signals: d.signals };
}

/**
 * Worded as a question ("How much is the sushi class?", "Is the city tour suitable for kids?",
 * "นวดไทยเจ็บไหมคะ"), with nothing asked to be arranged (`wantsArranged`: book, order, "can you",
 * "ขอ", "อยาก", "any slots") and no detail of a booking (date, time, party size). On the demo
 * business's messages, such readings as a booking were wrong nine times in ten; on the public sets
 * the readings it sets back are right about as often as those the level sets back.
 */
function asksAboutOnly(f: TextFeatures, fields: Classification['fields']): boolean {
  return f.questionCue && !wantsArranged(f.normalized) && !fields.date && !fields.time && !fields.partySize;
}

/**
 * The case types a message is most like, best first, at most `count` (those that score at least
 * TYPE_MIN), ranked by type score (hubs discounted, as the classifier chooses the type): what to
 * offer first when the customer says it is a problem and the type is not sure. The right type is
 * first for 72 % of the problem reports on BANKING77's 39 close types, among the first three for
 * 88 % (`npm run eval`, docs/understanding.md). Works whatever classifier is configured: it reads
 * the offline index only.
 */
export function likelyCaseTypes(taxonomy: Taxonomy, text: string, count = 3): string[] {
  return mostLike(taxonomy, text, count, (c, i, ev) => (c.source === 'case' ? ev.typeScore[i] : undefined)).map((c) => c.key);
}

/**
 * The business's entries (case types, services, FAQ entries) a text is most like, best first: what
 * the bot offers as one tap when it leans to a reading without being sure of it (bot/conversation
 * decide.ts, "did you mean"), beside the reading itself.
 */
export function likelyReadings(taxonomy: Taxonomy, text: string, count = 3): Reading[] {
  return mostLike(taxonomy, text, count, (c, i, ev) => (c.source !== 'generic' && c.kind !== 'other' ? ev.classScore[i] : undefined)).map((c) => ({ kind: c.kind as Reading['kind'], key: c.key }));
}

/** The classes a text is most like, by the score `scoreOf` gives those it ranks (of the classes that score at least TYPE_MIN), best first. */
function mostLike(taxonomy: Taxonomy, text: string, count: number, scoreOf: (c: IndexedClass, i: number, ev: Evidence) => number | undefined): IndexedClass[] {
  const index = indexFor(taxonomy);
  const ev = evidence(index, customerFeatures(index, text));
  if (!ev) return [];
  const ranked: { c: IndexedClass; score: number }[] = [];
  index.classes.forEach((c, i) => {
    const score = ev.classScore[i] >= TYPE_MIN ? scoreOf(c, i, ev) : undefined;
    if (score !== undefined) ranked.push({ c, score });
  });
  return ranked
    .sort((a, b) => b.score - a.score)
    .slice(0, count)
    .map((r) => r.c);
}

/** How one example phrase of the business reads to the classifier when it has not seen it. */
export interface ExampleReading {
  /** The entry it is an example of. */
  kind: Exclude<Kind, 'other'>;
  key: string;
  text: string;
  /** What the classifier takes it for with the phrase left out of its entry: a kind, and the entry of that kind. */
  readAs: { kind: Kind; key?: string };
}

/**
 * Reads every example phrase the business wrote (not the names) as the next customer message
 * would be read, with the phrase left out of its own entry: what the taxonomy check shows a
 * manager (core/understanding/taxonomy-check.ts). A phrase read as another entry says that the
 * two entries look alike to the classifier. The phrase still counts in its entry's centroid and
 * in the kind model, so the reading is a little kinder than a stranger's message would get.
 */
export function readExamplesLeftOut(taxonomy: Taxonomy): ExampleReading[] {
  const index = indexFor(taxonomy);
  const out: ExampleReading[] = [];
  for (const cls of index.classes) {
    if (cls.source === 'generic' || cls.kind === 'other') continue;
    for (let d = cls.docStart; d < cls.phrasesEnd; d++) {
      const text = index.docText[d];
      const read = decide(index, textFeatures(text), d);
      out.push({ kind: cls.kind, key: cls.key, text, readAs: { kind: read.kind, key: read.type ?? read.faqKey } });
    }
  }
  return out;
}

export class OfflineClassifier implements Classifier {
  readonly provider = 'offline';

  /**
   * v3 added English word vectors (`offline/word-vectors.ts`), v4 the kind model
   * (`offline/linear-model.ts`), v5 meaning as the business's classes vary (`offline/whitening.ts`),
   * v6 wording that tells against a kind (`CUES_AGAINST`), v7 the type chosen with hubs discounted
   * (`offline/hubness.ts`), v8 the type chosen by what the message says happened (`WHAT_HAPPENED`),
   * v9 the type's nearest examples compared without those words (`aboutWithoutWhatHappened`) and
   * asking to be told as asking for a fact; v11 a question about a service that asks nothing to be
   * arranged is not sure as a booking (`asksAboutOnly`); v13 a slip of the keyboard is read as the
   * business's word (`offline/spelling.ts`); without word vectors installed it answers
   * on words and letters only, and says so in its name.
   */
  get model(): string {
    return wordVectors() ? 'ngram-knn-v13' : 'ngram-knn-v13-lexical';
  }

  async classify(input: ClassifyInput): Promise<Classification> {
    return classifyOffline(input).classification;
  }

  /** Builds (and caches) the index of a taxonomy ahead of the first message. */
  warm(taxonomy: Taxonomy): void {
    modelFor(indexFor(taxonomy));
  }
}
