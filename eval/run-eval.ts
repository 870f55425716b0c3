import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { KINDS, type Classification, type Classifier, type Kind } from '../core/understanding/classification.ts';
import { taxonomySchema, type Taxonomy } from '../core/understanding/taxonomy.ts';
import { OfflineClassifier, likelyCaseTypes } from '../core/understanding/offline-classifier.ts';
import { checkTaxonomy } from '../core/understanding/taxonomy-check.ts';
import { NgramBaseline } from './ngram-baseline.ts';
import { seedTaxonomy, seedTaxonomyJson, taxonomyPath } from './export-seed-taxonomy.ts';
import { decideAll, summariseDecisions, type DecisionSummary } from './decisions.ts';
import { ACT_CONFIDENCE } from '../bot/conversation/decision.ts';
import { correctionsSection } from './corrections.ts';

/**
 * `npm run eval`: the offline classifier (and, with OPENAI_API_KEY or GEMINI_API_KEY set, the
 * configured LLM classifier) over `eval/messages.jsonl` against the seed taxonomy, printed as
 * Markdown: accuracy of kind, case type and booking type, FAQ matches, per-class precision /
 * recall / F1, confusion tables and calibration buckets.
 *
 * Options: `--split dev|test|all` (default all; dev is every fourth line, m0004, m0008, ..., the
 * part looked at while building the classifier; test is the rest, never looked at line by line),
 * `--errors` (list the misclassified lines of the split), `--offline-only`, `--set NAME` (one set),
 * `--no-scripts` (skip the multi-turn dialogue scripts, eval/run-dialogue-scripts.ts, which start
 * the whole system on an embedded database and report a pass rate), `--corrections` (what staff's
 * corrected examples add, eval/corrections.ts; slow).
 */

export interface EvalMessage {
  id: string;
  text: string;
  kind: Kind;
  caseType?: string;
  bookingType?: string;
  faqKey?: string;
  /** The public set's own label, kept for error listings. */
  intent?: string;
}

export const messagesPath = fileURLToPath(new URL('./messages.jsonl', import.meta.url));

export function loadEvalMessages(path = messagesPath): EvalMessage[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const m = JSON.parse(l) as EvalMessage;
      if (typeof m.id !== 'string' || typeof m.text !== 'string' || !KINDS.includes(m.kind)) {
        throw new Error(`messages.jsonl line ${i + 1}: bad record`);
      }
      return m;
    });
}

export const isDev = (m: EvalMessage) => Number(m.id.replace(/\D/g, '')) % 4 === 0;

/** The taxonomy file, checked against the seed it is generated from. */
export function loadEvalTaxonomy(): { taxonomy: Taxonomy; drift: boolean } {
  const generated = seedTaxonomyJson();
  const onDisk = existsSync(taxonomyPath) ? readFileSync(taxonomyPath, 'utf8') : '';
  if (onDisk !== generated) return { taxonomy: seedTaxonomy(), drift: true };
  return { taxonomy: taxonomySchema.parse(JSON.parse(onDisk)), drift: false };
}

export interface Prediction {
  message: EvalMessage;
  result: Classification;
  ms: number;
}

/** Label used for per-class figures: the kind, with the type for cases and bookings. */
export function labelOf(kind: Kind, caseType?: string, bookingType?: string): string {
  if (kind === 'case') return `case:${caseType ?? '?'}`;
  if (kind === 'booking') return `booking:${bookingType ?? '?'}`;
  return kind;
}

const goldLabel = (m: EvalMessage) => labelOf(m.kind, m.caseType, m.bookingType);
const predLabel = (r: Classification) => labelOf(r.kind, r.caseType, r.bookingType);
/** Correct as a whole: the kind, and the type where there is one. */
export const fullyCorrect = (p: Prediction) => goldLabel(p.message) === predLabel(p.result);

export async function predictAll(classifier: Classifier, messages: EvalMessage[], taxonomy: Taxonomy, concurrency = 1): Promise<Prediction[]> {
  const out: Prediction[] = new Array(messages.length);
  let next = 0;
  const worker = async () => {
    while (next < messages.length) {
      const i = next++;
      const t0 = performance.now();
      const result = await classifier.classify({ text: messages[i].text, taxonomy, now: new Date('2026-03-10T03:00:00Z'), timeZone: 'Asia/Bangkok' });
      out[i] = { message: messages[i], result, ms: performance.now() - t0 };
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export interface Summary {
  n: number;
  kindAccuracy: number;
  caseTypeAccuracy: number;
  caseCount: number;
  bookingTypeAccuracy: number;
  bookingCount: number;
  faqAccuracy: number;
  faqCount: number;
  /** Questions without a FAQ entry that were given one anyway. */
  faqFalseMatches: number;
  noFaqCount: number;
  fullAccuracy: number;
  /** Mean over the kinds the set has of each kind's F1. */
  kindMacroF1: number;
  /** Answers at or above the bot's threshold (0.5): the bot acts on these. */
  actedOn: number;
  /** Of those, the share wrong in kind or type: a wrong action. */
  wrongWhenActedOn: number;
}

const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);

export function summarise(preds: Prediction[]): Summary {
  const cases = preds.filter((p) => p.message.kind === 'case');
  const bookings = preds.filter((p) => p.message.kind === 'booking');
  const faqs = preds.filter((p) => p.message.faqKey);
  const noFaq = preds.filter((p) => p.message.kind === 'question' && !p.message.faqKey);
  return {
    n: preds.length,
    kindAccuracy: ratio(preds.filter((p) => p.result.kind === p.message.kind).length, preds.length),
    caseTypeAccuracy: ratio(cases.filter((p) => p.result.kind === 'case' && p.result.caseType === p.message.caseType).length, cases.length),
    caseCount: cases.length,
    bookingTypeAccuracy: ratio(bookings.filter((p) => p.result.kind === 'booking' && p.result.bookingType === p.message.bookingType).length, bookings.length),
    bookingCount: bookings.length,
    faqAccuracy: ratio(faqs.filter((p) => p.result.kind === 'question' && p.result.faqKey === p.message.faqKey).length, faqs.length),
    faqCount: faqs.length,
    faqFalseMatches: noFaq.filter((p) => p.result.faqKey).length,
    noFaqCount: noFaq.length,
    fullAccuracy: ratio(preds.filter(fullyCorrect).length, preds.length),
    kindMacroF1: kindMacroF1(preds),
    actedOn: ratio(preds.filter((p) => p.result.confidence >= ACT_THRESHOLD).length, preds.length),
    wrongWhenActedOn: ratio(preds.filter((p) => p.result.confidence >= ACT_THRESHOLD && !fullyCorrect(p)).length, preds.filter((p) => p.result.confidence >= ACT_THRESHOLD).length),
  };
}

/** The conversation router acts on a classification at this confidence or more. */
export const ACT_THRESHOLD = 0.5;

export function kindMacroF1(preds: Prediction[]): number {
  const f1s: number[] = [];
  for (const k of KINDS) {
    const tp = preds.filter((p) => p.message.kind === k && p.result.kind === k).length;
    const gold = preds.filter((p) => p.message.kind === k).length;
    const predicted = preds.filter((p) => p.result.kind === k).length;
    // Over the kinds the set has: a set without small talk is not scored on it, but every
    // message wrongly called "other" still costs its own kind's recall.
    if (gold === 0) continue;
    f1s.push(tp === 0 ? 0 : (2 * tp) / (gold + predicted));
  }
  return f1s.length ? f1s.reduce((a, b) => a + b, 0) / f1s.length : NaN;
}

// ---- Markdown ---------------------------------------------------------------------------------

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)} %`);
const f2 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(2));
const f3 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(3));

function table(headers: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [line(headers), line(headers.map(() => '---')), ...rows.map(line)].join('\n');
}

function languageOf(text: string): 'th' | 'en' | 'mixed' | 'none' {
  const th = (text.match(/[\u0E00-\u0E7F]/g) ?? []).length;
  const en = (text.match(/[A-Za-z]/g) ?? []).length;
  if (th === 0 && en === 0) return 'none';
  if (th > 0 && en >= 3) return 'mixed';
  return th > 0 ? 'th' : 'en';
}

export function summaryTable(rows: [string, Summary][]): string {
  return table(
    ['set', 'messages', 'kind', 'case type (on cases)', 'booking type (on bookings)', 'FAQ entry (on FAQ questions)', 'FAQ named on questions without one', 'all correct'],
    rows.map(([name, s]) => [
      name,
      s.n,
      pct(s.kindAccuracy),
      `${pct(s.caseTypeAccuracy)} (${s.caseCount})`,
      `${pct(s.bookingTypeAccuracy)} (${s.bookingCount})`,
      `${pct(s.faqAccuracy)} (${s.faqCount})`,
      `${s.faqFalseMatches} of ${s.noFaqCount}`,
      pct(s.fullAccuracy),
    ]),
  );
}

function perClassTable(preds: Prediction[], labelOfGold: (m: EvalMessage) => string, labelOfPred: (r: Classification) => string, labels: string[]): string {
  const rows = labels.map((label) => {
    const tp = preds.filter((p) => labelOfGold(p.message) === label && labelOfPred(p.result) === label).length;
    const goldN = preds.filter((p) => labelOfGold(p.message) === label).length;
    const predN = preds.filter((p) => labelOfPred(p.result) === label).length;
    const precision = ratio(tp, predN);
    const recall = ratio(tp, goldN);
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : NaN;
    return [label, goldN, predN, f2(precision), f2(recall), f2(f1)];
  });
  return table(['class', 'gold', 'predicted', 'precision', 'recall', 'F1'], rows);
}

function confusion(preds: Prediction[], gold: (m: EvalMessage) => string, pred: (r: Classification) => string, rowLabels: string[], colLabels: string[]): string {
  const rows = rowLabels.map((g) => [
    `**${g}**`,
    ...colLabels.map((c) => preds.filter((p) => gold(p.message) === g && pred(p.result) === c).length),
  ]);
  return table(['gold \\ predicted', ...colLabels], rows);
}

export function calibration(preds: Prediction[], bins = [0, 0.2, 0.4, 0.6, 0.8, 0.9, 1.0001]): { table: string; ece: number } {
  let ece = 0;
  const rows: (string | number)[][] = [];
  for (let i = 0; i < bins.length - 1; i++) {
    const inBin = preds.filter((p) => p.result.confidence >= bins[i] && p.result.confidence < bins[i + 1]);
    if (inBin.length === 0) {
      rows.push([`${bins[i].toFixed(1)}-${Math.min(1, bins[i + 1]).toFixed(1)}`, 0, '', '', '']);
      continue;
    }
    const conf = inBin.reduce((a, p) => a + p.result.confidence, 0) / inBin.length;
    const acc = inBin.filter(fullyCorrect).length / inBin.length;
    const kindAcc = inBin.filter((p) => p.result.kind === p.message.kind).length / inBin.length;
    ece += (inBin.length / preds.length) * Math.abs(conf - acc);
    rows.push([`${bins[i].toFixed(1)}-${Math.min(1, bins[i + 1]).toFixed(1)}`, inBin.length, conf.toFixed(2), acc.toFixed(2), kindAcc.toFixed(2)]);
  }
  return {
    table: table(['confidence', 'messages', 'mean confidence', 'accuracy (kind and type)', 'accuracy (kind)'], rows),
    ece,
  };
}

export function report(name: string, preds: Prediction[], taxonomy: Taxonomy, withErrors: boolean): string {
  const out: string[] = [];
  out.push(`## ${name}`);
  const byLanguage = (['th', 'en', 'mixed', 'none'] as const)
    .map((lang) => [lang, preds.filter((p) => languageOf(p.message.text) === lang)] as const)
    .filter(([, ps]) => ps.length > 0)
    .map(([lang, ps]) => [`language ${lang}`, summarise(ps)] as [string, Summary]);
  out.push(
    summaryTable([
      ['all', summarise(preds)],
      ['dev (every 4th line)', summarise(preds.filter((p) => isDev(p.message)))],
      ['test (the rest)', summarise(preds.filter((p) => !isDev(p.message)))],
      ...byLanguage,
    ]),
  );
  const ms = preds.map((p) => p.ms).sort((a, b) => a - b);
  out.push(`\nTime per message: p50 ${ms[Math.floor(ms.length * 0.5)].toFixed(2)} ms, p99 ${ms[Math.floor(ms.length * 0.99)].toFixed(2)} ms (first call includes building the index).`);

  out.push('\n### Per class (kind, with the type for cases and bookings)\n');
  const labels = [
    ...taxonomy.caseTypes.map((c) => `case:${c.key}`),
    ...taxonomy.bookingTypes.map((b) => `booking:${b.key}`),
    'question',
    'other',
  ];
  out.push(perClassTable(preds, goldLabel, predLabel, labels));
  out.push('\n### Per kind\n');
  out.push(perClassTable(preds, (m) => m.kind, (r) => r.kind, [...KINDS]));

  out.push('\n### Confusion of kinds\n');
  out.push(confusion(preds, (m) => m.kind, (r) => r.kind, [...KINDS], [...KINDS]));
  out.push('\n### Confusion of case types (gold case messages)\n');
  const caseKeys = taxonomy.caseTypes.map((c) => c.key);
  const casePreds = preds.filter((p) => p.message.kind === 'case');
  const casePred = (r: Classification) => (r.kind === 'case' ? (r.caseType ?? '(none)') : `(${r.kind})`);
  const caseCols = [...caseKeys, '(none)', '(booking)', '(question)', '(other)'].filter((c) => caseKeys.includes(c) || casePreds.some((p) => casePred(p.result) === c));
  out.push(confusion(casePreds, (m) => m.caseType ?? '', casePred, caseKeys, caseCols));
  out.push('\n### Confusion of booking types (gold booking messages)\n');
  const bookingKeys = taxonomy.bookingTypes.map((b) => b.key);
  const bookingPreds = preds.filter((p) => p.message.kind === 'booking');
  const bookingPred = (r: Classification) => (r.kind === 'booking' ? (r.bookingType ?? '(none)') : `(${r.kind})`);
  const bookingCols = [...bookingKeys, '(none)', '(case)', '(question)', '(other)'].filter((c) => bookingKeys.includes(c) || bookingPreds.some((p) => bookingPred(p.result) === c));
  out.push(confusion(bookingPreds, (m) => m.bookingType ?? '', bookingPred, bookingKeys, bookingCols));

  out.push('\n### Calibration\n');
  const cal = calibration(preds);
  out.push(cal.table);
  out.push(`\nExpected calibration error (kind and type): ${cal.ece.toFixed(3)}.`);

  if (withErrors) {
    const wrong = preds.filter((p) => !fullyCorrect(p) || (p.message.faqKey && p.result.faqKey !== p.message.faqKey));
    out.push(`\n### Errors (${wrong.length})\n`);
    out.push(
      table(
        ['id', 'text', 'gold', 'predicted', 'confidence'],
        wrong.map((p) => [
          p.message.id,
          p.message.text.replace(/\|/g, '\\|'),
          goldLabel(p.message) + (p.message.faqKey ? ` (${p.message.faqKey})` : ''),
          predLabel(p.result) + (p.result.faqKey ? ` (${p.result.faqKey})` : ''),
          p.result.confidence.toFixed(2),
        ]),
      ),
    );
  }
  return out.join('\n');
}

/** The configured LLM classifier (behind its offline fallback), when a key is set; else why not. */
async function llmClassifier(): Promise<{ classifier: Classifier; fallbacks: () => number } | string> {
  if (!process.env.OPENAI_API_KEY && !process.env.GEMINI_API_KEY) return 'no OPENAI_API_KEY or GEMINI_API_KEY set';
  const factoryPath = fileURLToPath(new URL('../core/understanding/create-classifier.ts', import.meta.url));
  if (!existsSync(factoryPath)) return 'core/understanding/create-classifier.ts does not exist yet';
  try {
    const { loadConfig } = await import('../core/config.ts');
    const mod = (await import(factoryPath)) as { createClassifier?: (config: unknown) => unknown };
    if (typeof mod.createClassifier !== 'function') return 'create-classifier.ts exports no createClassifier()';
    const created = mod.createClassifier(loadConfig()) as Classifier & {
      classifyWithMeta?: (input: Parameters<Classifier['classify']>[0]) => Promise<{ result: Classification; fallbackReason?: string }>;
    };
    if (created.provider === 'offline') return 'the configuration chose the offline classifier (CLASSIFIER=offline?)';
    // Count the answers the offline fallback gave instead of the LLM (timeouts, errors, ...).
    let fallbacks = 0;
    const classifier: Classifier = {
      provider: created.provider,
      model: created.model,
      classify: async (input) => {
        if (!created.classifyWithMeta) return created.classify(input);
        const d = await created.classifyWithMeta(input);
        if (d.fallbackReason) fallbacks++;
        return d.result;
      },
    };
    return { classifier, fallbacks: () => fallbacks };
  } catch (err) {
    return `could not create the LLM classifier: ${(err as Error).message}`;
  }
}

export interface EvalSet {
  name: string;
  /** Where the messages came from, for the report. */
  source: string;
  taxonomy: Taxonomy;
  messages: EvalMessage[];
  /** Kept aside: never looked at while the classifier was tuned (its figures are a measure of unseen data). */
  aside?: boolean;
}

export const publicDir = fileURLToPath(new URL('./public/', import.meta.url));

/** The public sets written by `node eval/prepare-public-sets.ts` (git-ignored), in name order. */
export function loadPublicSets(dir = publicDir): EvalSet[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .filter((name) => existsSync(join(dir, name, 'messages.jsonl')) && existsSync(join(dir, name, 'taxonomy.json')))
    .map((name) => {
      const meta = existsSync(join(dir, name, 'meta.json')) ? (JSON.parse(readFileSync(join(dir, name, 'meta.json'), 'utf8')) as { repo?: string; commit?: string; aside?: boolean }) : {};
      return {
        name,
        source: `${meta.repo ?? 'unknown'}${meta.commit ? `@${meta.commit.slice(0, 10)}` : ''}`,
        taxonomy: taxonomySchema.parse(JSON.parse(readFileSync(join(dir, name, 'taxonomy.json'), 'utf8'))),
        messages: loadEvalMessages(join(dir, name, 'messages.jsonl')),
        aside: meta.aside === true,
      };
    });
}

/** The levels the decision is measured at: what an org may set, the bot's default among them. */
export const SURE_LEVELS = [0.5, 0.6, 0.7, 0.8, 0.9, 0.95];

/** What the bot does with the set's messages (`decide()`), per threshold: one row each. */
function decisionTable(rows: [string, DecisionSummary][]): string {
  return table(
    ['classifier, acts when sure', 'acted', 'acted (in scope)', 'wrong among acted', 'out of scope acted on', 'to a person', 'asked back', 'of which "did you mean" (right one offered)', 'greeted'],
    rows.map(([name, d]) => [name, pct(d.acted), pct(d.actedInScope), `${pct(d.wrongAmongActed)} (${d.wrongCount} of ${d.actedCount})`, `${pct(d.outOfScopeActed)} (of ${d.outOfScope})`, pct(d.person), pct(d.asked), `${pct(d.didYouMean)} (${pct(d.didYouMeanRight)})`, pct(d.greeted)]),
  );
}

async function decisionRows(name: string, preds: Prediction[], taxonomy: Taxonomy): Promise<[string, DecisionSummary][]> {
  const rows: [string, DecisionSummary][] = [];
  for (const level of SURE_LEVELS) rows.push([`${name}, ${Math.round(level * 100)} %${level === ACT_CONFIDENCE ? ' (default)' : ''}`, summariseDecisions(await decideAll(preds, level, taxonomy))]);
  return rows;
}

/**
 * The same decisions at the default level, per language of the message, for a set written in more
 * than one: Thai and English are held to the same goals, and a mixed set's mean hides either.
 */
async function decisionsByLanguage(preds: Prediction[], taxonomy: Taxonomy): Promise<string> {
  const groups = (['th', 'en', 'mixed', 'none'] as const).map((lang) => [lang, preds.filter((p) => languageOf(p.message.text) === lang)] as const).filter(([, ps]) => ps.length > 0);
  if (groups.filter(([lang]) => lang === 'th' || lang === 'en').length < 2) return '';
  const rows: [string, DecisionSummary][] = [];
  for (const [lang, ps] of groups) rows.push([`offline, ${Math.round(ACT_CONFIDENCE * 100)} %, language ${lang} (${ps.length} messages)`, summariseDecisions(await decideAll(ps, ACT_CONFIDENCE, taxonomy))]);
  return `\nBy the language of the message, at the default level:\n\n${decisionTable(rows)}`;
}

/** The headline of one set: one row per classifier. */
function headline(rows: [string, Summary][]): string {
  return table(
    ['classifier', 'messages', 'kind accuracy', 'kind macro-F1', 'case type (on cases)', 'booking type (on bookings)', 'FAQ entry (on FAQ questions)', 'acted on (confidence >= 0.5)', 'wrong when acted on'],
    rows.map(([name, s]) => [name, s.n, pct(s.kindAccuracy), f2(s.kindMacroF1), `${pct(s.caseTypeAccuracy)} (${s.caseCount})`, `${pct(s.bookingTypeAccuracy)} (${s.bookingCount})`, `${pct(s.faqAccuracy)} (${s.faqCount})`, pct(s.actedOn), pct(s.wrongWhenActedOn)]),
  );
}

function kindConfusion(preds: Prediction[]): string {
  return confusion(preds, (m) => m.kind, (r) => r.kind, [...KINDS].filter((k) => preds.some((p) => p.message.kind === k)), [...KINDS]);
}

/** Worst-recognised intents of a public set: where to look, not what to tune. */
function worstIntents(preds: Prediction[], n = 8): string {
  const byIntent = new Map<string, Prediction[]>();
  for (const p of preds) {
    const key = p.message.intent ?? labelOf(p.message.kind, p.message.caseType, p.message.bookingType);
    if (!byIntent.has(key)) byIntent.set(key, []);
    byIntent.get(key)!.push(p);
  }
  const rows = [...byIntent.entries()]
    .map(([intent, ps]) => {
      const kinds = new Map<string, number>();
      for (const p of ps) kinds.set(p.result.kind, (kinds.get(p.result.kind) ?? 0) + 1);
      const answered = [...kinds.entries()].sort((a, b) => b[1] - a[1]).map(([k, c]) => `${k} ${c}`).join(', ');
      return { intent, gold: ps[0].message.kind, n: ps.length, acc: ps.filter((p) => p.result.kind === p.message.kind).length / ps.length, answered };
    })
    .sort((a, b) => a.acc - b.acc)
    .slice(0, n);
  return table(['intent', 'gold kind', 'messages', 'kind accuracy', 'answered'], rows.map((r) => [r.intent, r.gold, r.n, pct(r.acc), r.answered]));
}

/**
 * When the bot is unsure of a problem's type, the customer picks it from a list that starts with
 * the types the message is most like (`likelyCaseTypes`): how often the right one is first, and
 * among the first three, over the set's problem reports.
 */
function likelyTypeShares(messages: EvalMessage[], taxonomy: Taxonomy): { n: number; first: number; firstThree: number } {
  const cases = messages.filter((m) => m.kind === 'case' && m.caseType);
  let first = 0;
  let firstThree = 0;
  for (const m of cases) {
    const likely = likelyCaseTypes(taxonomy, m.text, 3);
    if (likely[0] === m.caseType) first++;
    if (likely.includes(m.caseType!)) firstThree++;
  }
  return { n: cases.length, first: ratio(first, cases.length), firstThree: ratio(firstThree, cases.length) };
}

/**
 * Does the taxonomy check (`checkTaxonomy`) point where the errors are? Messages taken for another
 * entry of the business, per pair of entries: between the pairs the check names, and between all
 * the others.
 */
function lookAlikeShares(preds: Prediction[], taxonomy: Taxonomy): { named: number; errors: number; inNamed: number; perNamed: number; perOther: number } {
  const check = checkTaxonomy(taxonomy);
  const pairId = (a: string, b: string) => [a, b].sort().join('|');
  const named = new Set(check.lookAlike.map((p) => pairId(`${p.a.kind}:${p.a.key}`, `${p.b.kind}:${p.b.key}`)));
  let errors = 0;
  let inNamed = 0;
  for (const { message: m, result: r } of preds) {
    const gold = m.caseType ?? m.bookingType ?? m.faqKey;
    const got = r.caseType ?? r.bookingType ?? r.faqKey;
    if (m.kind === 'other' || r.kind === 'other' || !gold || !got || (r.kind === m.kind && got === gold)) continue;
    errors++;
    if (named.has(pairId(`${m.kind}:${gold}`, `${r.kind}:${got}`))) inNamed++;
  }
  const pairs = (check.entries.length * (check.entries.length - 1)) / 2;
  return { named: named.size, errors, inNamed, perNamed: ratio(inNamed, named.size), perOther: ratio(errors - inNamed, pairs - named.size) };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
  const onlySet = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
  const withErrors = args.includes('--errors');
  const all = loadEvalMessages();
  const messages = splitArg === 'dev' ? all.filter(isDev) : splitArg === 'test' ? all.filter((m) => !isDev(m)) : all;
  const { taxonomy, drift } = loadEvalTaxonomy();
  const out: string[] = ['# Message classification: evaluation', ''];
  if (drift) out.push('**Warning:** eval/taxonomy.json differs from the seed; run `node eval/export-seed-taxonomy.ts`. Using the seed.\n');
  const own: EvalSet = { name: 'opsdesk', source: `eval/messages.jsonl (${splitArg})`, taxonomy, messages };
  const publicSets = loadPublicSets();
  if (publicSets.length === 0) {
    out.push('Public sets are not prepared (eval/public/ is empty): only the repository\'s own set is measured. To prepare them, bring the snapshots (see eval/prepare-public-sets.ts) and run `node eval/prepare-public-sets.ts`.\n');
  }
  const sets = [own, ...publicSets].filter((s) => !onlySet || s.name === onlySet);

  const llm = args.includes('--offline-only') ? 'not asked for (--offline-only)' : await llmClassifier();
  const offline = new OfflineClassifier();
  const baseline = new NgramBaseline();
  const overview: (string | number)[][] = [];
  const decisionOverview: (string | number)[][] = [];
  const sections: string[] = [];
  for (const set of sets) {
    const offlinePreds = await predictAll(offline, set.messages, set.taxonomy);
    const baselinePreds = await predictAll(baseline, set.messages, set.taxonomy);
    const rows: [string, Summary][] = [
      [`offline (${offline.model})`, summarise(offlinePreds)],
      [`baseline (${baseline.model})`, summarise(baselinePreds)],
    ];
    let llmPreds: Prediction[] | undefined;
    let llmNote = '';
    if (typeof llm !== 'string') {
      llmPreds = await predictAll(llm.classifier, set.messages, set.taxonomy, 4);
      rows.push([`LLM (${llm.classifier.provider}/${llm.classifier.model})`, summarise(llmPreds)]);
      llmNote = `\n${llm.fallbacks()} answers so far came from the offline fallback (LLM timeout or error).`;
    }
    for (const [name, s] of rows) overview.push([set.name, name, s.n, pct(s.kindAccuracy), f2(s.kindMacroF1), pct(s.caseTypeAccuracy), pct(s.bookingTypeAccuracy), pct(s.wrongWhenActedOn), f3(calibration(name === rows[0][0] ? offlinePreds : name === rows[1][0] ? baselinePreds : llmPreds!).ece)]);

    const part: string[] = [`## Set ${set.name}${set.aside ? ' (kept aside: never tuned on)' : ''}`, '', `${set.messages.length} messages from ${set.source}; taxonomy: ${set.taxonomy.caseTypes.length} case types, ${set.taxonomy.bookingTypes.length} services, ${set.taxonomy.faq.length} FAQ entries.`, ''];
    part.push(headline(rows));
    if (llmNote) part.push(llmNote);
    // What the bot does with each message, by its own decision, at each level an org may set.
    const offlineDecisions = await decisionRows('offline', offlinePreds, set.taxonomy);
    const llmDecisions = llmPreds ? await decisionRows('LLM', llmPreds, set.taxonomy) : [];
    part.push('\n### What the bot does (its own `decide()`, each message as a conversation\'s first)\n');
    part.push(decisionTable([...offlineDecisions, ...llmDecisions]));
    part.push(await decisionsByLanguage(offlinePreds, set.taxonomy));
    for (const [name, d] of [...offlineDecisions, ...llmDecisions]) decisionOverview.push([set.name, set.aside ? 'kept aside' : 'tuned on', name, pct(d.actedInScope), `${pct(d.wrongAmongActed)}`, pct(d.outOfScopeActed), pct(d.person)]);
    const likely = likelyTypeShares(set.messages, set.taxonomy);
    if (likely.n > 0) part.push(`\nWhen the customer picks the type of a problem, the right one is offered first for ${pct(likely.first)} of the ${likely.n} problem reports, among the first three for ${pct(likely.firstThree)}.`);
    const look = lookAlikeShares(offlinePreds, set.taxonomy);
    if (look.named > 0) part.push(`\nThe taxonomy check names ${look.named} look-alike pairs of entries; ${look.inNamed} of the ${look.errors} messages taken for another entry are between them: ${look.perNamed.toFixed(2)} per named pair, ${look.perOther.toFixed(3)} per other pair.`);
    part.push('\n### Confusion of kinds, offline (rows: gold)\n');
    part.push(kindConfusion(offlinePreds));
    part.push('\n### Confusion of kinds, baseline\n');
    part.push(kindConfusion(baselinePreds));
    if (llmPreds) {
      part.push('\n### Confusion of kinds, LLM\n');
      part.push(kindConfusion(llmPreds));
    }
    const cal = calibration(offlinePreds);
    part.push('\n### Offline confidence\n');
    part.push(cal.table);
    part.push(`\nExpected calibration error (kind and type): ${cal.ece.toFixed(3)}.`);
    if (set === own) {
      part.push('\n' + report(`Offline classifier in detail (${offline.provider}/${offline.model})`, offlinePreds, set.taxonomy, withErrors).replace(/^## /, '### ').replace(/\n### /g, '\n#### '));
    } else {
      part.push('\n### Intents the offline classifier gets least right\n');
      part.push(worstIntents(offlinePreds));
      if (withErrors) {
        const wrong = offlinePreds.filter((p) => p.result.kind !== p.message.kind).slice(0, 60);
        part.push(`\n### Kind errors (first ${wrong.length})\n`);
        part.push(table(['text', 'gold', 'predicted', 'confidence'], wrong.map((p) => [p.message.text.replace(/\|/g, '\\|'), `${p.message.kind} (${p.message.intent})`, predLabel(p.result), p.result.confidence.toFixed(2)])));
      }
    }
    sections.push(part.join('\n'));
  }
  out.push('## Every set\n');
  out.push(table(['set', 'classifier', 'messages', 'kind accuracy', 'kind macro-F1', 'case type', 'booking type', 'wrong when acted on', 'calibration error'], overview));
  const aside = sets.filter((s) => s.aside).map((s) => s.name);
  const tuned = sets.filter((s) => !s.aside).map((s) => s.name);
  if (aside.length) out.push(`\nKept aside, never tuned on: ${aside.join(', ')}.${tuned.length ? ` Looked at while tuning: ${tuned.join(', ')}.` : ''}`);
  if (typeof llm === 'string') out.push(`\nLLM classifier skipped: ${llm}.`);
  out.push('\n## What the bot does, every set\n');
  out.push('Acted: a case opened with a type, a booking started, a FAQ entry answered, decided by the bot\'s own `decide()`. In scope: bookings, problems and questions; out of scope: the rest.\n');
  out.push(table(['set', 'tuned on or kept aside', 'classifier, acts when sure', 'acted (in scope)', 'wrong among acted', 'out of scope acted on', 'to a person'], decisionOverview));
  out.push('');
  if (args.includes('--corrections')) out.push(await correctionsSection(sets));
  // The dialogue as a whole: conversations of several turns, judged by where they end.
  if (!args.includes('--no-scripts') && !onlySet) {
    const { runDialogueScripts, scriptsReport } = await import('./run-dialogue-scripts.ts');
    out.push(scriptsReport(await runDialogueScripts()), '');
  }
  out.push(sections.join('\n\n'));
  process.stdout.write(out.join('\n') + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
