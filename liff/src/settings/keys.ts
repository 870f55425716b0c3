/**
 * The key of a new case type, service, FAQ entry, provider or stage, made from its name so an
 * owner never has to type `lower_snake_case` (it stays editable under "Advanced"). The first name
 * with Latin letters or digits gives a readable key ("Lost parcel" -> lost_parcel); a name
 * without any (Thai) gives a short id that is the same for the same name (k_ and a base-36 hash),
 * since a guessed transliteration would read worse than none.
 */
export function keyFrom(...names: string[]): string {
  for (const name of names) {
    const latin = name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 48)
      .replace(/_+$/, '');
    if (latin) return /^[a-z]/.test(latin) ? latin : `k_${latin}`;
  }
  const text = names.map((n) => n.trim()).find(Boolean);
  if (!text) return '';
  // FNV-1a over the code points: short, and stable across devices and sessions.
  let h = 0x811c9dc5;
  for (const ch of text) h = Math.imul(h ^ ch.codePointAt(0)!, 0x01000193);
  return `k_${(h >>> 0).toString(36)}`;
}
