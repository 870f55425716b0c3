import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { KINDS, type Classification, type Classifier, type Kind } from '../core/understanding/classification.ts';
import { taxonomySchema, type Taxonomy } from '../core/understanding/taxonomy.ts';
import { OfflineClassifier, classifyOffline, type ConfidenceSignals } from '../core/understanding/offline-classifier.ts';
import { seedTaxonomy, seedTaxonomyJson, taxonomyPath } from './export-seed-taxonomy.ts';

/**
 * `npm run eval`: the offline classifier (and, with OPENAI_API_KEY or GEMINI_API_KEY set, the
 * configured LLM classifier) over `eval/messages.jsonl` against the seed taxonomy, printed as
 * Markdown: accuracy of kind, case type and booking type, FAQ matches, per-class precision /
 * recall / F1, confusion tables and calibration buckets.
 *
 * Options: `--split dev|test|all` (default all; dev is every fourth line, m0004, m0008, ..., the
 * part looked at while building the classifier; test is the rest, never looked at line by line),
 * `--errors` (list the misclassified lines of the split), `--offline-only`, `--fit-calibration`
 * (fit the offline classifier's confidence coefficients on the dev lines and the seed's own
 * examples, leave-one-out, and print them).
 */

export interface EvalMessage {
  id: string;
  text: string;
  kind: Kind;
  caseType?: string;
  bookingType?: string;
  faqKey?: string;
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
  };
}

// ---- Markdown ---------------------------------------------------------------------------------

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(x * 100).toFixed(1)} %`);
const f2 = (x: number) => (Number.isNaN(x) ? 'n/a' : x.toFixed(2));

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

// ---- Calibration fit ---------------------------------------------------------------------------

interface CalibrationSample {
  x: ConfidenceSignals;
  correct: boolean;
}

/** Signals and correctness on the dev lines and on each seed example left out of its own class. */
export function calibrationSamples(taxonomy: Taxonomy, messages: EvalMessage[]): CalibrationSample[] {
  const out: CalibrationSample[] = [];
  for (const m of messages.filter(isDev)) {
    const d = classifyOffline({ text: m.text, taxonomy });
    out.push({ x: d.signals, correct: labelOf(m.kind, m.caseType, m.bookingType) === predLabel(d.classification) });
  }
  for (const group of ['caseTypes', 'bookingTypes'] as const) {
    taxonomy[group].forEach((entry, ci) => {
      entry.examples.forEach((text, xi) => {
        const held: Taxonomy = structuredClone(taxonomy);
        held[group][ci].examples.splice(xi, 1);
        const d = classifyOffline({ text, taxonomy: held });
        const kind: Kind = group === 'caseTypes' ? 'case' : 'booking';
        const gold = labelOf(kind, kind === 'case' ? entry.key : undefined, kind === 'booking' ? entry.key : undefined);
        out.push({ x: d.signals, correct: gold === predLabel(d.classification) });
      });
    });
  }
  return out;
}

/** Logistic regression (gradient descent, light L2) of correctness on the confidence signals. */
export function fitCalibration(samples: CalibrationSample[]): { c0: number; top: number; kindMargin: number; typed: number; typeMargin: number; nothing: number } {
  const scored = samples.filter((s) => !s.x.nothing);
  const feats = (x: ConfidenceSignals) => [1, x.top, x.kindMargin, x.typed, x.typeMargin];
  const w = [0, 0, 0, 0, 0];
  const lr = 0.5;
  const l2 = 0.001;
  for (let epoch = 0; epoch < 20000; epoch++) {
    const grad = [0, 0, 0, 0, 0];
    for (const s of scored) {
      const f = feats(s.x);
      const z = f.reduce((a, v, i) => a + v * w[i], 0);
      const p = 1 / (1 + Math.exp(-z));
      const err = p - (s.correct ? 1 : 0);
      f.forEach((v, i) => (grad[i] += err * v));
    }
    w.forEach((_, i) => (w[i] -= lr * (grad[i] / scored.length + (i > 0 ? l2 * w[i] : 0))));
  }
  const nothing = samples.filter((s) => s.x.nothing);
  const nothingAcc = nothing.length ? nothing.filter((s) => s.correct).length / nothing.length : NaN;
  const r = (v: number) => Math.round(v * 100) / 100;
  return { c0: r(w[0]), top: r(w[1]), kindMargin: r(w[2]), typed: r(w[3]), typeMargin: r(w[4]), nothing: r(nothingAcc) };
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const splitArg = args.includes('--split') ? args[args.indexOf('--split') + 1] : 'all';
  const withErrors = args.includes('--errors');
  const all = loadEvalMessages();
  const messages = splitArg === 'dev' ? all.filter(isDev) : splitArg === 'test' ? all.filter((m) => !isDev(m)) : all;
  const { taxonomy, drift } = loadEvalTaxonomy();
  if (args.includes('--fit-calibration')) {
    const samples = calibrationSamples(taxonomy, all);
    const fit = fitCalibration(samples);
    process.stdout.write(`${samples.length} samples (${samples.filter((s) => s.x.nothing).length} where nothing matched)\n${JSON.stringify(fit)}\n`);
    return;
  }

  const out: string[] = ['# Message classification: evaluation', ''];
  out.push(`${messages.length} messages (${splitArg}) from eval/messages.jsonl; taxonomy: the demo seed (${taxonomy.caseTypes.length} case types, ${taxonomy.bookingTypes.length} services) and ${new Set(taxonomy.faq.map((f) => f.key)).size} FAQ entries (Thai and English each).`);
  if (drift) out.push('\n**Warning:** eval/taxonomy.json differs from the seed; run `node eval/export-seed-taxonomy.ts`. Using the seed.');
  out.push('');

  const offline = new OfflineClassifier();
  const offlinePreds = await predictAll(offline, messages, taxonomy);
  out.push(report(`Offline classifier (${offline.provider}/${offline.model})`, offlinePreds, taxonomy, withErrors));

  if (!args.includes('--offline-only')) {
    const llm = await llmClassifier();
    if (typeof llm === 'string') {
      out.push(`\n## LLM classifier\n\nSkipped: ${llm}.`);
    } else {
      const llmPreds = await predictAll(llm.classifier, messages, taxonomy, 4);
      out.push('\n' + report(`LLM classifier (${llm.classifier.provider}/${llm.classifier.model})`, llmPreds, taxonomy, withErrors));
      out.push(`\n${llm.fallbacks()} of ${llmPreds.length} answers came from the offline fallback (LLM timeout or error).`);
    }
  }
  process.stdout.write(out.join('\n') + '\n');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
