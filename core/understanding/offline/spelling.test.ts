import { describe, expect, it } from 'vitest';
import { oneSlipApart, spelledAsTheBusiness, spellingsOf } from './spelling.ts';

describe('a slip of the keyboard, spelt as the business spells the word', () => {
  const dictionary = new Set(['message', 'massage', 'transfer', 'tomorrow', 'people', 'cooking', 'class', 'booking', 'passage']);
  const isWord = (w: string) => dictionary.has(w);
  const business = spellingsOf(['Spa & Thai massage', 'I need a car from the airport to my hotel', 'Airport transfer', 'Thai cooking class', 'Refund request']);

  it('reads a word left out, added, changed or swapped as the business word one slip away (r117)', () => {
    expect(spelledAsTheBusiness('cn i get a masage tmrw at 4 for 3 ppl', business, isWord)).toBe('cn i get a massage tmrw at 4 for 3 ppl');
    expect(spelledAsTheBusiness('airpot tranfer please', business, isWord)).toBe('airport transfer please');
    expect(spelledAsTheBusiness('thai cookign clas', business, isWord)).toBe('thai cooking clas');
    expect(spelledAsTheBusiness('a refundd', business, isWord)).toBe('a refund');
    expect(spelledAsTheBusiness('masssage', business, isWord)).toBe('massage');
  });

  it('leaves a word the dictionary knows, a short word, two slips, another first letter and a slip of two words alone', () => {
    // "message" is a word, one letter from "massage": the customer meant it.
    expect(spelledAsTheBusiness('i sent a message about my booking', business, isWord)).toBe('i sent a message about my booking');
    // Four letters or fewer: too many words are one slip from each other ("spa", "car").
    expect(spelledAsTheBusiness('a spq and a cat', business, isWord)).toBe('a spq and a cat');
    expect(spelledAsTheBusiness('msaasge', business, isWord)).toBe('msaasge');
    expect(spelledAsTheBusiness('nassage', business, isWord)).toBe('nassage');
    // One slip from two of the business's words: which one is not the bot's guess.
    const two = spellingsOf(['massage', 'passage', 'masage', 'mirage']);
    expect(spelledAsTheBusiness('masxage', two, isWord)).toBe('masxage');
    // Thai is untouched, and so is a Latin word in a text mostly Thai (as its meaning is).
    expect(spelledAsTheBusiness('จองนวดพรุ่งนี้', business, isWord)).toBe('จองนวดพรุ่งนี้');
    expect(spelledAsTheBusiness('จองนวดพรุ่งนี้ masage ค่ะ', business, isWord)).toBe('จองนวดพรุ่งนี้ masage ค่ะ');
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
