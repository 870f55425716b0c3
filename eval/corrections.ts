import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';
import { OfflineClassifier } from '../core/understanding/offline-classifier.ts';
import { ACT_CONFIDENCE } from '../bot/conversation/decision.ts';
import { decideAll, summariseDecisions, type DecisionSummary } from './decisions.ts';
import type { Correction } from './prepare-public-sets.ts';
import { predictAll, publicDir, summarise, type EvalSet, type Summary } from './run-eval.ts';

/**
 * `npm run eval -- --corrections`: what the phrases staff give the bot when they correct it add.
 * When a person changes a case's type or answers a message the bot handed over, the org may keep
 * the customer's message as one more example phrase of the right class. Each public set's
 * `corrections.jsonl` (written by `node eval/prepare-public-sets.ts`) holds, per class, up to ten
 * more lines of the set's training split, never one of its five examples and never a test line,
 * in the order drawn. The set's messages are classified again with the first 5 and then all 10
 * of each class added to its examples (a FAQ entry: to its ways of asking), by a fresh offline
 * classifier, and summarised as `npm run eval` does: kind, case type, booking type and FAQ entry,
 * and what the bot does by its own `decide()` at the default level.
 *
 * `opsdesk` (eval/messages.jsonl) has no training split: its taxonomy is the demo business's own,
 * so it has no corrections and is not measured here.
 */

/** How many corrected examples per class are added: none, the first five, all ten. */
export const CORRECTION_STEPS = [0, 5, 10];

export function correctionsPath(set: string, dir = publicDir): string {
  return join(dir, set, 'corrections.jsonl');
}

/** A set's corrected examples, or undefined when it has none written (opsdesk, an older preparation). */
export function loadCorrections(set: string, dir = publicDir): Correction[] | undefined {
  const path = correctionsPath(set, dir);
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l, i) => {
      const c = JSON.parse(l) as Correction;
      if (!['case', 'booking', 'question'].includes(c.kind) || typeof c.key !== 'string' || typeof c.text !== 'string') {
        throw new Error(`${path} line ${i + 1}: bad record`);
      }
      return c;
    });
}

/**
 * The taxonomy with the first `n` corrections of each class appended: to a case type's or a
 * service's examples (one list, whatever the language, as the classifier reads them), to a FAQ
 * entry's question as more ways of asking (one a line). The taxonomy given is not changed.
 */
export function withCorrections(taxonomy: Taxonomy, corrections: Correction[], n: number): Taxonomy {
  const first = new Map<string, string[]>();
  for (const c of corrections) {
    const id = `${c.kind}:${c.key}`;
    if (!first.has(id)) first.set(id, []);
    const list = first.get(id)!;
    if (list.length < n) list.push(c.text);
  }
  const added = (kind: Correction['kind'], key: string) => first.get(`${kind}:${key}`) ?? [];
  const faqDone = new Set<string>();
  return {
    caseTypes: taxonomy.caseTypes.map((e) => ({ ...e, examples: [...e.examples, ...added('case', e.key)] })),
    bookingTypes: taxonomy.bookingTypes.map((e) => ({ ...e, examples: [...e.examples, ...added('booking', e.key)] })),
    // An entry asked in two languages is two FAQ entries with one key: the phrases go to the first.
    faq: taxonomy.faq.map((f) => {
      const more = faqDone.has(f.key) ? [] : added('question', f.key);
      faqDone.add(f.key);
      return more.length ? { ...f, question: [f.question, ...more].join('\n') } : f;
    }),
  };
}

export interface CorrectionsRow {
  set: string;
  aside: boolean;
  /** Corrections asked for per class. */
  step: number;
  /** Phrases actually added (a class with few training lines has fewer than `step`). */
  added: number;
  summary: Summary;
  decisions: DecisionSummary;
}

/** Each set with corrections, classified at each step by a fresh offline classifier. */
export async function measureCorrections(sets: EvalSet[], dir = publicDir, steps = CORRECTION_STEPS): Promise<{ rows: CorrectionsRow[]; without: string[] }> {
  const rows: CorrectionsRow[] = [];
  const without: string[] = [];
  for (const set of sets) {
    const corrections = loadCorrections(set.name, dir);
    if (!corrections) {
      without.push(set.name);
      continue;
    }
    for (const step of steps) {
      const taxonomy = withCorrections(set.taxonomy, corrections, step);
      const preds = await predictAll(new OfflineClassifier(), set.messages, taxonomy);
      rows.push({
        set: set.name,
        aside: set.aside === true,
        step,
        added: addedCount(set.taxonomy, corrections, step),
        summary: summarise(preds),
        decisions: summariseDecisions(await decideAll(preds)),
      });
    }
  }
  return { rows, without };
}

/** The corrections `withCorrections` adds at a step: the first `n` of each class the taxonomy has. */
function addedCount(t: Taxonomy, corrections: Correction[], n: number): number {
  const classes = new Set([...t.caseTypes.map((e) => `case:${e.key}`), ...t.bookingTypes.map((e) => `booking:${e.key}`), ...t.faq.map((f) => `question:${f.key}`)]);
  const per = new Map<string, number>();
  for (const c of corrections) if (classes.has(`${c.kind}:${c.key}`)) per.set(`${c.kind}:${c.key}`, Math.min(n, (per.get(`${c.kind}:${c.key}`) ?? 0) + 1));
  return [...per.values()].reduce((a, b) => a + b, 0);
}

const pct = (x: number) => (Number.isNaN(x) ? '–' : `${(x * 100).toFixed(1)} %`);

export function correctionsTable(rows: CorrectionsRow[]): string {
  const head = ['set', 'tuned on or kept aside', 'corrected examples per class (added)', 'kind', 'case type', 'booking type', 'FAQ entry', 'acted (in scope)', 'wrong among acted', 'out of scope acted on'];
  const line = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;
  return [
    line(head),
    line(head.map(() => '---')),
    ...rows.map((r) =>
      line([
        r.set,
        r.aside ? 'kept aside' : 'tuned on',
        `+${r.step} (${r.added})`,
        pct(r.summary.kindAccuracy),
        pct(r.summary.caseTypeAccuracy),
        pct(r.summary.bookingTypeAccuracy),
        pct(r.summary.faqAccuracy),
        pct(r.decisions.actedInScope),
        `${pct(r.decisions.wrongAmongActed)} (${r.decisions.wrongCount} of ${r.decisions.actedCount})`,
        r.decisions.outOfScope ? pct(r.decisions.outOfScopeActed) : '–',
      ]),
    ),
  ].join('\n');
}

/** The report's section "What corrected examples add". */
export async function correctionsSection(sets: EvalSet[], dir = publicDir): Promise<string> {
  const { rows, without } = await measureCorrections(sets, dir);
  const out = ['## What corrected examples add', ''];
  out.push(
    'Each class of the taxonomy (case type, service, FAQ entry) gets, after its five examples, the first 5 and then all 10 of its corrected examples (`corrections.jsonl`: more lines of the set\'s training split, never an example already there nor a test line), as staff correcting the bot would add them; a fresh offline classifier reads the same messages. In brackets: the phrases added over the whole taxonomy (a class with few training lines has fewer). Acted and wrong: the bot\'s own `decide()` at the default level (' +
      `${Math.round(ACT_CONFIDENCE * 100)} %).`,
    '',
  );
  if (rows.length) out.push(correctionsTable(rows));
  else out.push('No set has corrected examples: run `node eval/prepare-public-sets.ts` to write them.');
  if (without.length) out.push('', `Not measured (no corrections.jsonl; opsdesk has no training split to draw them from): ${without.join(', ')}.`);
  out.push('');
  return out.join('\n');
}
