import { fileURLToPath } from 'node:url';
import type { Classification } from '../core/understanding/classification.ts';
import { OfflineClassifier, readExamplesLeftOut } from '../core/understanding/offline-classifier.ts';
import { trainLinear, scoreLinear, type LabelledText, type Spaces } from '../core/understanding/offline/linear-model.ts';
import { indexFor, WORD_WEIGHT, MEANING_WEIGHT } from '../core/understanding/offline/similarity-index.ts';
import { textFeatures } from '../core/understanding/offline/text-features.ts';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';
import { decideAll, summariseDecisions } from './decisions.ts';
import { NgramBaseline } from './ngram-baseline.ts';
import { loadEvalMessages, loadEvalTaxonomy, loadPublicSets, predictAll, type EvalMessage, type Prediction } from './run-eval.ts';

/**
 * `node eval/selective-prediction.ts [--set NAME]`: ways tried of making the bot act only when it
 * is right, other than its level, each measured with the bot's own `decide()` (eval/decisions.ts)
 * on every set, and compared with the level at the same share of messages acted on: a way that
 * only acts less is what raising the level does already (docs/understanding.md, "Tried: acting
 * only when sure in other ways").
 *
 * - **two readers agree (char n-grams)**: the bot acts only when the character n-gram nearest
 *   example (`ngram-baseline.ts`) reads the same entry; otherwise it asks "did you mean" with both;
 * - **two readers agree (a linear model of the entries)**: the same with a multinomial logistic
 *   regression over the entries, on words and letters, trained on the business's phrases: a reader
 *   that weighs features, not neighbours;
 * - **per-entry sureness**: an entry whose own phrases, each read as if unseen, are often taken for
 *   it wrongly needs more: the confidence times the share of those readings that were right
 *   (two right ones assumed beforehand).
 */

const LEVELS = [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95, 0.99];
const AT = 0.8;
type Reading = { kind: Classification['kind']; key?: string };
const keyOf = (r: Classification) => (r.kind === 'case' ? r.caseType : r.kind === 'booking' ? r.bookingType : r.kind === 'question' ? r.faqKey : undefined);

/** Where the second reader disagrees with an act: "did you mean" with both, or asked back when it names no entry. */
export function unlessAgreed(main: Prediction[], second: Reading[]): Prediction[] {
  return main.map((p, i) => {
    const r = p.result;
    const k = keyOf(r);
    const b = second[i];
    if (!k || r.kind === 'other' || (b.kind === r.kind && b.key === k)) return p;
    if (b.kind !== 'other' && b.key && !r.alternative) return { ...p, result: { ...r, alternative: { kind: b.kind, key: b.key } } };
    return { ...p, result: { ...r, confidence: Math.min(r.confidence, 0.45) } };
  });
}

function linearReader(taxonomy: Taxonomy, messages: EvalMessage[]): Reading[] {
  const index = indexFor(taxonomy);
  const spaces: Spaces = { words: index.words, chars: index.chars, wordWeight: WORD_WEIGHT, meaningWeight: MEANING_WEIGHT };
  const entries = index.classes.filter((c) => c.source !== 'generic' && c.kind !== 'other');
  const texts: LabelledText[] = [];
  entries.forEach((c, label) => {
    for (let d = c.docStart; d < c.docEnd; d++) texts.push({ f: textFeatures(index.docText[d]), meaning: null, label, weight: 1 });
  });
  if (entries.length < 2) return messages.map(() => ({ kind: 'other' }));
  const model = trainLinear(entries.length, texts, spaces, 0);
  return messages.map((m) => {
    const p = scoreLinear(model, textFeatures(m.text), null, spaces);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    return { kind: entries[best].kind, key: entries[best].key };
  });
}

function perEntrySureness(taxonomy: Taxonomy, main: Prediction[]): Prediction[] {
  const readAs = new Map<string, { n: number; right: number }>();
  for (const r of readExamplesLeftOut(taxonomy)) {
    if (r.readAs.kind === 'other' || !r.readAs.key) continue;
    const id = `${r.readAs.kind}:${r.readAs.key}`;
    const c = readAs.get(id) ?? { n: 0, right: 0 };
    c.n++;
    if (r.readAs.kind === r.kind && r.readAs.key === r.key) c.right++;
    readAs.set(id, c);
  }
  return main.map((p) => {
    const k = keyOf(p.result);
    if (!k || p.result.kind === 'other') return p;
    const c = readAs.get(`${p.result.kind}:${k}`) ?? { n: 0, right: 0 };
    return { ...p, result: { ...p.result, confidence: p.result.confidence * ((c.right + 2) / (c.n + 2)) } };
  });
}

export interface Point {
  acted: number;
  wrong: number;
}

async function curve(preds: Prediction[]): Promise<Point[]> {
  const out: Point[] = [];
  for (const level of LEVELS) {
    const d = summariseDecisions(await decideAll(preds, level));
    out.push({ acted: d.actedInScope, wrong: d.wrongAmongActed });
  }
  return out;
}

/** The level's wrong share at a given share acted on, read off its curve (linear between levels). */
export function atActed(points: Point[], acted: number): number {
  const sorted = [...points].sort((a, b) => a.acted - b.acted);
  if (acted <= sorted[0].acted) return sorted[0].wrong;
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (acted <= b.acted) return b.acted === a.acted ? b.wrong : a.wrong + ((acted - a.acted) / (b.acted - a.acted)) * (b.wrong - a.wrong);
  }
  return NaN;
}

const pct = (x: number) => (Number.isNaN(x) ? 'n/a' : `${(100 * x).toFixed(1)} %`);

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const only = args.includes('--set') ? args[args.indexOf('--set') + 1] : undefined;
  const sets = [{ name: 'opsdesk', taxonomy: loadEvalTaxonomy().taxonomy, messages: loadEvalMessages(), aside: false }, ...loadPublicSets()].filter((s) => !only || s.name === only);
  const rows: string[] = [];
  for (const s of sets) {
    const main = await predictAll(new OfflineClassifier(), s.messages, s.taxonomy);
    const levelCurve = await curve(main);
    const ngram = (await predictAll(new NgramBaseline(), s.messages, s.taxonomy)).map((p) => ({ kind: p.result.kind, key: keyOf(p.result) }));
    const tries: [string, Prediction[]][] = [
      ['the level alone', main],
      ['two readers agree (char n-grams)', unlessAgreed(main, ngram)],
      ['two readers agree (a linear model of the entries)', unlessAgreed(main, linearReader(s.taxonomy, s.messages))],
      ['per-entry sureness', perEntrySureness(s.taxonomy, main)],
    ];
    for (const [name, preds] of tries) {
      const d = summariseDecisions(await decideAll(preds, AT));
      rows.push(`| ${s.name} | ${s.aside ? 'kept aside' : 'tuned on'} | ${name} | ${pct(d.actedInScope)} | ${pct(d.wrongAmongActed)} | ${pct(atActed(levelCurve, d.actedInScope))} |`);
    }
  }
  process.stdout.write(
    [
      `At ${AT * 100} %: acted on (in scope), wrong among acted, and what the level alone gives at the same share acted on (its curve over ${LEVELS.length} levels, read linearly).`,
      '',
      '| set | | way | acted (in scope) | wrong among acted | the level alone, at that share acted |',
      '| --- | --- | --- | --- | --- | --- |',
      ...rows,
      '',
    ].join('\n'),
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
