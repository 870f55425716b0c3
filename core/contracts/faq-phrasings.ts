/**
 * A FAQ entry's question may hold several ways customers ask it: one per line (as the Settings app
 * saves them), or separated by " / " or "|" (as written by hand in a taxonomy file, often Thai /
 * English). Each is one example phrase to the classifiers and to the taxonomy check; an answer
 * written the same way is split the same way. No imports: the Settings app uses it too, and its
 * bundle stays small.
 */
export function phrasingsOf(question: string): string[] {
  return question
    .split(/\n|\s\/\s|\|/)
    .map((q) => q.trim())
    .filter(Boolean);
}
