/**
 * Who a private note mentions: `@` and a staff member's display name, in any case, Thai names too
 * ("@somchai", "@สมชาย ช่วยดูหน่อย"). The name must end there (a space, punctuation, the end): a
 * letter, a digit or a Thai vowel mark after it makes it another word, so "@Somchai" is not "@Som".
 * Names that are nobody's are just text.
 */
export function mentionedStaff(text: string, staff: { id: string; name: string }[]): string[] {
  const lower = text.toLocaleLowerCase();
  const found = new Set<string>();
  for (const s of staff) {
    const name = s.name.trim().toLocaleLowerCase();
    if (!name) continue;
    const at = `@${name}`;
    for (let i = lower.indexOf(at); i >= 0; i = lower.indexOf(at, i + 1)) {
      if (!/[\p{L}\p{N}\p{M}]/u.test(lower.charAt(i + at.length))) {
        found.add(s.id);
        break;
      }
    }
  }
  return [...found];
}
