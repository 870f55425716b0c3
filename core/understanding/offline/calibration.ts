/**
 * Small logistic models fitted per taxonomy, so that a score means the same on any taxonomy: a
 * business with five terse examples per class and one with twenty long ones produce similarity
 * scores on different scales, and a fixed threshold would be right for only one of them.
 *
 * The fit is maximum a posteriori: weighted log-loss plus a Gaussian pull towards default
 * coefficients. With many samples the data decide; with a taxonomy of one example per class, or
 * none, the defaults do. Newton's method on at most four coefficients: a few milliseconds.
 */

export type Coefficients = number[];

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

export function predict(w: Coefficients, x: number[]): number {
  let z = w[0];
  for (let i = 0; i < x.length; i++) z += w[i + 1] * x[i];
  return sigmoid(z);
}

export interface Sample {
  x: number[];
  y: 0 | 1;
  weight: number;
}

/** Solves A v = b (A small, symmetric positive definite) by Gaussian elimination. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let col = 0; col < n; col++) {
    let pivot = col;
    for (let r = col + 1; r < n; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    const p = m[col][col] || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const f = m[r][col] / p;
      for (let c = col; c <= n; c++) m[r][c] -= f * m[col][c];
    }
  }
  return m.map((row, i) => row[n] / (row[i] || 1e-12));
}

/** Weighted log-loss plus the pull towards the prior. */
function loss(samples: Sample[], w: Coefficients, prior: Coefficients, lambda: number): number {
  let sum = 0;
  for (let i = 0; i < w.length; i++) sum += (lambda / 2) * (w[i] - prior[i]) ** 2;
  for (const s of samples) {
    let z = w[0];
    for (let i = 0; i < s.x.length; i++) z += w[i + 1] * s.x[i];
    // log(1 + e^-z) for y = 1, log(1 + e^z) for y = 0, computed stably.
    const m = s.y ? -z : z;
    sum += s.weight * (m > 0 ? m + Math.log1p(Math.exp(-m)) : Math.log1p(Math.exp(m)));
  }
  return sum;
}

/**
 * Logistic regression of `y` on `x`, pulled towards `prior` with strength `lambda` (in units of
 * one sample of weight 1).
 */
export function fitLogistic(samples: Sample[], prior: Coefficients, lambda = 1, iterations = 12): Coefficients {
  let w = [...prior];
  const k = prior.length;
  for (let it = 0; it < iterations; it++) {
    const grad = w.map((wi, i) => lambda * (wi - prior[i]));
    const hess = Array.from({ length: k }, (_, i) => Array.from({ length: k }, (_, j) => (i === j ? lambda : 0)));
    for (const s of samples) {
      const x = [1, ...s.x];
      const p = predict(w, s.x);
      const g = (p - s.y) * s.weight;
      const h = Math.max(p * (1 - p), 1e-6) * s.weight;
      for (let i = 0; i < k; i++) {
        grad[i] += g * x[i];
        for (let j = 0; j < k; j++) hess[i][j] += h * x[i] * x[j];
      }
    }
    const step = solve(hess, grad);
    // Newton's step, halved until the penalised loss does not grow: on samples that a threshold
    // separates perfectly, plain Newton overshoots and diverges.
    const before = loss(samples, w, prior, lambda);
    let t = 1;
    let next = w.map((wi, i) => wi - step[i]);
    while (t > 1 / 1024 && !(loss(samples, next, prior, lambda) <= before)) {
      t /= 2;
      next = w.map((wi, i) => wi - t * step[i]);
    }
    w = next;
    if (step.every((d) => Math.abs(d * t) < 1e-6)) break;
  }
  return w;
}

/**
 * Weights that make two groups count as `share` and 1 - `share` of all samples, whatever their
 * sizes: the fitted probability then assumes that base rate rather than the sample's.
 */
export function weighted<T>(positives: T[], negatives: T[], share = 0.5): { pos: number; neg: number } {
  const n = positives.length + negatives.length;
  return {
    pos: positives.length ? (n * share) / positives.length : 0,
    neg: negatives.length ? (n * (1 - share)) / negatives.length : 0,
  };
}
