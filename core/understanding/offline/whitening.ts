/**
 * Meaning as this business tells its classes apart: within-class whitening of sentence vectors.
 *
 * Five ways a customer says "my card was declined" differ from each other along some directions of
 * the word-vector space (who is speaking, how politely, which shop), and "declined" differs from
 * "pending" along others. The cosine of two sentence vectors weighs every direction the same, so
 * the first kind of difference costs as much as the second. Here the business's own example
 * phrases say which directions vary within a class: the pooled within-class covariance W of their
 * vectors. Comparing texts by x' W⁻¹ y instead (the Mahalanobis inner product, as linear
 * discriminant analysis does) discounts the directions the business's paraphrases move along.
 *
 * Five phrases per class estimate W poorly (a hundred dimensions, a few hundred phrases at most),
 * so W is shrunk towards a multiple of the identity: the identity counts as `dims` pseudo-phrases,
 * that is its weight is dims / (n + dims) for n degrees of freedom of the phrases. A business with
 * few phrases keeps nearly the plain cosine; one with many moves towards full whitening. That rule
 * is the usual conjugate prior, not a number chosen on the evaluation sets (docs/understanding.md
 * has what it changed on each).
 *
 * Any A with A'A = W⁻¹ gives the same inner products; the inverse of W's Cholesky factor is the
 * cheapest (one decomposition per taxonomy, a triangular product per text).
 */
import { CholeskyDecomposition, Matrix, inverse } from 'ml-matrix';

/** A lower-triangular matrix (row-major, `dims` × `dims`) that whitens centred sentence vectors. */
export interface Whitening {
  dims: number;
  matrix: Float64Array;
}

/** Fewer degrees of freedom than this and the plain cosine stays (a tiny or Thai-only taxonomy). */
const MIN_DEGREES_OF_FREEDOM = 10;

/**
 * The whitening for groups of sentence vectors, one group per class (groups of fewer than two
 * vectors say nothing of how a class varies and are skipped); null when there is too little to
 * learn from.
 */
export function withinClassWhitening(groups: Float32Array[][], dims: number): Whitening | null {
  const scatter = new Float64Array(dims * dims);
  const centred = new Float64Array(dims);
  let freedom = 0;
  for (const group of groups) {
    if (group.length < 2) continue;
    const mean = new Float64Array(dims);
    for (const v of group) for (let i = 0; i < dims; i++) mean[i] += v[i] / group.length;
    for (const v of group) {
      for (let i = 0; i < dims; i++) centred[i] = v[i] - mean[i];
      for (let i = 0; i < dims; i++) {
        const a = centred[i];
        if (a === 0) continue;
        for (let j = 0, o = i * dims; j <= i; j++) scatter[o + j] += a * centred[j];
      }
    }
    freedom += group.length - 1;
  }
  if (freedom < MIN_DEGREES_OF_FREEDOM) return null;

  let trace = 0;
  for (let i = 0; i < dims; i++) trace += scatter[i * dims + i] / freedom;
  if (!(trace > 0)) return null;
  const prior = dims / (freedom + dims);
  const covariance = Matrix.zeros(dims, dims);
  for (let i = 0; i < dims; i++) {
    for (let j = 0; j <= i; j++) {
      const x = ((1 - prior) * scatter[i * dims + j]) / freedom + (i === j ? (prior * trace) / dims : 0);
      covariance.set(i, j, x);
      covariance.set(j, i, x);
    }
  }
  const cholesky = new CholeskyDecomposition(covariance);
  if (!cholesky.isPositiveDefinite()) return null;
  const lowerInverse = inverse(cholesky.lowerTriangularMatrix);
  const matrix = new Float64Array(dims * dims);
  for (let i = 0; i < dims; i++) for (let j = 0; j <= i; j++) matrix[i * dims + j] = lowerInverse.get(i, j);
  return { dims, matrix };
}

/** A sentence vector, centred on `mean` and whitened (not normalised). */
export function whiten(w: Whitening, v: Float32Array, mean: Float32Array): Float32Array {
  const { dims, matrix } = w;
  const out = new Float32Array(dims);
  for (let i = 0; i < dims; i++) {
    let s = 0;
    for (let j = 0, o = i * dims; j <= i; j++) s += matrix[o + j] * (v[j] - mean[j]);
    out[i] = s;
  }
  return out;
}
