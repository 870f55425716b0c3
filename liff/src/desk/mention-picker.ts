import type { Suggestion } from './suggestions.tsx';

/**
 * Mentions in a private note: `@` at the start of a word offers the staff who work conversations
 * by name, and picking one writes `@Name` (the form the server reads to tell that person).
 */
export type Mention = { start: number; query: string };

/** The `@word` being typed just before the caret, or null. */
export function mentionAt(text: string, caret: number): Mention | null {
  const m = /(^|\s)@([^\s@]*)$/.exec(text.slice(0, caret));
  return m ? { start: caret - m[2].length - 1, query: m[2].toLowerCase() } : null;
}

export function staffSuggestions(staff: { id: string; name: string }[], query: string): Suggestion[] {
  return staff.filter((s) => s.name.toLowerCase().includes(query)).map((s) => ({ id: s.id, label: `@${s.name}` }));
}

/** The text with the `@word` replaced by `@Name `, and where the caret goes after it. */
export function insertMention(text: string, caret: number, m: Mention, name: string): { text: string; caret: number } {
  const put = `@${name} `;
  return { text: text.slice(0, m.start) + put + text.slice(caret), caret: m.start + put.length };
}
