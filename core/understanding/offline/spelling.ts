/**
 * A customer's slip of the keyboard, spelt as the business spells the word: "cn i get a masage tmrw
 * at 4 for 3 ppl" (r117) was read as the spa's booking at 0.21 and "can i book a masage ..." as the
 * airport transfer, because "masage" shares no word with "massage" and only some of its letters.
 *
 * Only a word no English dictionary knows (the word vectors' 100,000 words: "message" is a word and
 * stays one) of at least five letters, one slip (a letter left out, added, changed, or two swapped)
 * from exactly one word of the business's own texts (its examples, names and keywords, and the
 * built-in examples), with the same first letter, in a text mostly in Latin letters. Without the word vectors there is no dictionary to
 * tell a slip from a word the business never wrote, and nothing is changed.
 */

import { normalizeText } from './text-features.ts';

const MIN_LETTERS = 5;
const LATIN_WORD = /[a-z]+/g;
const LATIN_LETTER = /[a-z]/g;
const THAI_LETTER = /[\u0E01-\u0E4E]/g;

/** The business's words by each form one letter shorter (and by themselves): a slip's candidates. */
export type Spellings = Map<string, string[]>;

/** The words of `texts` (normalised, lower case) worth correcting towards, indexed by their one-letter deletions. */
export function spellingsOf(texts: Iterable<string>): Spellings {
  const out: Spellings = new Map();
  const seen = new Set<string>();
  for (const text of texts) {
    for (const [word] of text.toLowerCase().matchAll(LATIN_WORD)) {
      if (word.length < MIN_LETTERS || seen.has(word)) continue;
      seen.add(word);
      for (const form of [word, ...deletions(word)]) {
        const list = out.get(form);
        if (!list) out.set(form, [word]);
        else if (!list.includes(word)) list.push(word);
      }
    }
  }
  return out;
}

/**
 * The customer's `text`, normalised as the classifier reads it (`normalizeText`), with each slip spelt
 * as the business spells the word (see above); undefined when nothing in it is a slip. `isWord` says
 * whether the dictionary knows a word. Normalised first: "couldn't" and "doesnt" are "could not" and
 * "does not" before any word is read as a slip ("couldn" is no word, one letter from "could").
 */
export function spelledAsTheBusiness(text: string, spellings: Spellings, isWord: (word: string) => boolean): string | undefined {
  const normalized = normalizeText(text);
  // A text mostly in Thai is read as it is, as its meaning is (word-vectors.ts): "error" in a Thai message is not corrected.
  if ((normalized.match(THAI_LETTER)?.length ?? 0) >= (normalized.match(LATIN_LETTER)?.length ?? 0)) return undefined;
  let slips = 0;
  const spelt = normalized.replace(LATIN_WORD, (word) => {
    if (word.length < MIN_LETTERS || isWord(word)) return word;
    const candidates = new Set<string>();
    for (const form of [word, ...deletions(word)]) {
      for (const c of spellings.get(form) ?? []) if (c !== word && c[0] === word[0] && oneSlipApart(word, c)) candidates.add(c);
    }
    if (candidates.size !== 1) return word;
    slips++;
    return [...candidates][0];
  });
  return slips ? spelt : undefined;
}

function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * One letter left out, added or changed, or two neighbours swapped. (Two words that share a form one
 * letter shorter may be two slips apart: "abcx" and "aybc" both give "abc".)
 */
export function oneSlipApart(a: string, b: string): boolean {
  if (a === b) return false;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i);
}
