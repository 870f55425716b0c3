import { randomInt } from 'node:crypto';

/**
 * Member numbers, `MEM-YYYY-XXXX`: the year the member joined, where the business is, and four
 * random characters of Crockford's base 32 (no I, L, O or U). Random rather than gap-free: the
 * number is printed on a card and read aloud at a counter, so it must not tell how many members
 * there are, nor let someone who knows one number try the next. About a million numbers a year
 * per business; one taken already is drawn again. Typed numbers are read the forgiving way
 * Crockford meant (lower case, O for 0, I or L for 1, spaces and dashes anywhere).
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function drawMemberNumber(year: number): string {
  let tail = '';
  for (let i = 0; i < 4; i++) tail += ALPHABET[randomInt(ALPHABET.length)];
  return `MEM-${year}-${tail}`;
}

/** A typed or scanned number in its stored form, or null when it cannot be one. */
export function readMemberNumber(typed: string): string | null {
  const plain = typed.toUpperCase().replace(/[\s\-_.]/g, '').replace(/^MEM/, '').replace(/O/g, '0').replace(/[IL]/g, '1');
  const m = /^(\d{4})([0-9A-HJKMNP-TV-Z]{4})$/.exec(plain);
  return m ? `MEM-${m[1]}-${m[2]}` : null;
}
