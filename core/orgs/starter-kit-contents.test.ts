import { describe, expect, it } from 'vitest';
import { caseTypeCreate, serviceCreate } from '../contracts/taxonomy.ts';
import { KITS } from './starter-kit-contents.ts';

/**
 * What a new business starts with: the classifier reads its customers from day one with the kit's
 * examples and words alone, so every case type and service carries an example in each language
 * (without them "Can you arrange a spa for the two of us tomorrow at 3pm?" at a new concierge read
 * as its booking at 0.22, and went to a person as a question).
 */
const THAI = /[\u0E00-\u0E7F]/;

describe('the starter kits', () => {
  for (const [kit, k] of Object.entries(KITS)) {
    it(`${kit}: every case type and service has an example in Thai and in English, and passes the admin API's contract`, () => {
      for (const c of k.caseTypes) {
        expect(c.examples.some((e) => THAI.test(e)), c.key).toBe(true);
        expect(c.examples.some((e) => !THAI.test(e)), c.key).toBe(true);
        expect(caseTypeCreate.safeParse(c).success, c.key).toBe(true);
      }
      for (const s of k.services) {
        expect(s.examples?.some((e) => THAI.test(e)), s.key).toBe(true);
        expect(s.examples?.some((e) => !THAI.test(e)), s.key).toBe(true);
        expect(serviceCreate.safeParse(s).success, s.key).toBe(true);
      }
    });
  }

  it("the tour operator's airport transfer asks where to or from, as the demo's does", () => {
    const transfer = KITS.tour_operator.services.find((s) => s.key === 'airport_transfer');
    expect(transfer?.formFields).toContainEqual({ field: 'destination', required: true });
  });
});
