/**
 * Hubs among the business's example phrases. Some phrases are near many classes at once: "my
 * transfer didn't go through" is as near to "failed transfer" as to "declined transfer" and
 * "pending transfer", because it says what all of them say. With nearest examples, such a phrase
 * wins for messages of every class around it, and its class is named too often. Cross-domain
 * similarity local scaling (CSLS, Conneau et al., "Word translation without parallel data", 2018)
 * is the usual correction: a candidate's similarity counts less by how alike it is to its own
 * nearest neighbours. Ranked for one message, 2 cos(x, y) - r(x) - r(y) orders candidates y as
 * cos(x, y) - r(y) / 2, with r(y) the mean similarity of y to its K nearest neighbours.
 *
 * Here the neighbours of a phrase are the phrases of the business's other classes (its own class's
 * are meant to be near), K and the half are CSLS's own, not chosen on the evaluation sets, and r
 * is taken relative to the mean over the business's phrases, so that a typical phrase loses
 * nothing. The correction chooses the type within a kind (which case type, which service); it
 * does not decide the kind, where the absolute similarity says how near the business a message
 * is (docs/understanding.md has both measured).
 */

/** Neighbours a hub is measured over (CSLS's K). */
export const HUB_NEIGHBOURS = 10;
/** How much of a phrase's hub it loses (CSLS's 2 cos - r ranks as cos - r / 2). */
export const HUB_WEIGHT = 0.5;
/** Neighbours are looked for among at most this many phrases, evenly spread: bounds build time. */
const MAX_CANDIDATES = 400;

/**
 * Per document, HUB_WEIGHT times how much nearer than usual its HUB_NEIGHBOURS nearest documents
 * of other classes are (0 for documents not in `docs`). `measures` similarities at once:
 * `similaritiesFrom(b)` gives, for each, the similarities of document `b` to every document (by
 * document), and one array comes back for each. Similarities are symmetric, so each candidate
 * neighbour is scored once against every document: at most MAX_CANDIDATES scorings, however many
 * phrases.
 */
export function hubPenalties(docs: number[], classOf: (d: number) => number, docCount: number, measures: number, similaritiesFrom: (b: number) => ArrayLike<number>[]): Float32Array[] {
  const out = Array.from({ length: measures }, () => new Float32Array(docCount));
  // Two phrases of one class have no hub to measure between them: nothing to do.
  if (docs.length < 2) return out;
  const step = Math.max(1, docs.length / MAX_CANDIDATES);
  const candidates: number[] = [];
  for (let i = 0; i < docs.length; i += step) candidates.push(docs[Math.floor(i)]);
  // Per measure and document: its nearest similarities so far, largest first, and how many.
  const nearest = Array.from({ length: measures }, () => new Float64Array(docs.length * HUB_NEIGHBOURS));
  const found = Array.from({ length: measures }, () => new Int32Array(docs.length));
  const docClass = Int32Array.from(docs, classOf);
  for (const b of candidates) {
    const sims = similaritiesFrom(b);
    const own = classOf(b);
    for (let m = 0; m < measures; m++) {
      const sim = sims[m];
      const top = nearest[m];
      const count = found[m];
      for (let i = 0; i < docs.length; i++) {
        if (docClass[i] === own) continue;
        const x = sim[docs[i]];
        const o = i * HUB_NEIGHBOURS;
        if (count[i] < HUB_NEIGHBOURS) count[i]++;
        else if (x <= top[o + HUB_NEIGHBOURS - 1]) continue;
        // Insert x, keeping the first `count` slots in descending order.
        let j = count[i] - 1;
        while (j > 0 && top[o + j - 1] < x) {
          top[o + j] = top[o + j - 1];
          j--;
        }
        top[o + j] = x;
      }
    }
  }
  out.forEach((penalty, m) => {
    let sum = 0;
    docs.forEach((a, i) => {
      let r = 0;
      for (let j = 0; j < found[m][i]; j++) r += nearest[m][i * HUB_NEIGHBOURS + j];
      penalty[a] = found[m][i] ? r / found[m][i] : 0;
      sum += penalty[a];
    });
    const mean = sum / docs.length;
    for (const a of docs) penalty[a] = HUB_WEIGHT * (penalty[a] - mean);
  });
  return out;
}
