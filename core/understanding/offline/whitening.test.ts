import { describe, expect, it } from 'vitest';
import { whiten, withinClassWhitening } from './whitening.ts';

const vec = (...xs: number[]) => Float32Array.from(xs);

/** Euclidean distance of two vectors after whitening (the mean does not matter for a distance). */
function distance(w: NonNullable<ReturnType<typeof withinClassWhitening>>, a: Float32Array, b: Float32Array): number {
  const zero = new Float32Array(a.length);
  const wa = whiten(w, a, zero);
  const wb = whiten(w, b, zero);
  return Math.hypot(...wa.map((x, i) => x - wb[i]));
}

/**
 * Classes whose phrases are scattered widely along axis 0 (how each customer words it) and sit
 * apart along axis 1 (what it is about), three apart.
 */
function wordingAndTopic(classes: number, perClass: number): Float32Array[][] {
  return Array.from({ length: classes }, (_, c) =>
    Array.from({ length: perClass }, (_, k) => vec(((k % 5) - 2) * 2, 3 * c, 0.1 * ((k * 7 + c) % 3))),
  );
}

describe('within-class whitening', () => {
  it('puts a phrase nearer its own class worded otherwise than another class worded alike', () => {
    const w = withinClassWhitening(wordingAndTopic(8, 5), 3)!;
    expect(w).not.toBeNull();
    const message = vec(4, 0, 0);
    const sameClassOtherWording = vec(-4, 0, 0);
    const otherClassSameWording = vec(4, 3, 0);
    // By plain distance the wording wins: the other class is nearer (3 against 8).
    expect(Math.hypot(0, 3, 0)).toBeLessThan(Math.hypot(8, 0, 0));
    // Whitened, the direction the class's own phrases vary along is discounted.
    expect(distance(w, message, sameClassOtherWording)).toBeLessThan(distance(w, message, otherClassSameWording));
  });

  it('departs less from the plain cosine the fewer phrases the business has', () => {
    // How much more axis 1 (the topic) counts than axis 0 (the wording) once whitened.
    const topicOverWording = (groups: Float32Array[][]) => {
      const w = withinClassWhitening(groups, 3)!;
      return w.matrix[1 * 3 + 1] / w.matrix[0];
    };
    const few = topicOverWording(wordingAndTopic(5, 3)); // 10 degrees of freedom: the identity weighs 3 / 13
    const many = topicOverWording(wordingAndTopic(40, 25)); // 960: it weighs 3 / 963
    expect(few).toBeGreaterThan(1);
    expect(many).toBeGreaterThan(3 * few);
  });

  it('learns nothing from classes of one phrase, or from too few phrases', () => {
    expect(withinClassWhitening(Array.from({ length: 50 }, (_, c) => [vec(c, 1, 2)]), 3)).toBeNull();
    expect(withinClassWhitening(wordingAndTopic(3, 3), 3)).toBeNull(); // 6 degrees of freedom
    expect(withinClassWhitening([], 3)).toBeNull();
    // Phrases that are all the same vector: no variation to learn from, and no division by zero.
    expect(withinClassWhitening(Array.from({ length: 10 }, () => [vec(1, 1, 1), vec(1, 1, 1)]), 3)).toBeNull();
  });
});
