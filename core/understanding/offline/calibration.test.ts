import { describe, expect, it } from 'vitest';
import { fitLogistic, predict, weighted, type Sample } from './calibration.ts';

describe('fitLogistic', () => {
  it('recovers a threshold from separable-but-noisy data', () => {
    // y = 1 above 0.3, with a few flips near it.
    const samples: Sample[] = [];
    for (let i = 0; i <= 100; i++) {
      const x = i / 100;
      const flip = Math.abs(x - 0.3) < 0.05 && i % 2 === 0;
      samples.push({ x: [x], y: (x > 0.3) !== flip ? 1 : 0, weight: 1 });
    }
    const w = fitLogistic(samples, [0, 0], 0.01);
    expect(predict(w, [0.1])).toBeLessThan(0.1);
    expect(predict(w, [0.5])).toBeGreaterThan(0.9);
    expect(-w[0] / w[1]).toBeCloseTo(0.3, 1);
  });

  it('converges on perfectly separated, heavily weighted samples (step halving), with the threshold in the gap', () => {
    // Positives at 0.3..0.9 and negatives at 0..0.1, weighted as in the scope model: plain
    // Newton steps overshoot here and diverge.
    const samples: Sample[] = [];
    for (let i = 0; i < 200; i++) samples.push({ x: [0.3 + (0.6 * i) / 200, 1], y: 1, weight: 25 });
    for (let i = 0; i < 40; i++) samples.push({ x: [(0.1 * i) / 40, 0.2], y: 0, weight: 30 });
    const w = fitLogistic(samples, [-5, 20, 2], 1);
    expect(w.every(Number.isFinite)).toBe(true);
    expect(predict(w, [0.5, 1])).toBeGreaterThan(0.9);
    expect(predict(w, [0.05, 0.2])).toBeLessThan(0.1);
  });

  it('without samples, the defaults decide', () => {
    expect(fitLogistic([], [-4, 20], 1)).toEqual([-4, 20]);
  });

  it('a few samples move the defaults only a little', () => {
    const w = fitLogistic([{ x: [0.9], y: 0, weight: 1 }], [-4, 20], 1);
    expect(predict(w, [0.9])).toBeGreaterThan(0.5);
  });
});

describe('weighted', () => {
  it('gives each group its share of the total weight, whatever its size', () => {
    // 6 positives and 4 negatives, weighed as 80 % and 20 % of 10 samples.
    const w = weighted([1, 2, 3, 4, 5, 6], [1, 2, 3, 4], 0.8);
    expect(6 * w.pos).toBeCloseTo(8);
    expect(4 * w.neg).toBeCloseTo(2);
    const even = weighted([1, 2, 3], [1], 0.5);
    expect(3 * even.pos).toBeCloseTo(1 * even.neg);
  });
});
