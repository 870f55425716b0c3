import type { Classification, Classifier, ClassifyInput, Kind } from '../core/understanding/classification.ts';
import type { Taxonomy } from '../core/understanding/taxonomy.ts';

/**
 * The yardstick every set is also scored with, in the same run: a plain character n-gram
 * nearest-example classifier. Every example phrase of the taxonomy (case types, services, FAQ
 * questions) is a bag of character 2- to 4-grams weighted by TF-IDF; a message takes the class of
 * its most similar example, and that class's kind. It knows no words, no kinds of its own and no
 * "other" (only a message sharing no n-gram with any example is other). A method that does not
 * beat it has learnt nothing beyond spelling.
 */

interface Doc {
  vec: Map<string, number>;
  kind: Kind;
  key: string;
}

interface BaselineIndex {
  docs: Doc[];
  idf: Map<string, number>;
}

function grams(text: string): Map<string, number> {
  const s = ` ${text.toLowerCase().normalize('NFC').replace(/\s+/g, ' ').trim()} `;
  const chars = Array.from(s);
  const out = new Map<string, number>();
  for (let n = 2; n <= 4; n++) {
    for (let i = 0; i + n <= chars.length; i++) {
      const g = chars.slice(i, i + n).join('');
      out.set(g, (out.get(g) ?? 0) + 1);
    }
  }
  return out;
}

function weigh(counts: Map<string, number>, idf: Map<string, number>, unseen: number): Map<string, number> {
  const v = new Map<string, number>();
  let norm = 0;
  for (const [g, c] of counts) {
    const w = (1 + Math.log(c)) * (idf.get(g) ?? unseen);
    v.set(g, w);
    norm += w * w;
  }
  const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (const [g, w] of v) v.set(g, w * inv);
  return v;
}

function build(taxonomy: Taxonomy): BaselineIndex {
  const raw: { counts: Map<string, number>; kind: Kind; key: string }[] = [];
  for (const c of taxonomy.caseTypes) for (const e of c.examples) raw.push({ counts: grams(e), kind: 'case', key: c.key });
  for (const b of taxonomy.bookingTypes) for (const e of b.examples) raw.push({ counts: grams(e), kind: 'booking', key: b.key });
  for (const f of taxonomy.faq) for (const q of f.question.split('\n').filter((l) => l.trim())) raw.push({ counts: grams(q), kind: 'question', key: f.key });
  const df = new Map<string, number>();
  for (const r of raw) for (const g of r.counts.keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [g, n] of df) idf.set(g, Math.log((raw.length + 1) / (n + 1)) + 1);
  const unseen = Math.log(raw.length + 1) + 1;
  return { idf, docs: raw.map((r) => ({ vec: weigh(r.counts, idf, unseen), kind: r.kind, key: r.key })) };
}

const cache = new WeakMap<Taxonomy, BaselineIndex>();

export class NgramBaseline implements Classifier {
  readonly provider = 'baseline';
  readonly model = 'char-ngram-1nn';

  async classify(input: ClassifyInput): Promise<Classification> {
    let index = cache.get(input.taxonomy);
    if (!index) cache.set(input.taxonomy, (index = build(input.taxonomy)));
    const q = weigh(grams(input.text), index.idf, Math.log(index.docs.length + 1) + 1);
    let best: Doc | undefined;
    let bestScore = 0;
    for (const d of index.docs) {
      let s = 0;
      for (const [g, w] of q) {
        const x = d.vec.get(g);
        if (x) s += w * x;
      }
      if (s > bestScore) {
        bestScore = s;
        best = d;
      }
    }
    const out: Classification = { kind: best?.kind ?? 'other', confidence: Math.min(1, bestScore), language: /[\u0E00-\u0E7F]/.test(input.text) ? 'th' : 'en', fields: {} };
    if (best?.kind === 'case') out.caseType = best.key;
    if (best?.kind === 'booking') out.bookingType = best.key;
    if (best?.kind === 'question') out.faqKey = best.key;
    return out;
  }
}
