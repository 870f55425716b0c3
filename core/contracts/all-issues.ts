import type { z } from 'zod';

/**
 * zod skips an object's refinements once one of its fields failed, so a booking form without a
 * name heard about its missing e-mail only on the next try. Refinements that name missing fields
 * run anyway, on whatever object came (they read it as unknown input), so one 422 names every
 * field to fill.
 */
export const evenWithOtherIssues = {
  when: (p: z.core.ParsePayload) => typeof p.value === 'object' && p.value !== null && !Array.isArray(p.value),
};
