import type { Counts, TextFeatures } from './text-features.ts';

/**
 * A small linear model trained per taxonomy when its index is built: multinomial logistic
 * regression over the features the index already has (TF-IDF words, TF-IDF character n-grams,
 * and, for English, the centred meaning), each part scaled so that the dot product of two texts is
 * their similarity in the index. The nearest examples say which texts a message is most like; a
 * linear model says which features tell one label from the others, and weighs down what all
 * labels share. The classifier uses one to tell bookings, problem reports and questions apart
 * (`kindModel` in `similarity-index.ts`).
 *
 * Stochastic gradient descent, a fixed small number of passes in a fixed order, L2 kept as one
 * shrinking factor so that an update touches only the features of its text: the same taxonomy
 * always trains the same model, in milliseconds.
 */

export interface FeatureSpace {
  vocab: Map<string, number>;
  idf: Float64Array;
  maxIdf: number;
}

/** The index's feature spaces and how they weigh in a similarity. */
export interface Spaces {
  words: FeatureSpace;
  chars: FeatureSpace;
  /** Words against character n-grams. */
  wordWeight: number;
  /** Meaning against words and letters together, for English texts. */
  meaningWeight: number;
}

export interface LinearModel {
  labels: number;
  /** Row of each word / character feature id of the index (-1: no training text uses it). */
  wordRow: Int32Array;
  charRow: Int32Array;
  /** Rows of sparse features; the `dims` rows of meaning follow. */
  sparse: number;
  dims: number;
  /** `labels` weights per row, row after row; the true weights are these times `scale`. */
  w: Float32Array;
  scale: number;
  bias: Float32Array;
  /** Scratch: per label, the probability of the last text scored. */
  p: Float64Array;
}

/** A training text: its features, its centred unit meaning (or null), its label and weight. */
export interface LabelledText {
  f: TextFeatures;
  meaning: Float32Array | null;
  label: number;
  weight: number;
}

interface Input {
  rows: number[];
  values: number[];
  dense: Float32Array | null;
}

/** Pull of every weight towards 0, per unit of weight seen (a strong prior: few examples). */
const L2 = 0.001;
const EPOCHS = 5;
const RATE = 0.5;

function partScales(meaning: boolean, s: Spaces): { word: number; char: number; dense: number } {
  const lexical = meaning ? 1 - s.meaningWeight : 1;
  return { word: Math.sqrt(lexical * s.wordWeight), char: Math.sqrt(lexical * (1 - s.wordWeight)), dense: meaning ? Math.sqrt(s.meaningWeight) : 0 };
}

/**
 * The TF-IDF vector of one part, as the index weighs it (a feature the taxonomy never uses still
 * counts in the length), as (row, value) pairs; `row` maps a feature id to its row, or -1.
 */
function sparsePart(counts: Counts, space: FeatureSpace, row: (id: number) => number, scale: number, out: Input): void {
  let norm = 0;
  const start = out.values.length;
  for (const [f, c] of counts) {
    const id = space.vocab.get(f);
    const w = (1 + Math.log(c)) * (id === undefined ? space.maxIdf : space.idf[id]);
    norm += w * w;
    if (id === undefined) continue;
    const r = row(id);
    if (r < 0) continue;
    out.rows.push(r);
    out.values.push(w);
  }
  if (norm === 0) return;
  const inv = scale / Math.sqrt(norm);
  for (let i = start; i < out.values.length; i++) out.values[i] *= inv;
}

function input(f: TextFeatures, meaning: Float32Array | null, s: Spaces, wordRow: (id: number) => number, charRow: (id: number) => number, dims: number): Input {
  const scales = partScales(meaning !== null && dims > 0, s);
  const out: Input = { rows: [], values: [], dense: null };
  sparsePart(f.words, s.words, wordRow, scales.word, out);
  sparsePart(f.chars, s.chars, charRow, scales.char, out);
  if (meaning && dims > 0) {
    out.dense = new Float32Array(dims);
    for (let d = 0; d < dims; d++) out.dense[d] = meaning[d] * scales.dense;
  }
  return out;
}

/** Per label, the probability of a text (into `model.p`). */
function probabilities(model: LinearModel, x: Input): Float64Array {
  const L = model.labels;
  const z = model.p;
  z.fill(0);
  for (let i = 0; i < x.rows.length; i++) {
    const o = x.rows[i] * L;
    const v = x.values[i];
    for (let c = 0; c < L; c++) z[c] += v * model.w[o + c];
  }
  if (x.dense) {
    for (let d = 0; d < model.dims; d++) {
      const o = (model.sparse + d) * L;
      const v = x.dense[d];
      for (let c = 0; c < L; c++) z[c] += v * model.w[o + c];
    }
  }
  let max = -Infinity;
  for (let c = 0; c < L; c++) {
    z[c] = z[c] * model.scale + model.bias[c];
    if (z[c] > max) max = z[c];
  }
  let sum = 0;
  for (let c = 0; c < L; c++) sum += z[c] = Math.exp(z[c] - max);
  for (let c = 0; c < L; c++) z[c] /= sum;
  return z;
}

/** Trains a model of `labels` labels; `dims`: the length of the meaning vectors (0: none). */
export function trainLinear(labels: number, texts: LabelledText[], s: Spaces, dims: number): LinearModel {
  // Only features the training texts use get a row: a message's other features say nothing here.
  const wordRow = new Int32Array(s.words.vocab.size).fill(-1);
  const charRow = new Int32Array(s.chars.vocab.size).fill(-1);
  let sparse = 0;
  const inputs = texts.map((t) =>
    input(
      t.f,
      t.meaning,
      s,
      (id) => (wordRow[id] < 0 ? (wordRow[id] = sparse++) : wordRow[id]),
      (id) => (charRow[id] < 0 ? (charRow[id] = sparse++) : charRow[id]),
      dims,
    ),
  );
  const model: LinearModel = { labels, wordRow, charRow, sparse, dims, w: new Float32Array((sparse + dims) * labels), scale: 1, bias: new Float32Array(labels), p: new Float64Array(labels) };
  // A fixed shuffle: the same taxonomy always trains the same model.
  let seed = 12345;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const order = inputs.map((_, i) => i);
  const grad = new Float64Array(labels);
  const total = EPOCHS * inputs.length;
  let step = 0;
  for (let epoch = 0; epoch < EPOCHS; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const x = inputs[n];
      const rate = (RATE * (1 - step++ / total) + 0.01) * texts[n].weight;
      const p = probabilities(model, x);
      for (let c = 0; c < labels; c++) grad[c] = p[c] - (c === texts[n].label ? 1 : 0);
      model.scale *= 1 - rate * L2;
      if (model.scale < 1e-3) {
        for (let k = 0; k < model.w.length; k++) model.w[k] *= model.scale;
        model.scale = 1;
      }
      const by = rate / model.scale;
      for (let i = 0; i < x.rows.length; i++) {
        const o = x.rows[i] * labels;
        const v = by * x.values[i];
        for (let c = 0; c < labels; c++) model.w[o + c] -= v * grad[c];
      }
      if (x.dense) {
        for (let d = 0; d < dims; d++) {
          const o = (sparse + d) * labels;
          const v = by * x.dense[d];
          for (let c = 0; c < labels; c++) model.w[o + c] -= v * grad[c];
        }
      }
      for (let c = 0; c < labels; c++) model.bias[c] -= rate * grad[c];
    }
  }
  return model;
}

/** Per label, the model's probability for a message (a scratch array, valid until the next call). */
export function scoreLinear(model: LinearModel, f: TextFeatures, meaning: Float32Array | null, s: Spaces): Float64Array {
  return probabilities(model, input(f, meaning, s, (id) => model.wordRow[id], (id) => model.charRow[id], model.dims));
}
