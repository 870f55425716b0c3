import { describe, expect, it } from 'vitest';
import { oneSlipApart, spelledAsTheBusiness, spellingsOf } from './spelling.ts';

describe('a slip of the keyboard, spelt as the business spells the word', () => {
  const dictionary = new Set(['message', 'massage', 'transfer', 'tomorrow', 'people', 'cooking', 'class', 'booking', 'passage']);
  const isWord = (w: string) => dictionary.has(w);
  const business = spellingsOf(['Spa & Thai massage', 'I need a car from the airport to my hotel', 'Airport transfer', 'Thai cooking class', 'Refund request']);

  it('reads a word left out, added, changed or swapped as the business word one slip away (r117)', () => {
    // The text comes back normalised ("tmrw" is "tomorrow").
    expect(spelledAsTheBusiness('cn i get a masage tmrw at 4 for 3 ppl', business, isWord)).toBe('cn i get a massage tomorrow at 4 for 3 ppl');
    expect(spelledAsTheBusiness('airpot tranfer please', business, isWord)).toBe('airport transfer please');
    expect(spelledAsTheBusiness('thai cookign clas', business, isWord)).toBe('thai cooking clas');
    expect(spelledAsTheBusiness('a refundd', business, isWord)).toBe('a refund');
    expect(spelledAsTheBusiness('massagge', business, isWord)).toBe('massage');
  });

  it('leaves a word the dictionary knows, a short word, two slips, another first letter and a slip of two words alone', () => {
    const unchanged = (text: string) => expect(spelledAsTheBusiness(text, business, isWord), text).toBeUndefined();
    // "message" is a word, one letter from "massage": the customer meant it.
    unchanged('i sent a message about my booking');
    // Four letters or fewer: too many words are one slip from each other ("spa", "car").
    unchanged('a spq and a cat');
    unchanged('msaasge');
    unchanged('nassage');
    // One slip from two of the business's words: which one is not the bot's guess.
    const two = spellingsOf(['massage', 'passage', 'masage', 'mirage']);
    expect(spelledAsTheBusiness('masxage', two, isWord)).toBeUndefined();
    // Thai is untouched, and so is a Latin word in a text mostly Thai (as its meaning is).
    unchanged('จองนวดพรุ่งนี้');
    unchanged('จองนวดพรุ่งนี้ masage ค่ะ');
  });

  it('reads a contraction as one before any slip: "couldn\'t" is "could not", not "could\'t"', () => {
    const could = spellingsOf(['I could not log in', 'the page does not load']);
    expect(spelledAsTheBusiness("I couldn't log in", could, isWord)).toBeUndefined();
    expect(spelledAsTheBusiness('the page doesnt lod, the acount is locked', spellingsOf(['my account is locked']), isWord)).toBe('the page does not lod, the account is locked');
  });

  it('counts one slip, not two that share a shorter form', () => {
    expect(oneSlipApart('masage', 'massage')).toBe(true);
    expect(oneSlipApart('massgae', 'massage')).toBe(true);
    expect(oneSlipApart('massege', 'massage')).toBe(true);
    expect(oneSlipApart('abcx', 'aybc')).toBe(false);
    expect(oneSlipApart('massage', 'massage')).toBe(false);
    expect(oneSlipApart('mas', 'massage')).toBe(false);
  });
});
