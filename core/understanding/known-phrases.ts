import { phrasingsOf } from '../contracts/faq-phrasings.ts';
import type { Kind } from './classification.ts';
import type { Taxonomy } from './taxonomy.ts';

/**
 * A message that is, word for word, one of the business's own example phrases is read as that
 * phrase's class: the business (or staff correcting the bot, docs/understanding.md "Learning from
 * staff") said what it is, and no similarity can know better. "Word for word" ignores case, runs
 * of spaces and Unicode form. A phrase two classes share says nothing and is not used.
 */

/** The same phrase, however it was typed: Unicode form, case and runs of spaces do not count. */
export const normalizePhrase = (text: string) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();

export interface KnownPhrase {
  kind: Extract<Kind, 'case' | 'booking' | 'question'>;
  key: string;
}

// Per taxonomy object: an org's taxonomy is the same object until its master data changes (org-taxonomy.ts).
const byTaxonomy = new WeakMap<Taxonomy, Map<string, KnownPhrase | null>>();

function phrasesOf(taxonomy: Taxonomy): Map<string, KnownPhrase | null> {
  let phrases = byTaxonomy.get(taxonomy);
  if (phrases) return phrases;
  phrases = new Map();
  const add = (text: string, known: KnownPhrase) => {
    const n = normalizePhrase(text);
    if (!n) return;
    const had = phrases!.get(n);
    // Shared by two classes: null, so that neither wins by it.
    phrases!.set(n, had === undefined || (had && had.kind === known.kind && had.key === known.key) ? known : null);
  };
  for (const t of taxonomy.caseTypes) for (const e of t.examples) add(e, { kind: 'case', key: t.key });
  for (const s of taxonomy.bookingTypes) for (const e of s.examples) add(e, { kind: 'booking', key: s.key });
  for (const f of taxonomy.faq) for (const q of phrasingsOf(f.question)) add(q, { kind: 'question', key: f.key });
  byTaxonomy.set(taxonomy, phrases);
  return phrases;
}

/** The one class whose example phrase this message is, or undefined. */
export function knownPhraseOf(taxonomy: Taxonomy, text: string): KnownPhrase | undefined {
  return phrasesOf(taxonomy).get(normalizePhrase(text)) ?? undefined;
}
