import { describe, expect, it } from 'vitest';
import { indexFor, scoreClasses, typeScoresOf } from './similarity-index.ts';
import { textFeatures, withoutWhatHappened } from './text-features.ts';
import { taxonomySchema } from '../taxonomy.ts';

const taxonomy = taxonomySchema.parse({
  caseTypes: [
    { key: 'declined_transfer', name: { en: 'Declined transfer' }, examples: ['my transfer was declined', 'why was my transfer declined?', 'โอนเงินไม่ผ่านค่ะ'] },
    { key: 'declined_withdrawal', name: { en: 'Declined cash withdrawal' }, examples: ['the ATM would not give me any cash', 'no money came out of the ATM', 'กดเงินจากตู้ไม่ได้'] },
    { key: 'pending_refund', name: { en: 'Pending refund' }, examples: ['my refund is still pending', 'ยังไม่ได้รับเงินคืนเลย'] },
  ],
  bookingTypes: [{ key: 'new_card', name: { en: 'New card' }, examples: ['I would like a new card', 'ขอบัตรใหม่ค่ะ'] }],
  faq: [{ key: 'fees', question: 'Is there a fee for transfers?\nค่าธรรมเนียมโอนเงินเท่าไหร่', answer: 'Transfers are free.' }],
});

describe('typeScoresOf: a text a few words shorter, rescored from the message', () => {
  // English (words, letters and meaning) and Thai (words and letters; its runs of letters join
  // across the words taken out).
  it.each(['I was declined when I tried to get cash at the ATM', 'my refund has not arrived and it is still pending', 'กดเงินไม่ผ่าน ยังไม่ได้รับเงินเลยค่ะ'])(
    'gives the type scores that scoring it anew gives: %s',
    (text) => {
      const index = indexFor(taxonomy);
      const f = textFeatures(text);
      const about = textFeatures(withoutWhatHappened(f.normalized));
      expect(about.words.size).toBeLessThan(f.words.size);
      const anew = scoreClasses(index, about);
      const scored = scoreClasses(index, f);
      const query = index.meaning?.query;
      const rescored = typeScoresOf(index, f, scored, about, () => true);
      for (let c = 0; c < index.classes.length; c++) {
        expect(rescored.typeTop1[c], index.classes[c].key).toBeCloseTo(anew.typeTop1[c], 6);
        expect(rescored.typeTopk[c], index.classes[c].key).toBeCloseTo(anew.typeTopk[c], 6);
      }
      // The index's scratch still holds the message's meaning, which the kind model and the FAQ
      // entry's topic check read after it.
      expect(index.meaning?.query).toBe(query);
    },
  );

  it('rescores the classes it is asked for and leaves the others with the message\'s scores', () => {
    const index = indexFor(taxonomy);
    const f = textFeatures('I was declined when I tried to get cash at the ATM');
    const about = textFeatures(withoutWhatHappened(f.normalized));
    const anew = scoreClasses(index, about);
    const scored = scoreClasses(index, f);
    expect(scored.meaning).toBe(true);
    const rescored = typeScoresOf(index, f, scored, about, (cls) => cls.kind === 'case');
    index.classes.forEach((cls, c) => {
      const expected = cls.kind === 'case' ? anew : scored;
      expect(rescored.typeTop1[c], cls.key).toBeCloseTo(expected.typeTop1[c], 6);
    });
    // And the case types' scores did change: "declined" is out.
    const withdrawal = index.classes.findIndex((cls) => cls.key === 'declined_withdrawal');
    const transfer = index.classes.findIndex((cls) => cls.key === 'declined_transfer');
    expect(rescored.typeTop1[transfer]).toBeLessThan(scored.typeTop1[transfer]);
    expect(rescored.typeTop1[withdrawal] - rescored.typeTop1[transfer]).toBeGreaterThan(scored.typeTop1[withdrawal] - scored.typeTop1[transfer]);
  });
});
