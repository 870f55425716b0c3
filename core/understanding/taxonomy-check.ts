import type { TaxonomyCheck } from '../contracts/taxonomy.ts';
import { OfflineClassifier, readExamplesLeftOut } from './offline-classifier.ts';
import type { Taxonomy } from './taxonomy.ts';
import { phrasingsOf } from '../contracts/faq-phrasings.ts';

type Name = TaxonomyCheck['entries'][number]['name'];
const THAI = /[\u0E00-\u0E7F]/;

/**
 * An entry with fewer example phrases than this is hard to recognise: the few-shot protocol the
 * classifier is measured by (docs/understanding.md) gives five, and a type with one phrase per
 * language is recognised by the other language's phrase alone.
 */
const ENOUGH_PHRASES = 5;
/** Pairs of look-alike entries listed, at most. */
const MAX_LOOK_ALIKE = 10;

/**
 * How the classifier reads the business's own taxonomy: each example phrase read as if never
 * seen (left out of its entry). A phrase taken for another entry points at two entries that look
 * alike to the classifier ("Pending top-up" and "Top-up failed"), which is where it goes wrong on
 * customers' messages too; the remedy is the business's: phrases that say what tells them apart.
 * The offline classifier reads them whatever is configured: it is the one that answers when an AI
 * model cannot, and the one whose reading of the phrases can be shown.
 */
export function checkTaxonomy(taxonomy: Taxonomy): TaxonomyCheck {
  const readings = readExamplesLeftOut(taxonomy);
  // Every entry is listed, in the taxonomy's order; one without phrases is recognised by its name alone.
  const entries = new Map<string, TaxonomyCheck['entries'][number]>();
  const seed = (kind: 'case' | 'booking' | 'question', key: string, name: Name) => {
    const had = entries.get(`${kind}:${key}`);
    // An org's FAQ entry comes as one per language (org-taxonomy.ts): one entry here, both names.
    entries.set(`${kind}:${key}`, { kind, key, name: { ...had?.name, ...name }, phrases: 0, recognised: 0, misread: [] });
  };
  for (const e of taxonomy.caseTypes) seed('case', e.key, e.name);
  for (const e of taxonomy.bookingTypes) seed('booking', e.key, e.name);
  for (const f of taxonomy.faq) {
    const question = phrasingsOf(f.question)[0] ?? f.key;
    seed('question', f.key, THAI.test(question) ? { th: question } : { en: question });
  }
  const pairs = new Map<string, TaxonomyCheck['lookAlike'][number]>();
  for (const r of readings) {
    const entry = entries.get(`${r.kind}:${r.key}`)!;
    entry.phrases++;
    if (r.readAs.kind === r.kind && r.readAs.key === r.key) {
      entry.recognised++;
      continue;
    }
    entry.misread.push({ text: r.text, readAs: r.readAs });
    if (r.readAs.kind === 'other' || r.readAs.key === undefined) continue;
    // A pair is the same whichever of the two a phrase belongs to: ordered by code unit, not by
    // locale, so the answer is the same on every machine.
    const [a, b] = [{ kind: r.kind, key: r.key }, { kind: r.readAs.kind, key: r.readAs.key }].sort((x, y) => (`${x.kind}:${x.key}` < `${y.kind}:${y.key}` ? -1 : 1));
    const pairId = `${a.kind}:${a.key}|${b.kind}:${b.key}`;
    const pair = pairs.get(pairId) ?? { a, b, phrases: 0 };
    pair.phrases++;
    pairs.set(pairId, pair);
  }
  const all = [...entries.values()];
  return {
    classifier: `offline/${new OfflineClassifier().model}`,
    phrases: readings.length,
    recognised: all.reduce((n, e) => n + e.recognised, 0),
    enoughPhrases: ENOUGH_PHRASES,
    entries: all,
    lookAlike: [...pairs.values()].sort((x, y) => y.phrases - x.phrases).slice(0, MAX_LOOK_ALIKE),
  };
}
